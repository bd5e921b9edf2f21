/**
 * Server text never reaches the terminal raw (issue #10, defect 2): a login host whose 401 carries
 * OSC 0 (title), OSC 52 (clipboard), OSC 8 (link), ESC[2J, BEL and U+202E in `error_description`,
 * and one that issues a token whose `sub` holds them. The built `status` and `login` print every
 * such string through the same inert-text function as the app: no raw control byte on stdout or
 * stderr, and the text shows as visible symbols.
 */
import type {Server} from 'node:http';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {
  CLI,
  ESCAPES,
  RAW_CONTROL,
  closeServer,
  fakeJwt,
  hostileServer,
  runCli,
  type CliResult,
  tempHomes,
} from './support.js';

let refusing: {server: Server; origin: string};
let issuing: {server: Server; origin: string};
const {home, removeHomes} = tempHomes();

beforeAll(async () => {
  refusing = await hostileServer((_req, res) => {
    res.writeHead(401, {'content-type': 'application/json'});
    res.end(JSON.stringify({error: 'invalid_grant', error_description: `bad token ${ESCAPES}`}));
  });
  issuing = await hostileServer((req, res) => {
    res.writeHead(200, {'content-type': 'application/json'});
    if (req.url === '/oidc/token') {
      const token = fakeJwt({sub: `sa-${ESCAPES}`, exp: Math.floor(Date.now() / 1000) + 3600});
      res.end(JSON.stringify({access_token: token, expires_in: 3600, token_type: 'Bearer'}));
    } else {
      res.end(JSON.stringify([{id: `rt-${ESCAPES}`, expiresAt: `2030-01-01${ESCAPES}`}]));
    }
  });
});
afterAll(async () => {
  await closeServer(refusing?.server);
  await closeServer(issuing?.server);
});
afterEach(async () => {
  await removeHomes();
});

function expectInert(result: CliResult): void {
  for (const [name, text] of [
    ['stdout', result.stdout],
    ['stderr', result.stderr],
  ] as const) {
    const raw = RAW_CONTROL.exec(text);
    expect(
      raw,
      `${name} holds U+${raw?.[0].codePointAt(0)?.toString(16)}: ${JSON.stringify(text)}`,
    ).toBeNull();
  }
}

describe('escape sequences from a server, in the built commands', () => {
  it('status: a 401 error_description full of escapes is printed inert', async () => {
    const result = await runCli(CLI, ['status', '--no-keychain', '--api-url', refusing.origin], {
      home: home(),
      env: {FLEXERA_REFRESH_TOKEN: 'rt-hostile'},
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('bad token');
    expectInert(result);
  });

  it('login: the same refusal is printed inert', async () => {
    const result = await runCli(
      CLI,
      ['login', '--with-token', '--no-keychain', '--api-url', refusing.origin],
      {home: home(), stdin: 'rt-hostile'},
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('bad token');
    expectInert(result);
  });

  it('status: a token whose sub holds escapes is printed inert, shown as visible symbols', async () => {
    const result = await runCli(CLI, ['status', '--no-keychain', '--api-url', issuing.origin], {
      home: home(),
      env: {FLEXERA_REFRESH_TOKEN: 'rt-hostile'},
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('␛]0;pwned title␇');
    expectInert(result);
  });

  it('login: the principal named from the token is printed inert', async () => {
    const result = await runCli(
      CLI,
      ['login', '--with-token', '--no-keychain', '--api-url', issuing.origin],
      {home: home(), stdin: 'rt-hostile'},
    );
    expect(result.code, result.stderr).toBe(0);
    expectInert(result);
  });

  it('a usage error quoting argv and the environment is printed inert', async () => {
    const result = await runCli(CLI, [`frob${ESCAPES}`], {home: home()});
    expect(result.code).toBe(2);
    const env = await runCli(CLI, ['status'], {
      home: home(),
      env: {FLEXERA_API_URL: `x${ESCAPES}`},
    });
    expect(env.code).toBe(2);
    expectInert(result);
    expectInert(env);
  });
});
