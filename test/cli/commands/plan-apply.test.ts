/**
 * `plan` / `apply` round trips on dist/cli.js against the emulator (issue 14): apply does exactly
 * the plan, twice is no change, a changed org is refused, a failure in the middle stops with a
 * report that names everything that was made, and team-file mistakes name their line.
 */
import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {beforeEach, describe, expect, it} from 'vitest';
import {ExitCode} from '../../../source/exit-codes.js';
import {expectUsageLine, type TempHome} from '../../reliability/support.js';
import {commandHarness} from './support.js';

const harness = commandHarness();
const {emu} = harness;
let h: TempHome;
const cli = (args: string[]) => harness.cli(args, {home: h});
const json = <T>(args: string[]) => harness.json<T>(args, h);

/** Writes a team file into the run's HOME (the working directory) and returns its name. */
function teamFile(name: string, content: unknown): string {
  writeFileSync(
    join(h.dir, name),
    typeof content === 'string' ? content : JSON.stringify(content, null, 2),
  );
  return name;
}

type Account = {id: number; name: string; description: string};
const accounts = async (org = 1105) =>
  (await json<{serviceAccounts: Account[]}>(['accounts', 'list', '--org', String(org)]))
    .serviceAccounts;
const grantsOf = async (id: number, org = 1105) =>
  (
    await json<{grants: Array<{role: string; projectId: number | null}>}>([
      'grants',
      'list',
      '--org',
      String(org),
      '--account',
      String(id),
    ])
  ).grants;

interface PlanDoc {
  orgId: number;
  fingerprint: string;
  actions: Array<Record<string, unknown>>;
}

let unique = 0;
const name = (prefix: string) => `${prefix}-${process.pid}-${++unique}`;

// One HOME per test: its working directory holds the team files.
beforeEach(() => {
  h = harness.home();
});

describe('plan and apply', () => {
  it('plan prints the changes (text and JSON); apply makes them; a second apply changes nothing', async () => {
    const bot = name('ci-exporter');
    const file = teamFile('team.json', {
      org: 1105,
      serviceAccounts: [
        {
          name: bot,
          description: 'Exports policies',
          roles: ['policy_viewer', {role: 'billing_center_viewer', project: 2346}],
        },
      ],
    });
    const text = await cli(['plan', '-f', file]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain(`+ create ${bot}\n`);
    expect(text.stdout).toContain(`+ grant policy_viewer to ${bot} on org 1105\n`);
    expect(text.stdout).toContain(`+ grant billing_center_viewer to ${bot} on project 2346\n`);
    expect(text.stdout).toMatch(/1 to create, 0 to update, 2 to grant, 0 to revoke, 0 to delete/);
    const plan = await json<PlanDoc>(['plan', '-f', file]);
    expect(plan.actions).toEqual([
      {action: 'create', account: bot, description: 'Exports policies'},
      {
        action: 'grant',
        account: bot,
        accountId: null,
        role: 'policy_viewer',
        scope: 'org',
        projectId: null,
        broad: null,
      },
      {
        action: 'grant',
        account: bot,
        accountId: null,
        role: 'billing_center_viewer',
        scope: 'project',
        projectId: 2346,
        broad: null,
      },
    ]);
    // plan changed nothing.
    expect((await accounts()).some((a) => a.name === bot)).toBe(false);

    const applied = await cli(['apply', '-f', file]);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toMatch(new RegExp(`^done\\s+\\+ create ${bot} → id \\d+$`, 'm'));
    const made = (await accounts()).filter((a) => a.name === bot);
    expect(made).toHaveLength(1);
    expect(made[0]!.description).toBe('Exports policies');
    expect(await grantsOf(made[0]!.id)).toEqual([
      {role: 'policy_viewer', scope: 'org', projectId: null},
      {role: 'billing_center_viewer', scope: 'project', projectId: 2346},
    ]);

    const again = await cli(['apply', '-f', file]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toBe('No changes: org 1105 already matches.\n');
    expect((await accounts()).filter((a) => a.name === bot)).toHaveLength(1);
  });

  it('revokes what the file does not list, only with --yes without a terminal', async () => {
    const {id, name: bot} = await harness.newAccount('trimmed', h);
    await json([
      'grants',
      'add',
      '--org',
      '1105',
      '--account',
      String(id),
      'policy_viewer',
      'budget_viewer',
    ]);
    const file = teamFile('team.json', {
      org: 1105,
      serviceAccounts: [{name: bot, description: 'now described', roles: ['policy_viewer']}],
    });
    const refused = await cli(['apply', '-f', file]);
    expect(refused.code).toBe(ExitCode.usage);
    expect(refused.stderr).toMatch(/Add --yes to confirm \(nothing was changed\)/);
    expect((await grantsOf(id)).map((g) => g.role).sort()).toEqual([
      'budget_viewer',
      'policy_viewer',
    ]);
    const applied = await json<{ok: boolean; results: Array<{action: string; status: string}>}>([
      'apply',
      '-f',
      file,
      '--yes',
    ]);
    expect(applied.ok).toBe(true);
    expect(applied.results.map((r) => [r.action, r.status])).toEqual([
      ['update', 'done'],
      ['revoke', 'done'],
    ]);
    expect((await grantsOf(id)).map((g) => g.role)).toEqual(['policy_viewer']);
    expect((await accounts()).find((a) => a.id === id)!.description).toBe('now described');
  });

  it('apply --plan refuses when the org changed since the plan, and applies nothing', async () => {
    const bot = name('saved');
    const file = teamFile('team.json', {org: 1105, serviceAccounts: [{name: bot, roles: []}]});
    const saved = await cli(['plan', '-f', file, '--json']);
    writeFileSync(join(h.dir, 'plan.json'), saved.stdout);
    // Someone changes the org meanwhile.
    const outside = name('outside');
    await json(['accounts', 'create', '--org', '1105', '--name', outside]);
    expectUsageLine(
      await cli(['apply', '--plan', 'plan.json']),
      ExitCode.refused,
      /org 1105 changed since the plan was made .*nothing was applied/,
    );
    expect((await accounts()).some((a) => a.name === bot)).toBe(false);
    // A fresh plan applies.
    writeFileSync(join(h.dir, 'plan.json'), (await cli(['plan', '-f', file, '--json'])).stdout);
    const applied = await cli(['apply', '--plan', 'plan.json']);
    expect(applied.code, applied.stderr).toBe(0);
    expect((await accounts()).filter((a) => a.name === bot)).toHaveLength(1);
  });

  it('a failure in the middle: stops there, reports what was done, nothing else was made', async () => {
    const {id: existingId, name: existing} = await harness.newAccount('existing', h);
    const fresh = name('fresh');
    const file = teamFile('team.json', {
      org: 1105,
      serviceAccounts: [
        {name: existing, roles: ['policy_viewer']},
        {name: fresh, roles: ['budget_viewer']},
      ],
    });
    // The create of the second account fails at the server (not retried: POST is not idempotent;
    // the client then finds no account of that name, so nothing was made).
    emu().faults.inject({
      method: 'POST',
      path: '/iam/v1/orgs/1105/service-accounts',
      fault: {type: 'status', status: 500},
    });
    const result = await cli(['apply', '-f', file, '--json']);
    expect(result.code).toBe(ExitCode.network);
    const report = JSON.parse(result.stdout) as {
      ok: boolean;
      results: Array<{action: string; account: string; status: string; error?: string}>;
    };
    expect(report.ok).toBe(false);
    expect(report.results.map((r) => [r.action, r.account, r.status])).toEqual([
      ['grant', existing, 'done'],
      ['create', fresh, 'failed'],
      ['grant', fresh, 'not done'],
    ]);
    expect(report.results[1]!.error).toMatch(/had a problem \(500\)/);
    expect(result.stderr).toMatch(/apply stopped at the first failure: 1 of 3 changes were made/);
    // The emulator holds exactly what the report says was done.
    expect((await accounts()).some((a) => a.name === fresh)).toBe(false);
    expect((await grantsOf(existingId)).map((g) => g.role)).toEqual(['policy_viewer']);
    // Applying again finishes the rest.
    const rest = await cli(['apply', '-f', file]);
    expect(rest.code, rest.stderr).toBe(0);
    expect((await accounts()).filter((a) => a.name === fresh)).toHaveLength(1);
  });

  it('--prune deletes the accounts the file does not name (with --yes)', async () => {
    // Globex (1180): no other test touches it.
    const before = await accounts(1180);
    expect(before.length).toBeGreaterThan(0);
    const keep = name('keep');
    const file = teamFile('globex.json', {org: 1180, serviceAccounts: [{name: keep, roles: []}]});
    const plan = await cli(['plan', '-f', file, '--prune']);
    for (const account of before) {
      expect(plan.stdout).toContain(
        `- delete ${account.name} (id ${account.id}) with its clients and grants`,
      );
    }
    expect((await cli(['apply', '-f', file, '--prune'])).code).toBe(ExitCode.usage);
    expect(await accounts(1180)).toHaveLength(before.length);
    const applied = await cli(['apply', '-f', file, '--prune', '--yes']);
    expect(applied.code, applied.stderr).toBe(0);
    expect((await accounts(1180)).map((a) => a.name)).toEqual([keep]);
  });
});

describe('team file mistakes name the line', () => {
  it('not JSON, a wrong shape, an unknown field, a name twice, an unknown role', async () => {
    teamFile(
      'broken.json',
      '{\n  "org": 1105,\n  "serviceAccounts": [\n    {"name": "a",}\n  ]\n}\n',
    );
    expectUsageLine(
      await cli(['plan', '-f', 'broken.json']),
      ExitCode.usage,
      /^flexera-sa: broken\.json:4: not valid JSON/,
    );

    teamFile(
      'shape.json',
      '{\n  "org": 1105,\n  "serviceAccounts": [\n    {"name": "a", "roles": []},\n    {"name": "b", "roles": [42]}\n  ]\n}\n',
    );
    expectUsageLine(
      await cli(['plan', '-f', 'shape.json']),
      ExitCode.usage,
      /shape\.json:5: serviceAccounts\.1\.roles\.0: a role is a name, or \{"role": NAME, "project": ID\}/,
    );

    teamFile('field.json', '{\n  "org": 1105,\n  "serviceAccounts": [],\n  "prune": true\n}\n');
    expectUsageLine(
      await cli(['plan', '-f', 'field.json']),
      ExitCode.usage,
      /field\.json:1: the file: unknown field "prune"/,
    );

    teamFile(
      'twice.json',
      '{"org": 1105, "serviceAccounts": [\n  {"name": "same", "roles": []},\n  {"name": "same", "roles": []}\n]}\n',
    );
    expectUsageLine(
      await cli(['plan', '-f', 'twice.json']),
      ExitCode.usage,
      /twice\.json:3: the service account "same" is named twice \(also on line 2\)/,
    );

    teamFile(
      'role.json',
      '{"org": 1105, "serviceAccounts": [\n  {"name": "r", "roles": ["no_such_role"]}\n]}\n',
    );
    expectUsageLine(
      await cli(['plan', '-f', 'role.json']),
      ExitCode.usage,
      /role\.json:2: Unknown role "no_such_role"/,
    );
    expectUsageLine(
      await cli(['plan', '-f', 'missing.json']),
      ExitCode.usage,
      /Cannot read missing\.json \(ENOENT\)/,
    );
    expectUsageLine(await cli(['plan']), ExitCode.usage, /plan needs --file/);
  });

  it('an org holding two accounts of a name the file uses: an error naming both ids', async () => {
    const {id: first, name: twin} = await harness.newAccount('twin', h);
    // The command refuses a second one; another tool (here the API itself) may not.
    const token = (await (
      await fetch(`${emu().zones.nam.login}/oidc/token`, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'refresh_token',
          refresh_token: emu().refreshTokens.nam,
        }),
      })
    ).json()) as {access_token: string};
    const created = await fetch(`${emu().zones.nam.api}/iam/v1/orgs/1105/service-accounts`, {
      method: 'POST',
      headers: {authorization: `Bearer ${token.access_token}`, 'content-type': 'application/json'},
      body: JSON.stringify({name: twin}),
    });
    expect(created.status).toBe(201);
    const second = (await accounts()).filter((a) => a.name === twin).map((a) => a.id);
    expect(second).toHaveLength(2);
    teamFile('team.json', {org: 1105, serviceAccounts: [{name: twin, roles: []}]});
    expectUsageLine(
      await cli(['plan', '-f', 'team.json']),
      ExitCode.refused,
      new RegExp(
        `has 2 service accounts named "${twin}" \\(ids ${first} and ${second.find((id) => id !== first)}\\)`,
      ),
    );
  });
});
