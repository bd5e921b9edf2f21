/**
 * Every secret the app learns is a known secret to the debug log (issue #10, defect 5). A poisoning
 * reverse proxy in front of the emulator echoes every token and client secret it carries into
 * other fields and headers (`echo`, `Bearer "x"`, `client_secret: x`, `refresh_token%3Dx`,
 * `x-api-key`, `x-echo`). The built app mints and verifies a client and `status` checks a token,
 * both with --debug: the log holds none of those secrets in any form.
 */
import {readFileSync} from 'node:fs';
import {createServer, request, type Server} from 'node:http';
import {join} from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {startEmulator, type Emulator} from '../../source/emulator/index.js';
import {TmuxSession} from '../helpers/tmux.js';
import {CLI, closeServer, listen, runCli, tempHomes} from './support.js';

const SECRET_FIELDS = ['access_token', 'refresh_token', 'clientSecret', 'client_secret'];

let emu: Emulator;
let proxy: Server;
let origin: string;
/** Every secret the proxy saw go by, in either direction. */
const seenSecrets = new Set<string>();
const {home, removeHomes} = tempHomes();
const sessions: TmuxSession[] = [];

function poison(body: Buffer): {body: Buffer; echoes: string[]} {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    return {body, echoes: []};
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) return {body, echoes: []};
  const record = json as Record<string, unknown>;
  const echoes = SECRET_FIELDS.map((key) => record[key]).filter(
    (value): value is string => typeof value === 'string',
  );
  const [first] = echoes;
  if (first === undefined) return {body, echoes};
  const poisoned = {
    ...record,
    echo: first,
    note: `Bearer "${first}"`,
    hint: `client_secret: ${first}`,
    trace: `grant_type=refresh_token%26refresh_token%3D${first}`,
    nested: {token: first, secret: first, 'client-secret': first, 'x-api-key': first},
  };
  return {body: Buffer.from(JSON.stringify(poisoned)), echoes};
}

beforeAll(async () => {
  emu = await startEmulator({port: 0, rateLimit: false});
  const upstream = new URL(emu.zones.nam.api);
  proxy = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const sent = Buffer.concat(chunks).toString('utf8');
      for (const [key, value] of new URLSearchParams(sent)) {
        if (SECRET_FIELDS.includes(key)) seenSecrets.add(value);
      }
      const forward = request(
        new URL(req.url ?? '/', upstream),
        {method: req.method, headers: {...req.headers, host: upstream.host}},
        (answer) => {
          const parts: Buffer[] = [];
          answer.on('data', (part: Buffer) => parts.push(part));
          answer.on('end', () => {
            const {body, echoes} = poison(Buffer.concat(parts));
            for (const secret of echoes) seenSecrets.add(secret);
            const headers = {...answer.headers};
            delete headers['content-length'];
            delete headers['transfer-encoding'];
            if (echoes[0]) {
              headers['x-echo'] = echoes[0];
              headers['x-api-key'] = echoes[0];
            }
            res.writeHead(answer.statusCode ?? 502, {
              ...headers,
              'content-length': String(body.length),
            });
            res.end(body);
          });
        },
      );
      forward.on('error', () => res.destroy());
      forward.end(Buffer.concat(chunks));
    });
  });
  origin = await listen(proxy);
});
afterAll(async () => {
  await closeServer(proxy);
  await emu?.close();
});
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.stop()));
  await removeHomes();
});

/** Each secret in every form a log could hold it: verbatim, URL-encoded, JSON-escaped. */
function expectNoSecret(log: string): void {
  expect(seenSecrets.size).toBeGreaterThan(0);
  for (const secret of seenSecrets) {
    for (const form of [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]) {
      expect(log.includes(form), `the debug log holds a secret (${secret.length} chars)`).toBe(
        false,
      );
    }
  }
}

async function createAccount(name: string): Promise<void> {
  const token = (await fetch(`${emu.zones.nam.api}/oidc/token`, {
    method: 'POST',
    body: new URLSearchParams({grant_type: 'refresh_token', refresh_token: emu.refreshTokens.nam}),
  }).then((r) => r.json())) as {access_token: string};
  const created = await fetch(`${emu.zones.nam.api}/iam/v1/orgs/1105/service-accounts`, {
    method: 'POST',
    headers: {authorization: `Bearer ${token.access_token}`, 'content-type': 'application/json'},
    body: JSON.stringify({name}),
  });
  expect(created.status).toBe(201);
}

describe('a reverse proxy that echoes secrets, and --debug', () => {
  it('status: the refresh and access tokens echoed elsewhere stay out of the log', async () => {
    const h = home();
    const log = join(h.dir, 'status.log');
    const result = await runCli(
      CLI,
      ['status', '--no-keychain', `--debug=${log}`, '--api-url', origin],
      {home: h, env: {FLEXERA_REFRESH_TOKEN: emu.refreshTokens.nam}},
    );
    expect(result.code, result.stderr).toBe(0);
    expect(seenSecrets).toContain(emu.refreshTokens.nam);
    const text = readFileSync(log, 'utf8');
    expect(text).toContain('/oidc/token');
    expectNoSecret(text);
  });

  it('the app: a minted client secret echoed in other fields and headers stays out of the log', async () => {
    await createAccount('poison-target');
    const h = home();
    const log = join(h.dir, 'app.log');
    const session = new TmuxSession({
      columns: 100,
      rows: 30,
      env: {FLEXERA_REFRESH_TOKEN: emu.refreshTokens.nam, HOME: h.dir},
    });
    sessions.push(session);
    await session.start([
      'node',
      CLI,
      '--api-url',
      origin,
      '--no-keychain',
      '--org',
      '1105',
      `--debug=${log}`,
    ]);
    await session.waitFor('billing-export');
    await session.send('/');
    await session.send('poison-target', true);
    await session.waitFor((screen) => /1 of \d+/.test(screen));
    await session.send('Enter');
    // The filter applied (its typing hint gone): a second Enter sent sooner could arrive in the
    // same read as the first and be taken for pasted text.
    await session.waitFor((screen) => !screen.includes('Enter apply'));
    await session.send('Enter');
    await session.waitFor('poison-target');
    await session.send('m');
    await session.waitFor('No clients yet');
    await session.send('m');
    await session.waitFor('New client for');
    // Nothing copied or written: the hand-off gate asks before verifying.
    await session.send('v');
    await session.waitFor('Did you save the new secret elsewhere?');
    await session.send('y');
    // The verify ends with the call its roles do not allow (no role granted): both steps ran.
    await session.waitFor((screen) => /✓ exchange the client credentials/.test(screen), 20_000);
    await session.waitFor((screen) => /[✓✗] list roles in org 1105/.test(screen));
    await session.send('q');
    await session.waitFor('Quit anyway?');
    await session.send('y');
    expect(await session.waitForExit()).toBe(0);
    const text = readFileSync(log, 'utf8');
    expect(text).toContain('/clients');
    // A client secret and a client-credentials access token went by.
    expect(seenSecrets.size).toBeGreaterThanOrEqual(4);
    expectNoSecret(text);
  }, 60_000);
});
