/**
 * `flexera-sa doctor` against the emulator (no deviation) and against a reverse proxy that
 * answers as a deviating service would: each deviation is reported by field, with what the
 * emulator serves and what was seen, and the report holds no secret or personal value.
 */
import {afterEach, describe, expect, it} from 'vitest';
import {runDoctor, type DoctorReport} from '../../source/doctor/index.js';
import {diffShapes, shapeOf} from '../../source/doctor/shape.js';
import {startEmulator, type Emulator} from '../../source/emulator/index.js';
import {ExitCode} from '../../source/exit-codes.js';
import {startRewritingProxy, type RewritingProxy} from '../helpers/rewriting-proxy.js';

let emu: Emulator | undefined;
let proxy: RewritingProxy | undefined;
afterEach(async () => {
  await proxy?.close();
  await emu?.close();
  emu = proxy = undefined;
});

function collector() {
  let text = '';
  return {
    write: (chunk: string) => (text += chunk),
    get text() {
      return text;
    },
  };
}

async function doctor(
  api: string,
  login: string,
  refreshToken: string | undefined,
  extra: {json?: boolean; env?: Record<string, string>} = {},
) {
  const stdout = collector();
  const stderr = collector();
  const code = await runDoctor(
    {
      endpoints: {zone: 'nam', api, login, custom: true},
      env: {...(refreshToken ? {FLEXERA_REFRESH_TOKEN: refreshToken} : {}), ...extra.env},
      noKeychain: true,
      json: extra.json,
      client: {retry: {maxRetries: 0}},
    },
    {stdout, stderr},
  );
  return {code, out: stdout.text, err: stderr.text};
}

/** Nothing that identifies a person or opens a door. */
function expectNothingPrivate(text: string, e: Emulator) {
  expect(text).not.toContain(e.refreshTokens.nam);
  for (const sa of e.seed.serviceAccounts)
    for (const client of sa.clients) {
      expect(text).not.toContain(client.clientSecret);
      expect(text).not.toContain(client.clientId);
    }
  for (const word of ['alex', 'morgan', 'acme.example', '121456', '1105', 'billing-export', 'eyJ'])
    expect(text.toLowerCase()).not.toContain(word);
}

describe('doctor', () => {
  it('finds no deviation in the emulator itself, and says what it checked', async () => {
    emu = await startEmulator({port: 0, rateLimit: false});
    const {code, out} = await doctor(emu.zones.nam.api, emu.zones.nam.login, emu.refreshTokens.nam);
    expect(code).toBe(ExitCode.ok);
    expect(out).toContain('✓ token');
    expect(out).toContain('a user token');
    expect(out).toContain('- keychain  not used (--no-keychain)');
    expect(out).toContain('proxy     none');
    for (const read of [
      'list your orgs',
      'show org',
      'list roles',
      'list access rules',
      'list service accounts',
      'list clients',
      'list client secrets',
      'list API events',
      'list capabilities',
      'list refresh tokens',
    ])
      expect(out).toMatch(new RegExp(`✓ ${read}\\s+200 read`));
    expect(out).toContain('No deviation from what the emulator answers.');
    expectNothingPrivate(out, emu);
  });

  it('reports each deviation of a service that answers otherwise (field, expected, seen)', async () => {
    emu = await startEmulator({port: 0, rateLimit: false});
    proxy = await startRewritingProxy(emu.zones.nam.api, {
      body: (path, body) => {
        const pathname = path.split('?')[0]!;
        if (pathname.endsWith('/access-rules')) {
          const list = body as {values: Array<{subject: {id: number; ref: string}}>};
          return {
            ...list,
            values: list.values.map((rule) => ({
              ...rule,
              subject: {
                ...rule.subject,
                id: String(rule.subject.id),
                ref: rule.subject.ref.slice(4),
              },
            })),
          };
        }
        if (pathname.endsWith('/service-accounts'))
          return {values: body, kind: 'iam#service-account-list'};
        if (pathname.endsWith('/projects'))
          return (body as object[]).map((p) => ({...p, archived: false}));
        if (pathname.endsWith('/api-events')) {
          const page = body as {values: Array<Record<string, unknown>>};
          return {...page, values: page.values.map(({principal: _p, ...rest}) => rest)};
        }
        return undefined;
      },
      url: (path) =>
        path.includes('/client-secrets') ? '/iam/v1/orgs/1105/no-such-endpoint' : path,
    });
    const {code, out} = await doctor(proxy.origin, emu.zones.nam.login, emu.refreshTokens.nam, {
      json: true,
    });
    expect(code).toBe(ExitCode.ok);
    const report = JSON.parse(out) as DoctorReport;
    const find = (read: string, field: string) =>
      report.deviations.find((d) => d.read === read && d.field === field);
    for (const [read, field, expected, seen] of [
      ['list access rules', '[].subject.id', 'integer', 'numeric string'],
      ['list access rules', '[].subject.ref', 'ref', 'ref without ref: prefix'],
      ['list service accounts', 'body', 'array', 'object {values: […]}'],
      ['list service accounts', 'kind', 'absent', '"iam#service-account-list"'],
      ['list projects', '[].archived', 'absent', 'boolean'],
      ['list API events', '[].principal', 'object', 'absent'],
    ] as const)
      expect(find(read, field), `${read} ${field}`).toMatchObject({expected, seen});
    // Fields under a missing parent are not repeated.
    expect(find('list API events', '[].principal.id')).toBeUndefined();
    const secrets = report.reads.find((r) => r.read === 'list client secrets');
    expect(secrets?.note).toContain('no client-secret endpoints');
    expectNothingPrivate(out, emu);
  });

  it('fails with exit 1 when the app cannot read an answer, naming the field', async () => {
    emu = await startEmulator({port: 0, rateLimit: false});
    proxy = await startRewritingProxy(emu.zones.nam.api, {
      body: (path, body) =>
        /\/orgs\/\d+$/.test(path.split('?')[0]!) ? {...(body as object), name: 42} : undefined,
    });
    const {code, out} = await doctor(proxy.origin, emu.zones.nam.login, emu.refreshTokens.nam);
    expect(code).toBe(ExitCode.refused);
    expect(out).toMatch(/✗ show org\s+200 the app cannot read it: name: invalid_type/);
    expect(out).toMatch(/show org · name · string · integer/);
    expectNothingPrivate(out, emu);
  });

  it('says when nobody is signed in, and shows a proxy without its password', async () => {
    emu = await startEmulator({port: 0, rateLimit: false});
    const {code, out} = await doctor(emu.zones.nam.api, emu.zones.nam.login, undefined, {
      env: {HTTPS_PROXY: 'http://someone:hunter2@127.0.0.1:9', NO_PROXY: '127.0.0.1'},
    });
    expect(code).toBe(ExitCode.notSignedIn);
    expect(out).toContain('HTTPS_PROXY http://127.0.0.1:9, NO_PROXY set');
    expect(out).not.toContain('hunter2');
    expect(out).not.toContain('someone');
    expect(out).toContain('✗ token');
  });

  it('a refused token exits 1 and says where it was refused', async () => {
    emu = await startEmulator({port: 0, rateLimit: false});
    const {code, out} = await doctor(emu.zones.nam.api, emu.zones.nam.login, 'not-a-real-token');
    expect(code).toBe(ExitCode.refused);
    expect(out).toContain('✗ token');
    expect(out).not.toContain('not-a-real-token');
  });
});

describe('shapes', () => {
  it('describe kinds, not values, and compare lists item by item', () => {
    const shape = shapeOf([
      {
        id: 1,
        ref: 'ref:nam:::iam:user:1',
        at: '2026-01-01T00:00:00.123456Z',
        kind: 'iam:user',
        mail: 'a@b.c',
      },
      {id: 2, ref: 'iam#user:2', kind: 'iam:user'},
    ]);
    expect([...shape.fields.get('[].ref')!].sort()).toEqual(['legacy ref', 'ref']);
    expect([...shape.fields.get('[].kind')!]).toEqual(['"iam:user"']);
    expect([...shape.fields.get('[].mail')!]).toEqual(['string']);
    expect(shape.presence.get('[].at')).toBe(1);
    const seen = shapeOf({values: [{id: '1', ref: 'ref:x:::iam:user:1', kind: 'iam:user'}]});
    const deviations = diffShapes('r', shape, seen);
    expect(deviations).toEqual([
      {read: 'r', field: 'body', expected: 'array', seen: 'object {values: […]}'},
      {read: 'r', field: '[].id', expected: 'integer', seen: 'numeric string'},
    ]);
  });
});
