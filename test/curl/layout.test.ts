/**
 * layoutScript: every line fits, and bash reads the laid-out script exactly as the original. `curl`
 * is a shell function here that prints the arguments it was given and what came on its stdin, so
 * both scripts run for real and their effects are compared.
 */
import {execFile} from 'node:child_process';
import {promisify} from 'node:util';
import {describe, expect, it} from 'vitest';
import {curlFor, curlListAccessRules, curlRefreshTokenExchange} from '../../source/curl/index.js';
import {layoutScript, MIN_SCRIPT_WIDTH} from '../../source/curl/layout.js';
import {curlBlocksText, recipeCurlBlocks} from '../../source/screens/guide/curl.js';
import {displayWidth} from '../../source/ui/text.js';

const execFileAsync = promisify(execFile);

const endpoints = {api: 'https://api.flexera.eu', login: 'https://login.flexera.eu'};

const PRELUDE = [
  `curl() { printf '<%s>' "$@"; printf ' stdin<'; cat; printf '>\\n'; }`,
  // Values with every character that would break a careless splice.
  `ACCESS_TOKEN='a b$c"d'\\''e'`,
  `REFRESH_TOKEN='r*?[x] \\\\'`,
  `CLIENT_SECRET='s e c r e t'`,
  `SERVICE_ACCOUNT_ID=9912`,
  `CLIENT_ID='cid 7'`,
].join('\n');

async function runBash(script: string): Promise<string> {
  const running = execFileAsync('bash', ['-euc', `${PRELUDE}\n${script}`], {encoding: 'utf8'});
  // Commands not in a pipeline read an empty stdin.
  running.child.stdin?.end();
  return (await running).stdout;
}

function recipe(name: string, description: string): string {
  return curlBlocksText(
    recipeCurlBlocks(endpoints, {
      orgId: 31_337,
      name,
      description,
      roles: ['iam_admin', 'billing_center_viewer'],
      verifyCall: 'users',
    }),
  );
}

const scripts: Record<string, string> = {
  'the guided recipe, plain': recipe('ci-exporter', 'Exports CI data'),
  'the guided recipe, hostile name': recipe(
    `it's "ci" $HOME \`id\` \\ ünïcødé 日本語 🚀`,
    `${'long description '.repeat(12)}with a tab\there`,
  ),
  'the refresh token exchange (a pipeline)': curlRefreshTokenExchange(endpoints).command,
  'an access-rule list (GET with a filter)': curlListAccessRules(endpoints, 31_337, {
    subjectRef: 'ref::::iam:service-account:77',
    roleName: "o'brien",
    view: 'extended',
  }).command,
  'a delete': curlFor(endpoints, {
    kind: 'delete-service-account',
    orgId: 31_337,
    serviceAccountId: 123_456_789,
  }).command,
};

const widths = [MIN_SCRIPT_WIDTH, 41, 47, 60, 80, 100, 200];

describe('layoutScript', () => {
  for (const [label, script] of Object.entries(scripts)) {
    it(`${label}: fits every width and runs the same in bash`, async () => {
      const expected = await runBash(script);
      expect(expected).toContain('<');
      for (const width of widths) {
        const lines = layoutScript(script, width);
        for (const line of lines) {
          expect(displayWidth(line), `width ${width}: ${JSON.stringify(line)}`).toBeLessThanOrEqual(
            width,
          );
        }
        expect(await runBash(lines.join('\n')), `width ${width}`).toBe(expected);
      }
    });
  }

  it('keeps short commands as they were and breaks only between words', () => {
    const lines = layoutScript(scripts['a delete']!, 200);
    expect(lines).toEqual([
      `curl -sSi -X DELETE 'https://api.flexera.eu/iam/v1/orgs/31337/service-accounts/123456789' -H "Authorization: Bearer $ACCESS_TOKEN"`,
    ]);
    // Too long for 60 columns: the URL goes in a variable set over short lines, then the command.
    expect(layoutScript(scripts['a delete']!, 60)).toEqual([
      `URL='https://api.flexera.eu/iam/v1/orgs/31337/'`,
      `URL="$URL"'service-accounts/123456789'`,
      `curl -sSi -X DELETE "$URL" \\`,
      `  -H "Authorization: Bearer $ACCESS_TOKEN"`,
    ]);
  });

  it('wraps comments at spaces, each line still a comment', () => {
    const lines = layoutScript(`# ${'word '.repeat(40)}\necho done`, 45);
    const comments = lines.slice(0, -1);
    expect(comments.length).toBeGreaterThan(1);
    for (const line of comments) {
      expect(line.startsWith('# ')).toBe(true);
      expect(line.length).toBeLessThanOrEqual(45);
    }
  });
});
