import type {Ctx} from '../context.js';
import {enumQuery, intParam, json, principalOf} from '../context.js';
import type {FilterNode} from '../filter.js';
import {parseFilter} from '../filter.js';
import {badRequest, notFound} from '../goa.js';
import {PRIVILEGE} from '../privileges.js';
import type {Route} from '../router.js';
import {parseTimestamp} from '../time.js';
import {userView} from '../views.js';

/**
 * Org users (API.md §6.6, §4.4, §4.5): `{kind:"iam#org-user-list", values, nextPage?}`.
 * [?] Page size and skipToken are undocumented; [I] pages of 25, skipToken an opaque base64url
 * offset, and nextPage a path relative to the API host that keeps filter, orderBy and accessSource.
 * [I] eq/ne/co compare strings without regard to case.
 */
export const USERS_PAGE_SIZE = 25;

type UserRow = ReturnType<typeof userView>;

const STRING_FIELDS = ['email', 'firstName', 'lastName'] as const;
const TIME_FIELDS = ['lastUILogin', 'lastAPILogin'] as const;
const ORDER_FIELDS = ['firstName', 'lastName', 'email', 'lastUILogin', 'lastAPILogin'] as const;

function compileFilter(node: FilterNode): (row: UserRow) => boolean {
  if (node.type !== 'term') {
    const left = compileFilter(node.left);
    const right = compileFilter(node.right);
    return node.type === 'and'
      ? (row) => left(row) && right(row)
      : (row) => left(row) || right(row);
  }
  const {field, op, value} = node;
  if ((STRING_FIELDS as readonly string[]).includes(field)) {
    const wanted = value.toLowerCase();
    const get = (row: UserRow) =>
      String(row[field as (typeof STRING_FIELDS)[number]]).toLowerCase();
    if (op === 'eq') return (row) => get(row) === wanted;
    if (op === 'ne') return (row) => get(row) !== wanted;
    if (op === 'co') return (row) => get(row).includes(wanted);
    throw badRequest(`filter: ${field} supports co, eq and ne, not "${op}"`);
  }
  if ((TIME_FIELDS as readonly string[]).includes(field)) {
    const limit = parseTimestamp(value);
    if (Number.isNaN(limit)) throw badRequest(`filter: "${value}" is not an RFC 3339 timestamp`);
    const compare: Record<string, (a: number) => boolean> = {
      gt: (a) => a > limit,
      lt: (a) => a < limit,
      ge: (a) => a >= limit,
      le: (a) => a <= limit,
    };
    const test = compare[op];
    if (!test) throw badRequest(`filter: ${field} supports gt, lt, ge and le, not "${op}"`);
    return (row) => {
      const at = row[field as (typeof TIME_FIELDS)[number]];
      return at !== undefined && test(Date.parse(at));
    };
  }
  if (field === 'hasActiveRefreshToken') {
    if (op !== 'eq') throw badRequest('filter: hasActiveRefreshToken supports only eq');
    if (value !== 'true' && value !== 'false')
      throw badRequest('filter: hasActiveRefreshToken takes true or false');
    return (row) => row.hasActiveRefreshToken === (value === 'true');
  }
  throw badRequest(`filter: unknown field "${field}"`);
}

function compileOrder(orderBy: string): (a: UserRow, b: UserRow) => number {
  const keys = orderBy.split(',').map((part) => {
    const [field, direction = 'asc', ...rest] = part.trim().split(/\s+/);
    if (!field || !(ORDER_FIELDS as readonly string[]).includes(field) || rest.length > 0) {
      throw badRequest(
        `orderBy: "${part.trim()}" is not one of ${ORDER_FIELDS.join(', ')} with an optional asc or desc`,
      );
    }
    if (direction !== 'asc' && direction !== 'desc')
      throw badRequest(`orderBy: direction must be asc or desc`);
    return {field: field as (typeof ORDER_FIELDS)[number], sign: direction === 'asc' ? 1 : -1};
  });
  return (a, b) => {
    for (const {field, sign} of keys) {
      const x = a[field];
      const y = b[field];
      if (x === y) continue;
      if (x === undefined) return 1; // missing values last, whatever the direction
      if (y === undefined) return -1;
      return sign * x.localeCompare(y, 'en', {sensitivity: 'base'}) || sign * (x < y ? -1 : 1);
    }
    return a.id - b.id;
  };
}

function decodeSkipToken(token: string): number {
  const match = /^o(\d{1,9})$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  if (!match) throw badRequest('skipToken is invalid');
  return Number(match[1]);
}

function list(ctx: Ctx) {
  const orgId = intParam(ctx, 'orgId');
  const params = ctx.url.searchParams;
  const accessSource = enumQuery(ctx, 'accessSource', ['org_member', 'external_access_policy']);
  const filter = params.get('filter');
  const test = filter === null ? () => true : compileFilter(parseFilter(filter));
  const order = compileOrder(params.get('orderBy')?.trim() || 'firstName asc');
  const skipToken = params.get('skipToken');
  const offset = skipToken === null ? 0 : decodeSkipToken(skipToken);

  const rows: UserRow[] = [];
  for (const userId of ctx.state.members.get(orgId)?.keys() ?? []) {
    const user = ctx.state.users.get(userId);
    if (user) rows.push(userView(ctx.state, orgId, user, ctx.now));
  }
  const selected = rows
    .filter((row) => (!accessSource || row.accessSource === accessSource) && test(row))
    .sort(order);
  const values = selected.slice(offset, offset + USERS_PAGE_SIZE);
  const body: Record<string, unknown> = {kind: 'iam#org-user-list', values};
  if (offset + USERS_PAGE_SIZE < selected.length) {
    const next = new URLSearchParams();
    for (const key of ['filter', 'orderBy', 'accessSource']) {
      const value = params.get(key);
      if (value !== null) next.set(key, value);
    }
    next.set('skipToken', Buffer.from(`o${offset + USERS_PAGE_SIZE}`).toString('base64url'));
    const path = `/iam/v1/orgs/${orgId}/users?${next.toString()}`;
    body.nextPage = ctx.core.forms.nextPage === 'absolute' ? `${ctx.zone.origin}${path}` : path;
  }
  return json(body);
}

function show(ctx: Ctx) {
  const orgId = intParam(ctx, 'orgId');
  const user = ctx.state.users.get(intParam(ctx, 'id'));
  if (!user || !ctx.state.isMember(orgId, user.id)) throw notFound('user not found in this org');
  return json(userView(ctx.state, orgId, user, ctx.now));
}

/** NEWER endpoint (API.md §6.11): the caller's own profile; service-account tokens get 403 [I]. */
function me(ctx: Ctx) {
  const principal = principalOf(ctx);
  const user = principal.kind === 'user' ? ctx.state.users.get(principal.userId) : undefined;
  if (!user) throw notFound();
  return json({
    kind: 'iam#user',
    id: user.id,
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
    isNameManagedByIDP: false,
  });
}

export const userRoutes: Route[] = [
  {
    method: 'GET',
    path: '/iam/v1/orgs/{orgId}/users',
    privilege: PRIVILEGE.orgUser('index'),
    handler: list,
  },
  {
    method: 'GET',
    path: '/iam/v1/orgs/{orgId}/users/{id}',
    privilege: PRIVILEGE.orgUser('show'),
    handler: show,
  },
  {method: 'GET', path: '/iam/v1/users/me', userOnly: true, handler: me},
];
