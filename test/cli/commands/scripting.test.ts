/**
 * The scripting commands (issue 14) as a script sees them: the built binary (dist/cli.js), no
 * terminal, a fresh HOME per run, a real emulator on 127.0.0.1. Each command: its text, its JSON
 * document, its exit code, and its bad input; the emulator is asked what really changed.
 */
import {readFileSync, statSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {ExitCode} from '../../../source/exit-codes.js';
import {CLI, STACK_LINE, closedPort, expectUsageLine, runCli} from '../../reliability/support.js';
import {commandHarness} from './support.js';

const {emu, home, cli, json, newAccount: created, completions} = commandHarness();
const newAccount = async (prefix: string) => (await created(prefix)).id;

interface AccountDoc {
  serviceAccount: {id: number; name: string; description: string; createdAt: string | null};
}

const clientIds = async (accountId: string) =>
  (
    await json<{clients: Array<{clientId: string}>}>([
      'clients',
      'list',
      '--org',
      '1105',
      '--account',
      accountId,
    ])
  ).clients.map((c) => c.clientId);

const accountNames = async () =>
  (
    await json<{serviceAccounts: Array<{name: string; id: number}>}>([
      'accounts',
      'list',
      '--org',
      '1105',
    ])
  ).serviceAccounts;

describe('orgs and the org default', () => {
  it('orgs: aligned text and a JSON document', async () => {
    const text = await cli(['orgs']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^ID\s+NAME/);
    expect(text.stdout).toMatch(/^1105\s+Acme Corp/m);
    const doc = await json<{zone: string; orgs: Array<{id: number; name: string}>}>(['orgs']);
    expect(doc.zone).toBe('nam');
    expect(doc.orgs).toContainEqual({id: 1105, name: 'Acme Corp'});
  });

  it('without --org and no org used before: exit 2, says to name one; --org is then remembered', async () => {
    const h = home();
    expectUsageLine(
      await cli(['accounts', 'list'], {home: h}),
      ExitCode.usage,
      /Name the org with --org ID/,
    );
    expect((await cli(['accounts', 'list', '--org', '1105'], {home: h})).code).toBe(0);
    const again = await cli(['accounts', 'list'], {home: h});
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/billing-export/);
    const orgs = await json<{lastOrgId: number}>(['orgs'], h);
    expect(orgs.lastOrgId).toBe(1105);
  });

  it('not signed in: exit 5; an unreachable API: exit 4; a refused token: exit 1', async () => {
    const none = await runCli(CLI, ['orgs', '--no-keychain'], {home: home()});
    expectUsageLine(none, ExitCode.notSignedIn, /not signed in\. Run `flexera-sa login/);
    const down = await runCli(CLI, ['orgs'], {
      home: home(),
      env: {
        FLEXERA_REFRESH_TOKEN: 'x'.repeat(40),
        FLEXERA_API_URL: `http://127.0.0.1:${await closedPort()}`,
      },
    });
    expect(down.code).toBe(ExitCode.network);
    expect(down.stderr).not.toMatch(STACK_LINE);
    const refused = await runCli(CLI, ['orgs'], {
      home: home(),
      env: {
        FLEXERA_REFRESH_TOKEN: 'not-a-real-token-0123456789',
        FLEXERA_API_URL: emu().zones.nam.api,
      },
    });
    expectUsageLine(refused, ExitCode.refused, /The token was refused by/);
    expect(refused.stderr).not.toContain('not-a-real-token');
  });
});

describe('accounts', () => {
  it('list: text columns, and JSON with the documented fields', async () => {
    const text = await cli(['accounts', 'list', '--org', '1105']);
    expect(text.stdout.split('\n')[0]).toMatch(/^ID\s+NAME\s+CREATED\s+DESCRIPTION$/);
    expect(text.stdout).toMatch(/^2257\s+billing-export\s+\S+\s+Nightly cloud cost export/m);
    const doc = await json<{orgId: number; serviceAccounts: object[]}>([
      'accounts',
      'list',
      '--org',
      '1105',
    ]);
    expect(doc.orgId).toBe(1105);
    expect(doc.serviceAccounts).toContainEqual({
      id: 2257,
      name: 'billing-export',
      description: 'Nightly cloud cost export to the data lake',
      createdAt: expect.any(String),
      createdBy: 121456,
    });
  });

  it('create prints the new account; the same name again creates nothing (exit 1)', async () => {
    const name = `ci-exporter-${process.pid}`;
    const doc = await json<AccountDoc & {orgId: number}>([
      'accounts',
      'create',
      '--org',
      '1105',
      '--name',
      name,
      '--description',
      'Exports policies',
    ]);
    expect(doc.orgId).toBe(1105);
    expect(doc.serviceAccount).toMatchObject({name, description: 'Exports policies'});
    const again = await cli(['accounts', 'create', '--org', '1105', '--name', name]);
    expectUsageLine(
      again,
      ExitCode.refused,
      new RegExp(`already has a service account named "${name}" \\(id ${doc.serviceAccount.id}\\)`),
    );
    expect((await accountNames()).filter((a) => a.name === name)).toHaveLength(1);
  });

  it('create: bad input is refused before anything is sent', async () => {
    const before = emu().requests.filter((r) => r.method === 'POST').length;
    expectUsageLine(
      await cli(['accounts', 'create', '--org', '1105']),
      ExitCode.usage,
      /accounts create needs --name: a service account name/,
    );
    expectUsageLine(
      await cli(['accounts', 'create', '--org', '1105', '--name', 'bad\u001b[2Jname']),
      ExitCode.usage,
      /--name: The name holds control characters.*Nothing was sent/,
    );
    expectUsageLine(
      await cli(['accounts', 'create', '--org', '1105', '--name', 'x'.repeat(513)]),
      ExitCode.usage,
      /Too long: 513 characters/,
    );
    expectUsageLine(
      await cli(['accounts', 'create', '--org', 'acme', '--name', 'x']),
      ExitCode.usage,
      /--org takes a numeric org id such as 1105, not "acme"/,
    );
    expect(emu().requests.filter((r) => r.method === 'POST')).toHaveLength(before);
  });

  it('show, edit and delete; delete without a terminal needs --yes', async () => {
    const id = await newAccount('lifecycle');
    const shown = await json<AccountDoc & {grants: unknown[]; clients: unknown[]}>([
      'accounts',
      'show',
      '--org',
      '1105',
      '--account',
      String(id),
    ]);
    expect(shown).toMatchObject({grants: [], clients: []});
    const edited = await json<AccountDoc & {changed: string[]}>([
      'accounts',
      'edit',
      '--org',
      '1105',
      '--account',
      String(id),
      '--description',
      'now described',
    ]);
    expect(edited.changed).toEqual(['description']);
    expect(edited.serviceAccount.description).toBe('now described');
    const text = await cli(['accounts', 'show', '--org', '1105', '--account', String(id)]);
    expect(text.stdout).toMatch(/^description:\s+now described$/m);

    expectUsageLine(
      await cli(['accounts', 'delete', '--org', '1105', '--account', String(id)]),
      ExitCode.usage,
      /also deletes its clients and grants\. Add --yes to confirm \(nothing was changed\)/,
    );
    expect((await accountNames()).some((a) => a.id === id)).toBe(true);
    const deleted = await cli([
      'accounts',
      'delete',
      '--org',
      '1105',
      '--account',
      String(id),
      '--yes',
    ]);
    expect(deleted.code, deleted.stderr).toBe(0);
    expect((await accountNames()).some((a) => a.id === id)).toBe(false);
    expectUsageLine(
      await cli(['accounts', 'show', '--org', '1105', '--account', String(id)]),
      ExitCode.refused,
      new RegExp(`No service account ${id} in org 1105`),
    );
  });
});

describe('roles and grants', () => {
  it('roles --privilege finds the roles that grant it, with the broad flag', async () => {
    const doc = await json<{
      roles: Array<{name: string; broad: boolean; matchedPrivileges: string[]}>;
    }>(['roles', '--org', '1105', '--privilege', 'iam:user:index']);
    const iamAdmin = doc.roles.find((r) => r.name === 'iam_admin');
    expect(iamAdmin).toMatchObject({broad: true, matchedPrivileges: ['iam:user:index']});
    const text = await cli(['roles', '--org', '1105', '--privilege', 'iam:user:index']);
    expect(text.stdout).toMatch(/^iam_admin\s+.*broad\s+iam:user:index$/m);
  });

  it('grants add: several roles, a broad one needs --yes, org_owner and unknown roles are refused', async () => {
    const id = String(await newAccount('grants'));
    const base = ['grants', 'add', '--org', '1105', '--account', id];
    expectUsageLine(
      await cli([...base, 'policy_viewer', 'iam_admin']),
      ExitCode.usage,
      /iam_admin is a broad role .* Add --yes to confirm \(nothing was changed\)/,
    );
    expectUsageLine(
      await cli([...base, 'org_owner', '--yes']),
      ExitCode.refused,
      /Service accounts cannot be granted org_owner/,
    );
    expectUsageLine(
      await cli([...base, 'no_such_role']),
      ExitCode.usage,
      /Unknown role "no_such_role": `flexera-sa roles` lists/,
    );
    expectUsageLine(await cli(base), ExitCode.usage, /grants add needs ROLE\.\.\./);
    let listed = await json<{grants: unknown[]}>([
      'grants',
      'list',
      '--org',
      '1105',
      '--account',
      id,
    ]);
    expect(listed.grants).toEqual([]);

    const added = await json<{granted: unknown[]; grants: unknown[]}>([
      ...base,
      'policy_viewer',
      'iam_admin',
      '--yes',
    ]);
    expect(added.granted).toEqual([
      {role: 'policy_viewer', scope: 'org', projectId: null},
      {role: 'iam_admin', scope: 'org', projectId: null},
    ]);
    const onProject = await cli([...base, 'billing_center_viewer', '--project', '2346']);
    expect(onProject.code, onProject.stderr).toBe(0);
    expect(onProject.stdout).toMatch(/^granted\s+billing_center_viewer\s+project 2346$/m);
    listed = await json(['grants', 'list', '--org', '1105', '--account', id]);
    expect(listed.grants).toEqual([
      {role: 'iam_admin', scope: 'org', projectId: null},
      {role: 'policy_viewer', scope: 'org', projectId: null},
      {role: 'billing_center_viewer', scope: 'project', projectId: 2346},
    ]);
  });

  it('grants revoke needs --yes without a terminal; a project that does not exist is refused', async () => {
    const id = String(await newAccount('revoke'));
    await json(['grants', 'add', '--org', '1105', '--account', id, 'policy_viewer']);
    const revoke = ['grants', 'revoke', '--org', '1105', '--account', id, 'policy_viewer'];
    expectUsageLine(await cli(revoke), ExitCode.usage, /Add --yes to confirm/);
    expect(
      (await json<{grants: unknown[]}>(['grants', 'list', '--org', '1105', '--account', id]))
        .grants,
    ).toHaveLength(1);
    const done = await json<{revoked: unknown[]; grants: unknown[]}>([...revoke, '--yes']);
    expect(done).toMatchObject({revoked: [{role: 'policy_viewer'}], grants: []});
    expectUsageLine(
      await cli([
        'grants',
        'add',
        '--org',
        '1105',
        '--account',
        id,
        'policy_viewer',
        '--project',
        '999',
      ]),
      ExitCode.refused,
      /No project 999 in org 1105/,
    );
  });
});

describe('clients and verify', () => {
  it('clients create --out FILE: a new 0600 file, the secret nowhere else; verify --from proves it', async () => {
    const h = home();
    const id = String(await newAccount('mint'));
    await json(['grants', 'add', '--org', '1105', '--account', id, 'policy_viewer']);
    const created = await cli(
      ['clients', 'create', '--org', '1105', '--account', id, '--out', 'creds.json', '--json'],
      {home: h},
    );
    expect(created.code, created.stderr).toBe(0);
    const doc = JSON.parse(created.stdout) as {
      client: {clientId: string};
      secretFile: string;
      format: string;
    };
    const file = join(h.dir, 'creds.json');
    expect(doc).toMatchObject({secretFile: file, format: 'json'});
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const secret = (JSON.parse(readFileSync(file, 'utf8')) as {clientSecret: string}).clientSecret;
    expect(secret.length).toBeGreaterThan(10);
    expect(created.stdout).not.toContain(secret);
    expect(created.stderr).not.toContain(secret);

    const verified = await cli(['verify', '--from', 'creds.json'], {home: h});
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(/^ok\s+exchange the client credentials/m);
    expect(verified.stdout).toMatch(/^ok\s+list roles in org 1105/m);
    // policy_viewer cannot list users: the call fails, exit 1, in the words of errors/describe.
    const users = await cli(['verify', '--from', 'creds.json', '--call', 'users', '--json'], {
      home: h,
    });
    expect(users.code).toBe(ExitCode.refused);
    const steps = (JSON.parse(users.stdout) as {steps: Array<{ok: boolean; status: number | null}>})
      .steps;
    expect(steps.map((s) => [s.ok, s.status])).toEqual([
      [true, null],
      [false, 403],
    ]);
    expect(users.stderr).toMatch(/Not allowed/);

    // The secret on stdin with --client-id; a wrong one is refused (exit 1) and never echoed.
    const fromStdin = await cli(['verify', '--org', '1105', '--client-id', doc.client.clientId], {
      stdin: `${secret}\n`,
    });
    expect(fromStdin.code, fromStdin.stderr).toBe(0);
    const wrong = await cli(['verify', '--org', '1105', '--client-id', doc.client.clientId], {
      stdin: 'wrong-secret-value-123',
    });
    expect(wrong.code).toBe(ExitCode.refused);
    expect(wrong.stderr + wrong.stdout).not.toContain('wrong-secret-value-123');

    const listed = await clientIds(id);
    expect(listed).toEqual([doc.client.clientId]);
  });

  it('clients create: an existing file or a missing folder mints nothing; --out - writes to a pipe', async () => {
    const h = home();
    const id = String(await newAccount('out'));
    writeFileSync(join(h.dir, 'taken.env'), 'keep me\n');
    const base = ['clients', 'create', '--org', '1105', '--account', id];
    expectUsageLine(
      await cli([...base, '--out', 'taken.env'], {home: h}),
      ExitCode.usage,
      /taken\.env already exists\. It was not overwritten/,
    );
    expectUsageLine(
      await cli([...base, '--out', 'no/such/dir/x.env'], {home: h}),
      ExitCode.usage,
      /does not exist/,
    );
    expect(readFileSync(join(h.dir, 'taken.env'), 'utf8')).toBe('keep me\n');
    expect(await clientIds(id)).toEqual([]);
    expectUsageLine(
      await cli([...base, '--out', '-', '--json']),
      ExitCode.usage,
      /--out - prints the secret on stdout, where --json would print too/,
    );

    const piped = await cli([...base, '--out', '-']);
    expect(piped.code, piped.stderr).toBe(0);
    expect(piped.stdout).toMatch(/^FLEXERA_CLIENT_ID=\S+$/m);
    expect(piped.stdout).toMatch(/^FLEXERA_CLIENT_SECRET=\S+$/m);
  });

  it('clients: the limit of 2 is checked before minting; delete needs --yes', async () => {
    // terraform-iam (2260) holds 2 clients in the seed.
    expectUsageLine(
      await cli(['clients', 'create', '--org', '1105', '--account', '2260', '--out', 'x.env']),
      ExitCode.refused,
      /has 2 of 2 clients.*nothing was minted/,
    );
    const id = String(await newAccount('delete-client'));
    const h = home();
    await cli(['clients', 'create', '--org', '1105', '--account', id, '--out', 'c.env'], {home: h});
    const [clientId] = await clientIds(id);
    const remove = [
      'clients',
      'delete',
      '--org',
      '1105',
      '--account',
      id,
      '--client-id',
      clientId!,
    ];
    expectUsageLine(await cli(remove), ExitCode.usage, /Add --yes to confirm/);
    const removed = await json<{deleted: {clientId: string}}>([...remove, '--yes']);
    expect(removed.deleted.clientId).toBe(clientId!);
    expectUsageLine(await cli([...remove, '--yes']), ExitCode.refused, /has no client/);
  });

  it('verify: the secret is never an argument', async () => {
    expectUsageLine(
      await cli(['verify', '--org', '1105']),
      ExitCode.usage,
      /--from FILE .* or --client-id ID with the secret on stdin/,
    );
    expectUsageLine(
      await cli(['verify', '--client-secret', 'abc']),
      ExitCode.usage,
      /Unknown flag --client-secret\./,
    );
  });
});

describe('export', () => {
  it("an org's accounts with grants and client ids, never a secret", async () => {
    const h = home();
    const id = await newAccount('export');
    await json(['grants', 'add', '--org', '1105', '--account', String(id), 'policy_viewer']);
    await cli(['clients', 'create', '--org', '1105', '--account', String(id), '--out', 's.json'], {
      home: h,
    });
    const secret = (
      JSON.parse(readFileSync(join(h.dir, 's.json'), 'utf8')) as {clientSecret: string}
    ).clientSecret;
    const result = await cli(['export', '--org', '1105', '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).not.toContain(secret);
    const doc = JSON.parse(result.stdout) as {
      serviceAccounts: Array<{id: number; grants: unknown[]; clients: Array<{clientId: string}>}>;
    };
    const mine = doc.serviceAccounts.find((a) => a.id === id)!;
    expect(mine.grants).toEqual([{role: 'policy_viewer', scope: 'org', projectId: null}]);
    expect(mine.clients).toHaveLength(1);
    expect(Object.keys(mine.clients[0]!)).toEqual(['clientId', 'createdAt', 'createdBy']);
    const text = await cli(['export', '--org', '1105']);
    expect(text.stdout).toMatch(/^billing-export \(id 2257\)$/m);
    expect(text.stdout).toMatch(/^ {2}roles:\s+billing_center_viewer on org 1105$/m);
  });
});

describe('the grammar', () => {
  it('a group needs a command; an unknown one lists them; each command has --help', async () => {
    expectUsageLine(
      await cli(['grants']),
      ExitCode.usage,
      /grants needs a command: list, add, revoke/,
    );
    expectUsageLine(
      await cli(['accounts', 'frob']),
      ExitCode.usage,
      /Unknown command "accounts" "frob"\. The accounts commands are list, show, create, edit, delete/,
    );
    const help = await cli(['grants', 'add', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: flexera-sa grants add \[options\] <role\.\.\.>/);
    expect(help.stdout).toMatch(/--project <id>/);
    expect(help.stdout).toMatch(/Exit codes/);
  });

  it('a flag of another command does not apply; --json is one document even for errors (nothing on stdout)', async () => {
    expectUsageLine(
      await cli(['orgs', '--account', '5']),
      ExitCode.usage,
      /--account does not apply to "orgs"/,
    );
    const failed = await cli([
      'accounts',
      'show',
      '--org',
      '1105',
      '--account',
      '999999',
      '--json',
    ]);
    expectUsageLine(failed, ExitCode.refused, /No service account 999999/);
  });
});

describe('completion', () => {
  it('prints a script for bash, zsh and fish that calls back `flexera-sa complete`', async () => {
    for (const shell of ['bash', 'zsh', 'fish']) {
      const result = await cli(['completion', shell]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain('flexera-sa complete --');
    }
    expect((await cli(['completion', 'bash'])).stdout).toMatch(/complete -F \S+ flexera-sa/);
    expectUsageLine(
      await cli(['completion', 'tcsh']),
      ExitCode.usage,
      /completion takes bash, zsh or fish/,
    );
  });

  it('answers the shell: commands, subcommands, flags and their values', async () => {
    expect(await completions('acc')).toEqual(['accounts']);
    expect(await completions('accounts', '')).toEqual(['list', 'show', 'create', 'edit', 'delete']);
    expect(await completions('grants', 'add', '--pro')).toEqual(['--project']);
    expect(await completions('clients', 'create', '--format', '')).toEqual(['env', 'json']);
    expect(await completions('completion', '')).toEqual(['bash', 'zsh', 'fish']);
  });
});
