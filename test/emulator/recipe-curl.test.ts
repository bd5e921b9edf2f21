import {spawn} from 'node:child_process';
import {PassThrough} from 'node:stream';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {runEmulatorCommand} from '../../source/cli/commands/emulator.js';

/**
 * The article's recipe ("Using a Service Account with the Flexera One API", API.md KB) with real
 * curl, as the article writes it: a form body for the token calls, and `curl -d '{json}'` with no
 * Content-Type for the JSON calls. Secrets never go on curl's command line: the Authorization
 * header and the token form bodies reach curl through `-K -` (its config on stdin), which is
 * exactly `-H …` and `-d …` for curl.
 */

interface CurlResult {
  code: number;
  stdout: string;
}

function curl(args: string[], secretConfig: string[] = []): Promise<CurlResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('curl', [...args, '-K', '-'], {stdio: ['pipe', 'pipe', 'pipe']});
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({code: code ?? -1, stdout}));
    child.stdin.end(secretConfig.map((line) => `${line}\n`).join(''));
  });
}

const bearer = (token: string) => `header = "Authorization: Bearer ${token}"`;
const data = (form: string) => `data = "${form}"`;

/** `curl -i` output: status line, headers, blank line, body. */
function parseHttp(raw: string): {status: number; headers: Record<string, string>; body: string} {
  const [head = '', ...rest] = raw.split(/\r?\n\r?\n/);
  const [statusLine = '', ...headerLines] = head.split(/\r?\n/);
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    if (colon > 0)
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return {status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\n\n')};
}

describe("the article's recipe with real curl against `flexera-sa emulator --port 0 --json`", () => {
  const abort = new AbortController();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let running: Promise<number>;
  let ready: {zones: {nam: {api: string; login: string}}; refreshTokens: {nam: string}};

  beforeAll(async () => {
    stderr.resume();
    running = runEmulatorCommand({port: 0, json: true, stdout, stderr, signal: abort.signal});
    const line = await new Promise<string>((resolve) => {
      let buffered = '';
      stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString('utf8');
        if (buffered.includes('\n')) resolve(buffered.split('\n')[0]!);
      });
    });
    ready = JSON.parse(line) as typeof ready;
  });
  afterAll(async () => {
    abort.abort();
    expect(await running).toBe(0);
  });

  it('runs steps 2 to 8 of the article and ends with the service account listing users', async () => {
    const api = ready.zones.nam.api;
    const login = ready.zones.nam.login;
    const orgId = 1105;

    // 2. Use the refresh token to get an access token (DEV-AUTH's form-encoded call).
    const user = await curl(
      [
        '-s',
        '-X',
        'POST',
        `${login}/oidc/token`,
        '-H',
        'Content-Type: application/x-www-form-urlencoded',
      ],
      [data(`grant_type=refresh_token&refresh_token=${ready.refreshTokens.nam}`)],
    );
    expect(user.code).toBe(0);
    const USER_TOKEN = (JSON.parse(user.stdout) as {access_token: string}).access_token;

    // 4. Create a service account: curl -d '{json}' -i, no Content-Type.
    const created = parseHttp(
      (
        await curl(
          [
            '-s',
            `${api}/iam/v1/orgs/${orgId}/service-accounts`,
            '-d',
            '{"name": "my application", "description": "Reads data from Flexera One APIs"}',
            '-i',
          ],
          [bearer(USER_TOKEN)],
        )
      ).stdout,
    );
    expect(created.status).toBe(201);
    expect(created.body).toBe('');
    expect(created.headers.location).toMatch(
      new RegExp(`^/iam/v1/orgs/${orgId}/service-accounts/\\d+$`),
    );
    const saId = Number(created.headers.location!.split('/').pop());

    // 5. Show the service account.
    const shown = JSON.parse(
      (
        await curl(
          ['-s', `${api}/iam/v1/orgs/${orgId}/service-accounts/${saId}`],
          [bearer(USER_TOKEN)],
        )
      ).stdout,
    ) as Record<string, unknown>;
    expect(shown).toMatchObject({
      id: saId,
      name: 'my application',
      description: 'Reads data from Flexera One APIs',
      kind: 'iam#service-account',
      ref: `iam#service-account:${saId}`,
    });

    // 7. Review the roles in the organization.
    const roles = JSON.parse(
      (await curl(['-s', `${api}/iam/v1/orgs/${orgId}/roles`], [bearer(USER_TOKEN)])).stdout,
    ) as Array<{name: string; privileges: string[]}>;
    expect(roles.find((role) => role.name === 'iam_admin')!.privileges).toEqual(
      expect.arrayContaining(['iam:user:index', 'iam:user:show']),
    );

    // 8. Grant iam_admin with the zone-less, org-less ref the article uses.
    const granted = parseHttp(
      (
        await curl(
          [
            '-s',
            `${api}/iam/v1/orgs/${orgId}/access-rules/grant`,
            '-X',
            'PUT',
            '-i',
            '-d',
            `{\n  "role": {\n    "name": "iam_admin"\n  },\n  "subject": {\n    "ref": "ref::::iam:service-account:${saId}"\n  }\n}`,
          ],
          [bearer(USER_TOKEN)],
        )
      ).stdout,
    );
    expect(granted.status).toBe(204);

    // Create a client: POST, no body.
    const client = JSON.parse(
      (
        await curl(
          ['-s', `${api}/iam/v1/orgs/${orgId}/service-accounts/${saId}/clients`, '-X', 'POST'],
          [bearer(USER_TOKEN)],
        )
      ).stdout,
    ) as {
      clientId: string;
      clientSecret: string;
      kind: string;
    };
    expect(client.kind).toBe('iam#service-account-client');

    // Exchange the client credentials, form-encoded as the article does (curl -X POST … -d "…").
    const sa = await curl(
      ['-X', 'POST', `${login}/oidc/token`, '-s'],
      [
        data(
          `client_id=${client.clientId}&client_secret=${client.clientSecret}&grant_type=client_credentials`,
        ),
      ],
    );
    const saAnswer = JSON.parse(sa.stdout) as {
      access_token: string;
      expires_in: number;
      token_type: string;
    };
    expect(saAnswer).toEqual({
      access_token: saAnswer.access_token,
      expires_in: 3600,
      token_type: 'Bearer',
    });

    // Use the service account's token: iam_admin lets it list the org's users.
    const users = parseHttp(
      (
        await curl(
          ['-s', '-i', `${api}/iam/v1/orgs/${orgId}/users`],
          [bearer(saAnswer.access_token)],
        )
      ).stdout,
    );
    expect(users.status).toBe(200);
    expect((JSON.parse(users.body) as {kind: string}).kind).toBe('iam#org-user-list');

    // curl sent the JSON calls with its default form Content-Type, and the emulator read them as JSON.
    const recorded = JSON.parse((await curl(['-s', `${api}/_emulator/requests`])).stdout) as Array<{
      method: string;
      path: string;
      contentType?: string;
    }>;
    const jsonCalls = recorded.filter(
      (r) =>
        (r.path.endsWith('/service-accounts') && r.method === 'POST') ||
        r.path.endsWith('/access-rules/grant'),
    );
    expect(jsonCalls).toHaveLength(2);
    for (const call of jsonCalls)
      expect(call.contentType).toBe('application/x-www-form-urlencoded');
  });
});
