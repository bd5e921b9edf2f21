/**
 * `w` where a git work tree would see the secret file: the form says so in one line and offers
 * the per-user folder (Enter, the default), writing here anyway (h), or cancelling (Esc). Real
 * git in real temporary repositories; outside a repo, or where .gitignore covers the file, the
 * write goes ahead as before.
 */
import {execFileSync} from 'node:child_process';
import {readFile, readdir, stat, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import type {Emulator} from '../../../source/emulator/index.js';
import {SecretHandoff, type HandoffEvent} from '../../../source/screens/credentials/index.js';
import {startTestEmulator} from '../../helpers/app.js';
import {flat} from '../../helpers/frames.js';
import type {InkHandle} from '../../helpers/ink.js';
import {renderWithSession} from './render.js';
import {mintOverHttp, seedAccount, tempDir} from './support.js';

const QUESTION = 'and not ignored: one "git add ." from a leak.';

async function open(emu: Emulator, cwd: string) {
  const account = seedAccount(emu, (sa) => sa.clients.length === 0);
  const orgId = emu.seed.orgIds.primary;
  const credentials = await mintOverHttp(emu, orgId, account.id);
  const data = await tempDir('flexera-sa-data-');
  const events: HandoffEvent[] = [];
  const ui = renderWithSession(
    emu,
    <SecretHandoff
      credentials={credentials}
      orgId={orgId}
      serviceAccountId={account.id}
      accountName="Git App"
      width={100}
      height={20}
      cwd={cwd}
      onHandedOff={(event) => events.push(event)}
    />,
    {services: {env: {PATH: process.env.PATH, HOME: data, XDG_DATA_HOME: data}}},
  );
  await ui.waitForText('New client for Git App');
  return {ui, credentials, events, perUserDir: path.join(data, 'flexera-sa', 'clients')};
}

async function writeTo(ui: InkHandle, file: string) {
  await ui.press('w');
  await ui.waitForText('./git-app-client.env');
  await ui.press('ctrlU');
  await ui.type(file);
  await ui.press('enter');
}

function gitStatus(repo: string): string {
  return execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], {
    cwd: repo,
    encoding: 'utf8',
  });
}

async function repo(): Promise<string> {
  const dir = await tempDir('flexera-sa-repo-');
  execFileSync('git', ['init', '-q', dir]);
  return dir;
}

describe('w inside a git work tree', () => {
  it('warns in one line and writes to the per-user folder by default; git sees nothing', async () => {
    const emu = await startTestEmulator();
    const dir = await repo();
    const {ui, credentials, events, perUserDir} = await open(emu, dir);
    const target = path.join(dir, 'client.env');
    await writeTo(ui, target);
    const asked = flat(await ui.waitFor((f) => flat(f).includes(QUESTION)));
    expect(asked).toContain(`${target} is in the git work tree ${dir} ${QUESTION}`);
    const offered = path.join(perUserDir, 'client.env');
    expect(asked).toContain(`Enter write ${offered} instead · h write here anyway · Esc cancel`);
    expect(events).toEqual([]);

    await ui.press('enter');
    await ui.waitFor((f) => flat(f).includes(`Wrote ${offered}`));
    expect((await stat(offered)).mode & 0o777).toBe(0o600);
    expect((await stat(perUserDir)).mode & 0o777).toBe(0o700);
    expect(await readFile(offered, 'utf8')).toContain(credentials.clientSecret);
    expect(await readdir(dir)).toEqual(['.git']);
    expect(gitStatus(dir)).toBe('');
    expect(events).toEqual([{kind: 'written', path: offered, format: 'env'}]);
  });

  it('h writes here anyway; Esc cancels and writes nothing', async () => {
    const emu = await startTestEmulator();
    const dir = await repo();
    const {ui, events} = await open(emu, dir);
    const target = path.join(dir, 'here.env');

    await writeTo(ui, target);
    await ui.waitFor((f) => flat(f).includes(QUESTION));
    await ui.press('esc');
    await ui.waitFor((f) => !flat(f).includes(QUESTION) && f.includes('Write to a new file'));
    expect(await readdir(dir)).toEqual(['.git']);
    expect(events).toEqual([]);

    await ui.press('enter'); // the path is kept: asked again
    await ui.waitFor((f) => flat(f).includes(QUESTION));
    await ui.press('h');
    await ui.waitFor((f) => flat(f).includes(`Wrote ${target}`));
    expect((await stat(target)).mode & 0o777).toBe(0o600);
    expect(gitStatus(dir)).toBe('?? here.env\n');
    expect(events).toEqual([{kind: 'written', path: target, format: 'env'}]);
  });

  it('where .gitignore covers the file, or outside a repo, it writes as before without asking', async () => {
    const emu = await startTestEmulator();
    const dir = await repo();
    await writeFile(path.join(dir, '.gitignore'), '*.env\n');
    const ignored = await open(emu, dir);
    const target = path.join(dir, 'ignored.env');
    await writeTo(ignored.ui, target);
    await ignored.ui.waitFor((f) => flat(f).includes(`Wrote ${target}`));
    expect(ignored.ui.frames.some((f) => flat(f).includes(QUESTION))).toBe(false);
    ignored.ui.unmount();

    const plain = await tempDir('flexera-sa-plain-');
    const outside = await open(emu, plain);
    const file = path.join(plain, 'plain.env');
    await writeTo(outside.ui, file);
    await outside.ui.waitFor((f) => flat(f).includes(`Wrote ${file}`));
    expect(outside.ui.frames.some((f) => flat(f).includes(QUESTION))).toBe(false);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });
});
