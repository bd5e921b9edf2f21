/**
 * What the commands do on a terminal (tmux, the built binary): `--out -` refuses to print a secret
 * there unless --reveal, and a deletion asks y/N instead of needing --yes.
 */
import {afterEach, describe, expect, it} from 'vitest';
import {TmuxSession} from '../../helpers/tmux.js';
import {CLI, runProcess} from '../../reliability/support.js';
import {commandHarness} from './support.js';

const {home, signedIn, newAccount, json} = commandHarness();
const sessions: TmuxSession[] = [];
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.stop()));
});

function terminal() {
  const h = home();
  const session = new TmuxSession({columns: 250, rows: 20, cwd: h.dir, env: h.env(signedIn())});
  sessions.push(session);
  return session;
}

describe('commands on a terminal', () => {
  it('clients create --out - is refused on a terminal (exit 2), and mints nothing', async () => {
    const {id} = await newAccount('tty-out');
    // util-linux script gives the command a terminal and hands back what it wrote, and its status.
    const command = ['node', CLI, 'clients', 'create', '--org', '1105', '--account', String(id)];
    const result = await runProcess(
      'script',
      ['-qefc', [...command, '--out', '-'].join(' '), '/dev/null'],
      {home: home(), env: signedIn()},
    );
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('--out - would show the secret on this terminal');
    expect(result.stdout).not.toMatch(/FLEXERA_CLIENT_SECRET/);
    const listed = await json<{clients: unknown[]}>([
      'clients',
      'list',
      '--org',
      '1105',
      '--account',
      String(id),
    ]);
    expect(listed.clients).toEqual([]);
  });

  it('accounts delete asks on a terminal: n keeps the account, y deletes it', async () => {
    const {id} = await newAccount('tty-delete');
    const remove = ['node', CLI, 'accounts', 'delete', '--org', '1105', '--account', String(id)];
    const no = terminal();
    await no.start(remove);
    await no.waitFor('[y/N]');
    await no.send(['n', 'Enter']);
    await no.waitFor('Not confirmed: nothing was changed.');
    expect(await no.waitForExit()).toBe(2);
    const accounts = async () =>
      (
        await json<{serviceAccounts: Array<{id: number}>}>(['accounts', 'list', '--org', '1105'])
      ).serviceAccounts.map((a) => a.id);
    expect(await accounts()).toContain(id);

    const yes = terminal();
    await yes.start(remove);
    await yes.waitFor('[y/N]');
    await yes.send(['y', 'Enter']);
    expect(await yes.waitForExit()).toBe(0);
    expect(await accounts()).not.toContain(id);
  });
});
