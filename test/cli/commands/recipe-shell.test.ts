/**
 * The seed article's recipe as commands only (README "Scripting"), run by bash against the
 * emulator: create an account, grant iam_admin, mint a client into a 0600 file, verify it, then
 * list the org's users with curl as that client. The emulator is asked what happened. Secrets
 * never reach an argv: curl gets its form body and header from `-K -` (its config on stdin).
 */
import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {CLI, runProcess} from '../../reliability/support.js';
import {commandHarness} from './support.js';

const RECIPE = String.raw`
set -euo pipefail
flexera-sa() { node "$CLI" "$@"; }

# 1. the account (its id read from the JSON document)
id=$(flexera-sa accounts create --org 1105 --name recipe-bot --description "lists users" --json \
  | node -e 'let s="";process.stdin.on("data",c=>s+=c).on("end",()=>console.log(JSON.parse(s).serviceAccount.id))')
# 2. the role (broad: --yes, as the app asks for a typed confirmation)
flexera-sa grants add --org 1105 --account "$id" iam_admin --yes
# 3. the client, its secret into a new 0600 file
flexera-sa clients create --org 1105 --account "$id" --out creds.env
stat -c %a creds.env > mode.txt
# 4. proof
flexera-sa verify --from creds.env --call users
# 5. the application: client_credentials, then list users
set -a; . ./creds.env; set +a
token=$(printf 'data = "grant_type=client_credentials&client_id=%s&client_secret=%s"\n' \
    "$FLEXERA_CLIENT_ID" "$FLEXERA_CLIENT_SECRET" \
  | curl -sf -K - "$FLEXERA_TOKEN_URL" \
  | node -e 'let s="";process.stdin.on("data",c=>s+=c).on("end",()=>console.log(JSON.parse(s).access_token))')
printf 'header = "Authorization: Bearer %s"\n' "$token" \
  | curl -sf -K - "$FLEXERA_API_URL/iam/v1/orgs/$FLEXERA_ORG_ID/users" > users.json
echo "$id" > id.txt
`;

const {emu, home: makeHome, signedIn} = commandHarness();
describe("the article's recipe as flexera-sa commands", () => {
  it('creates, grants iam_admin, mints to a 0600 file, verifies, and the client lists users', async () => {
    const home = makeHome();
    const result = await runProcess('bash', ['-c', RECIPE], {
      home,
      env: {CLI, ...signedIn()},
      timeoutMs: 60_000,
    });
    expect(result.code, result.stderr).toBe(0);
    const id = Number(readFileSync(join(home.dir, 'id.txt'), 'utf8'));
    expect(readFileSync(join(home.dir, 'mode.txt'), 'utf8').trim()).toBe('600');
    expect(result.stdout).toMatch(/^ok\s+list users in org 1105/m);

    // The emulator: the account, its role, and a users listing by that service account.
    const users = JSON.parse(readFileSync(join(home.dir, 'users.json'), 'utf8')) as {
      values: Array<{email: string}>;
    };
    // The first page of the org's users, the demo user among them.
    expect(users.values.map((u) => u.email)).toContain('alex.morgan@acme.example');
    const calls = emu().requests.filter(
      (r) =>
        r.principal === `sa-${id}` &&
        r.method === 'GET' &&
        r.path.startsWith('/iam/v1/orgs/1105/users'),
    );
    // verify's listing (every page), then curl's.
    expect(calls.length).toBeGreaterThanOrEqual(2);
    expect(calls.every((r) => r.status === 200)).toBe(true);
    expect(
      emu().requests.some(
        (r) =>
          r.method === 'PUT' &&
          r.path === '/iam/v1/orgs/1105/access-rules/grant' &&
          r.status === 204,
      ),
    ).toBe(true);

    // No secret on any output of the script; the file is the only place it was written.
    const secret = /FLEXERA_CLIENT_SECRET=(\S+)/.exec(
      readFileSync(join(home.dir, 'creds.env'), 'utf8'),
    )![1]!;
    expect(result.stdout + result.stderr).not.toContain(secret.replace(/^'|'$/g, ''));
    writeFileSync(join(home.dir, 'creds.env'), '');
  });
});
