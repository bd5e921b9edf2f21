import type {Ctx} from '../context.js';
import {actingUserId, enumQuery, intParam, json, noContent, objectBody} from '../context.js';
import {badRequest, notFound} from '../goa.js';
import {PRIVILEGE} from '../privileges.js';
import type {Route} from '../router.js';
import type {ServiceAccount} from '../state.js';
import {checkDescription, checkName} from '../validate.js';
import {serviceAccountView} from '../views.js';

/** "A maximum of 20 service accounts may exist in an org at any one time." (API.md §6.2) */
const MAX_SERVICE_ACCOUNTS = 20;

function findAccount(ctx: Ctx, param = 'id'): ServiceAccount {
  const sa = ctx.state.serviceAccounts.get(intParam(ctx, param));
  if (!sa || sa.orgId !== intParam(ctx, 'orgId')) throw notFound('service account not found');
  return sa;
}

export function serviceAccountOf(ctx: Ctx): ServiceAccount {
  return findAccount(ctx, 'serviceAccountId');
}

function list(ctx: Ctx) {
  // [?] API.md §6.2: what view=index changes is unknown; [I] the same fields.
  enumQuery(ctx, 'view', ['index']);
  return json(ctx.state.serviceAccountsIn(intParam(ctx, 'orgId')).map(serviceAccountView));
}

function show(ctx: Ctx) {
  enumQuery(ctx, 'view', ['default', 'index']);
  return json(serviceAccountView(findAccount(ctx)));
}

/**
 * 201, empty body, relative Location (API.md §6.2). Unknown fields are tolerated. [I] Names need
 * not be unique (API.md §10). [I] The 21st account gets 400 bad_request.
 */
function create(ctx: Ctx) {
  const orgId = intParam(ctx, 'orgId');
  const body = objectBody(ctx);
  if (body.name === undefined) throw badRequest('name is required');
  const name = checkName(body.name);
  const description =
    body.description === undefined ? undefined : checkDescription(body.description);
  if (ctx.state.serviceAccountsIn(orgId).length >= MAX_SERVICE_ACCOUNTS) {
    throw badRequest(
      `org ${orgId} already has ${MAX_SERVICE_ACCOUNTS} service accounts, the maximum; delete one before creating another`,
    );
  }
  const stamp = ctx.state.stamp(ctx.now);
  const sa: ServiceAccount = {
    id: ctx.state.nextServiceAccountId++,
    orgId,
    name,
    description,
    createdBy: actingUserId(ctx),
    createdAt: stamp,
    updatedAt: stamp,
  };
  ctx.state.serviceAccounts.set(sa.id, sa);
  return {status: 201, headers: {location: `/iam/v1/orgs/${orgId}/service-accounts/${sa.id}`}};
}

/** 204, no body (API.md §6.2). [I] An empty object changes nothing and still answers 204. */
function update(ctx: Ctx) {
  const sa = findAccount(ctx);
  const body = objectBody(ctx);
  const name = body.name === undefined ? undefined : checkName(body.name);
  const description =
    body.description === undefined ? undefined : checkDescription(body.description);
  if (name !== undefined) sa.name = name;
  if (description !== undefined) sa.description = description;
  if (name !== undefined || description !== undefined) sa.updatedAt = ctx.state.stamp(ctx.now);
  return noContent();
}

/** Its clients and access rules go with it (API.md §9). */
function remove(ctx: Ctx) {
  ctx.state.deleteServiceAccount(findAccount(ctx).id);
  return noContent();
}

const BASE = '/iam/v1/orgs/{orgId}/service-accounts';

export const serviceAccountRoutes: Route[] = [
  {method: 'GET', path: BASE, privilege: PRIVILEGE.serviceAccount('index'), handler: list},
  {method: 'POST', path: BASE, privilege: PRIVILEGE.serviceAccount('create'), handler: create},
  {method: 'GET', path: `${BASE}/{id}`, privilege: PRIVILEGE.serviceAccount('show'), handler: show},
  {
    method: 'PATCH',
    path: `${BASE}/{id}`,
    privilege: PRIVILEGE.serviceAccount('update'),
    handler: update,
  },
  {
    method: 'DELETE',
    path: `${BASE}/{id}`,
    privilege: PRIVILEGE.serviceAccount('delete'),
    handler: remove,
  },
];
