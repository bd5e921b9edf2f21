/**
 * The reads `doctor` makes: one of each kind the app makes, in the order the app needs their ids
 * (orgs → org → its accounts → a client → its secrets). Each answer is held against the app's own
 * schema (source/api/schemas.ts) and its shape kept for the comparison with the emulator.
 */
import type {z} from 'zod';
import {eventWindowFilter} from '../api/api-events.js';
import {
  AccessRuleSchema,
  ApiEventPageSchema,
  ApiEventSchema,
  CapabilitySchema,
  ClientSecretSchema,
  OrgSchema,
  OrgUserPageSchema,
  ProjectSchema,
  RefreshTokenSchema,
  RoleSchema,
  ServiceAccountClientSchema,
  ServiceAccountSchema,
  UserOrgSchema,
  listOf,
} from '../api/schemas.js';
import {shapeOf, type Shape} from './shape.js';

export interface Answer {
  status: number;
  /** Parsed JSON, or undefined (no body, or not JSON: see `json`). */
  body: unknown;
  json: boolean;
}

/** GET a path (with query) on the API origin, with the caller's token. */
export type Fetcher = (path: string, query?: Record<string, string>) => Promise<Answer>;

export interface ReadResult {
  read: string;
  status?: number;
  shape?: Shape;
  /** Where the app's schema refused the answer: `field: code`, never values. */
  appIssues: string[];
  /** Why there is no answer to compare (refused, missing endpoint, nothing to read). */
  note?: string;
  failed: boolean;
}

function issuesOf(schema: z.ZodType, body: unknown): string[] {
  const result = schema.safeParse(body);
  if (result.success) return [];
  return result.error.issues.map(
    (issue) => `${issue.path.length ? issue.path.join('.') : 'body'}: ${issue.code}`,
  );
}

function goaName(body: unknown): string {
  const name = (body as {name?: unknown} | undefined)?.name;
  return typeof name === 'string' && /^[a-z_]{1,40}$/.test(name) ? ` ${name}` : '';
}

function firstId(body: unknown, schema: z.ZodType<{id: number}>): number | undefined {
  const list = listOf(schema).safeParse(body);
  return list.success ? list.data[0]?.id : undefined;
}

export interface ReadPlanOptions {
  /** undefined for a service-account token: user-only reads are skipped. */
  userId?: number;
  orgId?: number;
  now: number;
}

const ONE_DAY = 86_400_000;

/** Runs every read; never throws for an HTTP answer (network errors propagate). */
export async function runReads(fetch: Fetcher, options: ReadPlanOptions): Promise<ReadResult[]> {
  const results: ReadResult[] = [];
  const read = async (
    name: string,
    path: string,
    schema: z.ZodType,
    query?: Record<string, string>,
    extra?: (body: unknown) => string[],
  ): Promise<Answer | undefined> => {
    const answer = await fetch(path, query);
    if (answer.status >= 400 || !answer.json) {
      const refused = answer.status === 403 || answer.status === 404;
      results.push({
        read: name,
        status: answer.status,
        appIssues: [],
        note:
          answer.status === 403
            ? 'not permitted for this token (forbidden)'
            : answer.status === 404
              ? `not found${goaName(answer.body)}`
              : answer.status >= 400
                ? `HTTP ${answer.status}${goaName(answer.body)}`
                : 'the answer is not JSON',
        failed: !refused,
      });
      return undefined;
    }
    const appIssues = [...issuesOf(schema, answer.body), ...(extra?.(answer.body) ?? [])];
    results.push({
      read: name,
      status: answer.status,
      shape: shapeOf(answer.body),
      appIssues,
      failed: appIssues.length > 0,
    });
    return answer;
  };
  const skip = (name: string, note: string) =>
    results.push({read: name, appIssues: [], note, failed: false});

  let orgId = options.orgId;
  if (options.userId !== undefined) {
    const orgs = await read(
      'list your orgs',
      `/iam/v1/users/${options.userId}/orgs`,
      listOf(UserOrgSchema),
    );
    orgId ??= orgs ? firstId(orgs.body, UserOrgSchema) : undefined;
  } else skip('list your orgs', 'a service-account token has no user');
  if (orgId === undefined) {
    skip('the org reads', 'no org: pass --org ID');
    return results;
  }
  const org = `/iam/v1/orgs/${orgId}`;
  await read('show org', org, OrgSchema);
  await read('list roles', `${org}/roles`, listOf(RoleSchema));
  await read('list access rules', `${org}/access-rules`, listOf(AccessRuleSchema));
  await read('list projects', `${org}/projects`, listOf(ProjectSchema));
  await read('list org users', `${org}/users`, OrgUserPageSchema);
  await read('list capabilities', `${org}/capabilities`, listOf(CapabilitySchema));
  await read(
    'list API events',
    `${org}/api-events`,
    ApiEventPageSchema,
    {filter: eventWindowFilter({from: options.now - ONE_DAY, to: options.now}), limit: '5'},
    (body) => {
      const values = (body as {values?: unknown[]}).values ?? [];
      return values.flatMap((item, index) =>
        issuesOf(ApiEventSchema, item).map((issue) => `values.${index}.${issue}`),
      );
    },
  );
  const accounts = await read(
    'list service accounts',
    `${org}/service-accounts`,
    listOf(ServiceAccountSchema),
  );
  const parsed = listOf(ServiceAccountSchema).safeParse(accounts?.body);
  const ids = parsed.success ? parsed.data.slice(0, 5).map((account) => account.id) : [];
  let client: {serviceAccountId: number; clientId: string} | undefined;
  for (const id of ids) {
    const answer = await fetch(`${org}/service-accounts/${id}/clients`);
    const list = listOf(ServiceAccountClientSchema).safeParse(answer.body);
    if (answer.status === 200 && list.success && list.data[0]) {
      client = {serviceAccountId: id, clientId: list.data[0].clientId};
      results.push({
        read: 'list clients',
        status: answer.status,
        shape: shapeOf(answer.body),
        appIssues: [],
        failed: false,
      });
      break;
    }
  }
  if (!client) skip('list clients', 'no client among the first service accounts');
  else {
    const secrets = `${org}/service-accounts/${client.serviceAccountId}/clients/${encodeURIComponent(client.clientId)}/client-secrets`;
    const before = results.length;
    await read('list client secrets', secrets, listOf(ClientSecretSchema));
    const last = results[before];
    if (last?.status === 404)
      last.note =
        'not found: this deployment has no client-secret endpoints (rotation uses a second client)';
  }
  if (options.userId !== undefined)
    await read('list refresh tokens', '/iam/v1/refresh-tokens', listOf(RefreshTokenSchema));
  else skip('list refresh tokens', 'a service-account token has no user');
  return results;
}
