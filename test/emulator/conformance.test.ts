import {readFile} from 'node:fs/promises';
import {Ajv, type ValidateFunction} from 'ajv';
import formatsModule from 'ajv-formats';
import {afterAll, beforeAll, describe, expect, it, type TestContext} from 'vitest';
import type {Emulator} from '../../source/emulator/index.js';
import {inCi} from '../helpers/ci.js';
import {call, type Answer, seededAccount, start, userToken} from './helpers.js';

/**
 * Conformance: the emulator's answers hold against Flexera's own OpenAPI documents in
 * ../shared/flexera (read in place, never copied). Outside CI a missing document skips with the
 * reason; in CI (FLEXERA_SA_TEST_CI / CI) it fails.
 */

type Doc = {
  paths: Record<
    string,
    Record<string, {responses: Record<string, {content?: Record<string, {schema: unknown}>}>}>
  >;
};

const IAM_URL = new URL('../../../shared/flexera/iam-v1.subset.openapi.json', import.meta.url);
const EXTRA_URL = new URL('../../../shared/flexera/iam-v1.extra.openapi.json', import.meta.url);
const LOGIN_URL = new URL(
  '../../../shared/flexera/login-token-service.openapi.json',
  import.meta.url,
);

async function load(url: URL): Promise<Doc | undefined> {
  try {
    return JSON.parse(await readFile(url, 'utf8')) as Doc;
  } catch {
    return undefined;
  }
}

function needDoc(ctx: TestContext, doc: Doc | undefined, url: URL): Doc {
  if (doc) return doc;
  const message = `${url.pathname} is not present (the shared Flexera reference files sit beside the repository)`;
  if (inCi()) throw new Error(`conformance must run in CI: ${message}`);
  ctx.skip(message);
  throw new Error('unreachable');
}

function makeAjv(): Ajv {
  // OpenAPI 3.0 keywords (example, …) are not JSON Schema: strict off so they are ignored.
  const ajv = new Ajv({strict: false, allErrors: true});
  const addFormats =
    (formatsModule as unknown as {default: (a: Ajv) => Ajv}).default ??
    (formatsModule as unknown as (a: Ajv) => Ajv);
  addFormats(ajv);
  // UserList.nextPage says `format: uri`, yet the SPEC's own example (and API.md §4.4) is a path
  // relative to the API host ("/iam/v1/orgs/123/users?skipToken=…"). Accept URI references there.
  ajv.addFormat('uri', {validate: (value: string) => URL.canParse(value, 'http://base.invalid')});
  return ajv;
}

/** Rewrites the document's local refs (`#/components/…`) to point into the schema added as `id`. */
function rebase(schema: unknown, id: string): unknown {
  if (Array.isArray(schema)) return schema.map((item) => rebase(item, id));
  if (typeof schema !== 'object' || schema === null) return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([key, value]) => [
      key,
      key === '$ref' && typeof value === 'string' && value.startsWith('#')
        ? `${id}${value}`
        : rebase(value, id),
    ]),
  );
}

class Checker {
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(
    private readonly ajv: Ajv,
    private readonly doc: Doc,
    private readonly id: string,
  ) {
    ajv.addSchema(doc as object, id);
  }

  /** Checks status, content type and body of an answer against the documented response. */
  check(path: string, method: string, answer: Answer): void {
    const response = this.doc.paths[path]?.[method]?.responses[String(answer.status)];
    expect(response, `${method.toUpperCase()} ${path} documents ${answer.status}`).toBeDefined();
    const content = response!.content;
    if (!content) {
      expect(answer.text, `${method.toUpperCase()} ${path} ${answer.status} has no body`).toBe('');
      return;
    }
    const contentType = answer.headers.get('content-type') ?? '';
    expect(
      Object.keys(content),
      `${method.toUpperCase()} ${path} ${answer.status} content type`,
    ).toContain(contentType);
    const key = `${path} ${method} ${answer.status} ${contentType}`;
    let validate = this.cache.get(key);
    if (!validate) {
      validate = this.ajv.compile(rebase(content[contentType]!.schema, this.id) as object);
      this.cache.set(key, validate);
    }
    const valid = validate(answer.body);
    expect(
      valid ? [] : validate.errors,
      `${method.toUpperCase()} ${path} ${answer.status}: ${answer.text.slice(0, 300)}`,
    ).toEqual([]);
  }
}

interface EventPage {
  values: Array<{request: {httpPath?: string}; response: {httpCode?: number}}>;
  nextPage?: string;
}

describe('conformance with the official OpenAPI documents', () => {
  let emu: Emulator;
  let nam: string;
  let token: string;
  let iamDoc: Doc | undefined;
  let loginDoc: Doc | undefined;
  let extraDoc: Doc | undefined;

  beforeAll(async () => {
    [iamDoc, loginDoc, extraDoc] = await Promise.all([
      load(IAM_URL),
      load(LOGIN_URL),
      load(EXTRA_URL),
    ]);
    emu = await start();
    nam = emu.zones.nam.api;
    token = await userToken(emu);
  });
  afterAll(() => emu.close());

  it('IAM v1 answers match iam-v1.subset.openapi.json', async (ctx) => {
    const iam = new Checker(makeAjv(), needDoc(ctx, iamDoc, IAM_URL), 'iam');
    const get = (path: string, t = token) => call(nam, path, {token: t});
    const O = '/iam/v1/orgs/{orgId}';

    iam.check(O, 'get', await get('/iam/v1/orgs/1105'));
    iam.check(
      '/iam/v1/users/{id}/orgs',
      'get',
      await get(`/iam/v1/users/${emu.seed.demoUser.nam.id}/orgs`),
    );

    iam.check(`${O}/service-accounts`, 'get', await get('/iam/v1/orgs/1105/service-accounts'));
    iam.check(
      `${O}/service-accounts`,
      'get',
      await get('/iam/v1/orgs/1105/service-accounts?view=index'),
    );
    const created = await call(nam, '/iam/v1/orgs/1105/service-accounts', {
      method: 'POST',
      token,
      body: {name: 'conformance', description: 'd'},
    });
    iam.check(`${O}/service-accounts`, 'post', created);
    const location = created.headers.get('location')!;
    iam.check(`${O}/service-accounts/{id}`, 'get', await get(location));
    iam.check(
      `${O}/service-accounts/{id}`,
      'get',
      await get('/iam/v1/orgs/1105/service-accounts/2261'),
    ); // no description
    iam.check(
      `${O}/service-accounts/{id}`,
      'patch',
      await call(nam, location, {method: 'PATCH', token, body: {name: 'renamed'}}),
    );

    const clients = `${location}/clients`;
    const minted = await call<{clientId: string}>(nam, clients, {method: 'POST', token});
    iam.check(`${O}/service-accounts/{serviceAccountId}/clients`, 'post', minted);
    iam.check(`${O}/service-accounts/{serviceAccountId}/clients`, 'get', await get(clients));
    iam.check(
      `${O}/service-accounts/{serviceAccountId}/clients/{clientId}`,
      'get',
      await get(`${clients}/${minted.body.clientId}`),
    );
    iam.check(
      `${O}/service-accounts/{serviceAccountId}/clients/{clientId}`,
      'delete',
      await call(nam, `${clients}/${minted.body.clientId}`, {method: 'DELETE', token}),
    );

    iam.check(`${O}/roles`, 'get', await get('/iam/v1/orgs/1105/roles'));
    iam.check(`${O}/roles/{id}`, 'get', await get('/iam/v1/orgs/1105/roles/678907'));

    const grant = {
      role: {name: 'observer'},
      subject: {ref: `ref::::iam:service-account:${location.split('/').pop()}`},
    };
    iam.check(
      `${O}/access-rules/grant`,
      'put',
      await call(nam, '/iam/v1/orgs/1105/access-rules/grant', {method: 'PUT', token, body: grant}),
    );
    iam.check(`${O}/access-rules`, 'get', await get('/iam/v1/orgs/1105/access-rules'));
    iam.check(
      `${O}/access-rules`,
      'get',
      await get('/iam/v1/orgs/1105/access-rules?view=extended'),
    );
    iam.check(
      `${O}/access-rules`,
      'get',
      await get(
        `/iam/v1/orgs/1105/access-rules?filter=${encodeURIComponent("scopeRef eq 'ref:nam:1105::iam:project:2346'")}`,
      ),
    );
    iam.check(
      `${O}/access-rules/revoke`,
      'put',
      await call(nam, '/iam/v1/orgs/1105/access-rules/revoke', {method: 'PUT', token, body: grant}),
    );

    const firstPage = await get('/iam/v1/orgs/1105/users');
    iam.check(`${O}/users`, 'get', firstPage);
    expect((firstPage.body as {nextPage?: string}).nextPage).toBeDefined();
    iam.check(`${O}/users`, 'get', await get((firstPage.body as {nextPage: string}).nextPage));
    iam.check(`${O}/users/{id}`, 'get', await get(`/iam/v1/orgs/1105/users/${emu.seed.viewer.id}`));
    iam.check(`${O}/projects`, 'get', await get('/iam/v1/orgs/1105/projects'));

    const tokens = await get('/iam/v1/refresh-tokens');
    iam.check('/iam/v1/refresh-tokens', 'get', tokens);
    iam.check(
      '/iam/v1/refresh-tokens/{id}',
      'get',
      await get(`/iam/v1/refresh-tokens/${(tokens.body as Array<{id: string}>)[0]!.id}`),
    );

    iam.check(
      `${O}/service-accounts/{id}`,
      'delete',
      await call(nam, location, {method: 'DELETE', token}),
    );

    // Error answers: Goa bodies under application/vnd.goa.error.
    iam.check(
      `${O}/service-accounts`,
      'post',
      await call(nam, '/iam/v1/orgs/1105/service-accounts', {
        method: 'POST',
        token,
        body: {name: ''},
      }),
    );
    iam.check(
      `${O}/service-accounts`,
      'get',
      await get('/iam/v1/orgs/1105/service-accounts', 'bad-token'),
    );
    iam.check(`${O}/service-accounts`, 'get', await get('/iam/v1/orgs/1207/service-accounts'));
    iam.check(
      `${O}/service-accounts/{id}`,
      'get',
      await get('/iam/v1/orgs/1105/service-accounts/999999'),
    );
    iam.check(
      `${O}/access-rules`,
      'get',
      await get(`/iam/v1/orgs/1105/access-rules?filter=${encodeURIComponent('nonsense')}`),
    );
    emu.faults.inject({
      path: '/iam/v1/orgs/1105/roles',
      fault: {type: 'status', status: 429, retryAfterSeconds: 2},
    });
    iam.check(`${O}/roles`, 'get', await get('/iam/v1/orgs/1105/roles'));
    emu.faults.inject({path: '/iam/v1/orgs/1105/projects', fault: {type: 'status', status: 502}});
    iam.check(`${O}/projects`, 'get', await get('/iam/v1/orgs/1105/projects'));
  });

  it('API events match iam-v1.subset.openapi.json, apart from the documented gaps', async (ctx) => {
    const iam = new Checker(makeAjv(), needDoc(ctx, iamDoc, IAM_URL), 'iam');
    const path = '/iam/v1/orgs/{orgId}/api-events';
    const get = (query: string, t = token) =>
      call(nam, `/iam/v1/orgs/1105/api-events${query}`, {token: t});
    await call(nam, '/iam/v1/orgs/1105/service-accounts', {token: 'bad'}); // no principal
    const now = Date.now();
    const bound = (from: number, to: number) =>
      encodeURIComponent(
        `(timestamp ge '${new Date(from).toISOString()}' and timestamp le '${new Date(to).toISOString()}')`,
      );
    // The last hour: live calls (user, none), no seeded gaps.
    const recent = await get(`?filter=${bound(now - 3_600_000, now + 1000)}&limit=200`);
    iam.check(path, 'get', recent);
    const page = await get('?limit=3');
    iam.check(path, 'get', page);
    iam.check(
      path,
      'get',
      await get(
        `?limit=3&skipToken=${new URL((page.body as {nextPage: string}).nextPage, nam).searchParams.get('skipToken')}`,
      ),
    );
    // The whole history: only the events the real service sends without a path or a response
    // code (API.md §12.1) fall outside the schema, and only on those two fields.
    const gaps: string[] = [];
    let next: string | undefined =
      `/iam/v1/orgs/1105/api-events?filter=${bound(now - 91 * 86_400_000, now)}&limit=200`;
    while (next) {
      const answer: Answer<EventPage> = await call<EventPage>(nam, next, {token});
      const clean = {
        ...answer,
        body: {
          ...answer.body,
          values: answer.body.values.filter((event) => {
            if (event.request.httpPath === undefined) gaps.push('request.httpPath');
            if (event.response.httpCode === undefined) gaps.push('response.httpCode');
            return event.request.httpPath !== undefined && event.response.httpCode !== undefined;
          }),
        },
      };
      iam.check(path, 'get', clean);
      next = answer.body.nextPage;
    }
    expect(new Set(gaps)).toEqual(new Set(['request.httpPath', 'response.httpCode']));
    iam.check(path, 'get', await get('?limit=500'));
    iam.check(
      path,
      'get',
      await get('', await userToken(emu, 'nam', emu.seed.viewer.refreshToken)),
    );
  });

  it('client secrets and capabilities match iam-v1.extra.openapi.json', async (ctx) => {
    const extra = new Checker(makeAjv(), needDoc(ctx, extraDoc, EXTRA_URL), 'extra');
    const O = '/iam/v1/orgs/{orgId}';
    const C = `${O}/service-accounts/{serviceAccountId}/clients/{clientId}`;
    const {clientId} = seededAccount(emu, 2260).clients[0]!;
    const client = `/iam/v1/orgs/1105/service-accounts/2260/clients/${clientId}`;
    extra.check(`${C}/client-secrets`, 'get', await call(nam, `${client}/client-secrets`, {token}));
    extra.check(
      `${C}/client-secret`,
      'post',
      await call(nam, `${client}/client-secret`, {method: 'POST', token}),
    );
    extra.check(`${C}/client-secrets`, 'get', await call(nam, `${client}/client-secrets`, {token}));
    extra.check(
      `${C}/client-secret`,
      'post',
      await call(nam, `${client}/client-secret`, {method: 'POST', token}),
    );
    extra.check(
      `${C}/client-secret`,
      'delete',
      await call(nam, `${client}/client-secret`, {method: 'DELETE', token}),
    );
    extra.check(
      `${C}/client-secret`,
      'delete',
      await call(nam, `${client}/client-secret`, {method: 'DELETE', token}),
    );
    extra.check(
      `${C}/client-secrets`,
      'get',
      await call(nam, '/iam/v1/orgs/1105/service-accounts/2260/clients/nope/client-secrets', {
        token,
      }),
    );
    emu.setForms({clientSecrets: false});
    extra.check(
      `${C}/client-secret`,
      'post',
      await call(nam, `${client}/client-secret`, {method: 'POST', token}),
    );
    emu.setForms({clientSecrets: true});

    extra.check(
      `${O}/capabilities`,
      'get',
      await call(nam, '/iam/v1/orgs/1105/capabilities', {token}),
    );
    extra.check(
      `${O}/capabilities`,
      'get',
      await call(nam, '/iam/v1/orgs/1105/capabilities?view=index', {token}),
    );
    extra.check(
      `${O}/capabilities/{capabilityName}`,
      'get',
      await call(nam, '/iam/v1/orgs/1105/capabilities/iam', {token}),
    );
    extra.check(
      `${O}/capabilities/{capabilityName}`,
      'get',
      await call(nam, '/iam/v1/orgs/1105/capabilities/sbom', {token}),
    );
  });

  it('project rules in the unfiltered list and an absolute nextPage match too', async (ctx) => {
    const iam = new Checker(makeAjv(), needDoc(ctx, iamDoc, IAM_URL), 'iam');
    emu.setForms({projectRulesInList: true, nextPage: 'absolute'});
    try {
      iam.check(
        '/iam/v1/orgs/{orgId}/access-rules',
        'get',
        await call(nam, '/iam/v1/orgs/1105/access-rules', {token}),
      );
      const users = await call<{nextPage: string}>(nam, '/iam/v1/orgs/1105/users', {token});
      iam.check('/iam/v1/orgs/{orgId}/users', 'get', users);
      expect(users.body.nextPage.startsWith('http://')).toBe(true);
      iam.check(
        '/iam/v1/orgs/{orgId}/api-events',
        'get',
        await call(nam, '/iam/v1/orgs/1105/api-events?limit=2', {token}),
      );
    } finally {
      emu.setForms({projectRulesInList: false, nextPage: 'relative'});
    }
  });

  it('/oidc/token answers match login-token-service.openapi.json', async (ctx) => {
    const login = new Checker(makeAjv(), needDoc(ctx, loginDoc, LOGIN_URL), 'login');
    const post = (form: Record<string, string>) =>
      call(emu.zones.nam.login, '/oidc/token', {
        method: 'POST',
        rawBody: new URLSearchParams(form).toString(),
        headers: {'content-type': 'application/x-www-form-urlencoded'},
      });
    login.check(
      '/oidc/token',
      'post',
      await post({grant_type: 'refresh_token', refresh_token: emu.refreshTokens.nam}),
    );
    const client = seededAccount(emu, 2257).clients[0]!;
    login.check(
      '/oidc/token',
      'post',
      await post({
        grant_type: 'client_credentials',
        client_id: client.clientId,
        client_secret: client.clientSecret,
      }),
    );
    login.check('/oidc/token', 'post', await post({grant_type: 'refresh_token'}));
    login.check(
      '/oidc/token',
      'post',
      await post({grant_type: 'refresh_token', refresh_token: 'unknown'}),
    );
    emu.faults.inject({path: '/oidc/token', fault: {type: 'status', status: 429}});
    login.check(
      '/oidc/token',
      'post',
      await post({grant_type: 'refresh_token', refresh_token: emu.refreshTokens.nam}),
    );
  });
});
