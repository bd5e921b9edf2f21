/**
 * The hand-off snippet: the secret only as a variable, and the snippet really works: a .env file
 * written by writeSecretFile, sourced by sh, runs the snippet's curl script; its values, given to
 * node, run the snippet's Node code; both against the emulator with a freshly minted client.
 */
import {execFile} from 'node:child_process';
import {readFile} from 'node:fs/promises';
import {parseEnv} from 'node:util';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {ZONES} from '../../source/api/zones.js';
import {startEmulator, type Emulator} from '../../source/emulator/index.js';
import {ENV_NAMES, appSnippet, writeSecretFile} from '../../source/handoff/index.js';
import {sh} from '../curl/shell.js';
import {emulatorEndpoints, mintClient, tempDir, type Minted} from './support.js';

let emu: Emulator;
let minted: Minted;
let dir: string;
let remove: () => Promise<void>;

beforeAll(async () => {
  emu = await startEmulator({port: 0, rateLimit: false});
  minted = await mintClient(emu, 'snippet test app');
  ({dir, remove} = await tempDir());
});

afterAll(async () => {
  await emu?.close();
  await remove?.();
});

describe('appSnippet', () => {
  it('names the env variables and the zone token URL, and never holds a secret', () => {
    for (const zone of ['nam', 'eu', 'apac'] as const) {
      const snippet = appSnippet({endpoints: zone, orgId: 42, clientId: 'my-client-id'});
      const z = ZONES[zone];
      expect(snippet.env).toContain(`FLEXERA_TOKEN_URL=${z.login}/oidc/token`);
      expect(snippet.env).toContain(`FLEXERA_API_URL=${z.api}`);
      expect(snippet.env).toContain('FLEXERA_ORG_ID=42');
      expect(snippet.env).toContain('FLEXERA_CLIENT_ID=my-client-id');
      expect(snippet.env).toMatch(/FLEXERA_CLIENT_SECRET=<the client secret/);
      expect(snippet.text).toContain(snippet.curl);
      expect(snippet.text).toContain(snippet.node);
      expect(snippet.title).toContain(z.label);
      for (const name of Object.values(ENV_NAMES)) expect(snippet.text).toContain(name);
    }
    const snippet = appSnippet({endpoints: emulatorEndpoints(emu), orgId: minted.orgId});
    expect(snippet.text).not.toContain(minted.clientSecret);
    expect(snippet.text).not.toContain(emu.refreshTokens.nam);
    expect(snippet.curl).toContain('"$FLEXERA_CLIENT_SECRET"');
    expect(snippet.node).toContain('env.FLEXERA_CLIENT_SECRET');
    expect(snippet.env).toContain('FLEXERA_CLIENT_ID=<the client id>');
  });

  it("the curl script works with the saved .env file's values (sh, real curl)", async () => {
    const file = await writeSecretFile({
      path: 'app.env',
      cwd: dir,
      format: 'env',
      endpoints: emulatorEndpoints(emu),
      ...minted,
    });
    const snippet = appSnippet({endpoints: emulatorEndpoints(emu), orgId: minted.orgId});
    const result = await sh(
      `set -a; . ${JSON.stringify(file)}; set +a\n${snippet.curl}\nprintf '\\ntoken-length=%s' "\${#ACCESS_TOKEN}"`,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const [body = '', tail = ''] = result.stdout.split('\ntoken-length=');
    const roles = JSON.parse(body) as Array<{name: string}>;
    expect(roles.map((role) => role.name)).toContain('policy_viewer');
    expect(Number(tail)).toBeGreaterThan(20);
    // The token came from the client, not the user: the emulator saw the service account call.
    const call = emu.requests.filter((r) => r.path.endsWith(`/orgs/${minted.orgId}/roles`)).at(-1);
    expect(call?.principal).toBe(`sa-${minted.serviceAccountId}`);
  });

  it('the Node code works with the same values (node, global fetch)', async () => {
    const file = await writeSecretFile({
      path: 'app-node.env',
      cwd: dir,
      format: 'env',
      endpoints: emulatorEndpoints(emu),
      ...minted,
    });
    const vars = parseEnv(await readFile(file, 'utf8')) as Record<string, string>;
    const snippet = appSnippet({endpoints: emulatorEndpoints(emu), orgId: minted.orgId});
    const output = await new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        ['--input-type=module', '-e', snippet.node],
        {env: {PATH: process.env.PATH ?? '', ...vars}, timeout: 20_000},
        (error, stdout, stderr) => (error ? reject(new Error(stderr)) : resolve(stdout)),
      );
    });
    expect(output.trim()).toMatch(/^\d+ roles; token valid for 3600 s$/);
    expect(Number(output.split(' ')[0])).toBeGreaterThan(0);
  });
});
