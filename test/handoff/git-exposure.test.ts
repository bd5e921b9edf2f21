/** gitExposure asks the real git in real temporary repositories. */
import {execFileSync} from 'node:child_process';
import {mkdir, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {gitExposure, perUserSecretDir} from '../../source/handoff/git-exposure.js';
import {tempDir} from './support.js';

let dir: string;
let remove: () => Promise<void>;
const env = {PATH: process.env.PATH, HOME: '/nonexistent-home'};

beforeEach(async () => {
  ({dir, remove} = await tempDir());
});
afterEach(async () => {
  await remove();
});

function initRepo(at: string): void {
  execFileSync('git', ['init', '-q', at]);
}

describe('gitExposure', () => {
  it('names the work tree when the file would not be ignored there', async () => {
    initRepo(dir);
    await mkdir(path.join(dir, 'app'));
    const exposure = await gitExposure(path.join(dir, 'app', 'client.env'), env);
    expect(exposure?.workTree).toBe(dir);
  });

  it('says nothing when a .gitignore covers the file', async () => {
    initRepo(dir);
    await writeFile(path.join(dir, '.gitignore'), '*.env\n');
    expect(await gitExposure(path.join(dir, 'client.env'), env)).toBeUndefined();
    expect(await gitExposure(path.join(dir, 'client.json'), env)).toEqual({workTree: dir});
  });

  it('says nothing outside a work tree, or without git on the PATH', async () => {
    expect(await gitExposure(path.join(dir, 'client.env'), env)).toBeUndefined();
    initRepo(dir);
    expect(await gitExposure(path.join(dir, 'client.env'), {PATH: '/nonexistent'})).toBeUndefined();
  });
});

describe('perUserSecretDir', () => {
  it('follows XDG_DATA_HOME, else ~/.local/share', () => {
    expect(perUserSecretDir({XDG_DATA_HOME: '/x/data', HOME: '/h'})).toBe(
      '/x/data/flexera-sa/clients',
    );
    expect(perUserSecretDir({HOME: '/h'})).toBe('/h/.local/share/flexera-sa/clients');
  });
});
