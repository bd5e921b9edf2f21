/**
 * The package as a user gets it (issue #16): `npm pack`, then `npm install -g` of the tarball
 * into an empty prefix with a fresh HOME and npm cache, and the installed bin run as a person
 * would. Dependencies come from a registry on 127.0.0.1 that serves the lockfile's runtime tree
 * from the local npm cache (local-registry.ts): no network, nothing written to the user's cache.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {execFile, spawn, type ChildProcess} from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  statSync,
} from 'node:fs';
import {rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import readline from 'node:readline';
import {promisify} from 'node:util';
import {TmuxSession} from '../helpers/tmux.js';
import {REPO, Sandbox, requireKeyring} from '../secrets/helpers/keyring.js';
import {runtimeTree, startLocalRegistry, type LocalRegistry} from './local-registry.js';

const run = promisify(execFile);
const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
  version: string;
  dependencies: Record<string, string>;
};
const lock = JSON.parse(readFileSync(join(REPO, 'package-lock.json'), 'utf8'));

/** The target of issue #16: the install, keytar's tree included, within 10 MB. */
const MAX_INSTALLED_BYTES = 10 * 1024 * 1024;

const root = mkdtempSync(join(tmpdir(), 'flexera-sa-package-'));
const prefix = join(root, 'prefix');
const bin = join(prefix, 'bin', 'flexera-sa');
const installed = join(prefix, 'lib', 'node_modules', 'flexera-sa');
let registry: LocalRegistry;
let tarball: string;
let install: {stdout: string; stderr: string};
let emulator: ChildProcess | undefined;
let ready: {zones: {nam: {api: string; login: string}}; refreshTokens: {nam: string}};

/** A fresh HOME and npm cache under `root`, the local registry, and no npm_* from `npm test`. */
function npmEnv(name: string): Record<string, string> {
  const home = join(root, name, 'home');
  const cache = join(root, name, 'npm-cache');
  mkdirSync(home, {recursive: true});
  mkdirSync(cache, {recursive: true});
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    LANG: 'C.UTF-8',
    HOME: home,
    npm_config_cache: cache,
    npm_config_registry: registry.url,
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
}

/** Bytes on disk under `dir`, as du counts them. */
function diskUsage(dir: string): number {
  const stat = statSync(dir);
  if (!stat.isDirectory()) return stat.blocks * 512;
  return readdirSync(dir).reduce(
    (sum, entry) => sum + diskUsage(join(dir, entry)),
    stat.blocks * 512,
  );
}

beforeAll(async () => {
  // The global setup built dist/; --ignore-scripts keeps prepack from rebuilding it under
  // tests that run it at the same time.
  const packed = await run(
    'npm',
    ['pack', '--ignore-scripts', '--json', '--pack-destination', root],
    {
      cwd: REPO,
    },
  );
  const [{filename}] = JSON.parse(packed.stdout) as [{filename: string}];
  tarball = join(root, filename);
  registry = await startLocalRegistry({
    served: runtimeTree(lock, pkg.dependencies),
    cacheDir: (await run('npm', ['config', 'get', 'cache'], {cwd: REPO})).stdout.trim(),
  });
  install = await run('npm', ['install', '-g', '--prefix', prefix, tarball], {
    cwd: root,
    env: npmEnv('install'),
  });

  emulator = spawn(bin, ['emulator', '--port', '0', '--json'], {
    env: {PATH: process.env.PATH ?? '', HOME: join(root, 'install', 'home')},
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const lines = readline.createInterface({input: emulator.stdout!});
  ready = await new Promise((resolve, reject) => {
    emulator!.once('exit', (code) => reject(new Error(`the installed emulator exited (${code})`)));
    lines.on('line', (line) => {
      if (line.startsWith('{')) resolve(JSON.parse(line) as typeof ready);
    });
  });
}, 120_000);

afterAll(async () => {
  if (emulator?.exitCode === null) emulator.kill('SIGTERM');
  await registry?.close();
  await rm(root, {recursive: true, force: true});
});

describe('the packed package, installed from a clean HOME', () => {
  it('installs keytar and its own dependencies only, within 10 MB, warning about nothing but keytar’s install script', () => {
    const expected = runtimeTree(lock, pkg.dependencies)
      .map(({folder}) => folder)
      .sort();
    expect(readdirSync(join(installed, 'node_modules')).sort()).toEqual(expected);
    expect(expected).toContain('keytar');

    const bytes = diskUsage(prefix);
    expect(bytes, `installed: ${(bytes / 1024 / 1024).toFixed(1)} MB`).toBeLessThanOrEqual(
      MAX_INSTALLED_BYTES,
    );
    // No source map carries a copy of the sources (that was 4.5 MB of every install).
    const maps = readdirSync(join(installed, 'dist'), {recursive: true})
      .map(String)
      .filter((file) => file.endsWith('.map'));
    expect(maps.length).toBeGreaterThan(0);
    for (const map of maps) {
      expect(JSON.parse(readFileSync(join(installed, 'dist', map), 'utf8'))).not.toHaveProperty(
        'sourcesContent',
      );
    }

    const warnings = `${install.stdout}\n${install.stderr}`
      .split('\n')
      .filter((line) => /^npm (warn|error)/i.test(line));
    for (const line of warnings) {
      expect(line).toMatch(/^npm warn install-scripts/);
    }
    // Only keytar was fetched: nothing else of the build's tree was asked for.
    const fetched = registry.requests.filter((path) => path.startsWith('/-/tarball/'));
    expect(
      fetched.map((path) => path.replace(/^\/-\/tarball\/|-\d[^/]*\.tgz$/g, '')).sort(),
    ).toEqual(
      runtimeTree(lock, pkg.dependencies)
        .map(({name}) => name)
        .sort(),
    );
  });

  it('--version and --help', async () => {
    const env = {PATH: process.env.PATH ?? '', HOME: join(root, 'install', 'home')};
    expect((await run(bin, ['--version'], {env})).stdout.trim()).toBe(pkg.version);
    const help = await run(bin, ['--help'], {env});
    expect(help.stdout).toContain('$ flexera-sa login --with-token');
    expect(help.stderr).toBe('');
  });

  it('status against the installed emulator, with the env token', async () => {
    const {stdout} = await run(bin, ['status', '--api-url', ready.zones.nam.api], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: join(root, 'install', 'home'),
        FLEXERA_REFRESH_TOKEN: ready.refreshTokens.nam,
      },
    });
    expect(stdout).toMatch(/^token: +env \(FLEXERA_REFRESH_TOKEN\)$/m);
    expect(stdout).toMatch(/^works: +yes, user \d+$/m);
    expect(stdout).not.toContain(ready.refreshTokens.nam);
  });

  it('login --with-token keeps the token in a real Secret Service, with keytar’s install script not run', async (ctx) => {
    requireKeyring(ctx);
    // What a user gets when npm does not run keytar's install script (it only copies the
    // platform's prebuilt binary to build/): keytar loads the binary from prebuilds/ itself.
    const build = join(installed, 'node_modules', 'keytar', 'build');
    if (existsSync(build)) renameSync(build, `${build}.by-install-script`);

    const box = new Sandbox();
    try {
      const api = ready.zones.nam.api;
      const login = await box.run({
        keyring: 'unlocked',
        shell: `'${bin}' login --with-token --api-url '${api}'`,
        stdin: `${ready.refreshTokens.nam}\n`,
      });
      expect(login.code, login.stderr).toBe(0);
      expect(login.stdout).toContain(`account ${ready.zones.nam.login}`);

      const status = await box.run({
        keyring: 'unlocked',
        shell: `'${bin}' status --api-url '${api}'`,
      });
      expect(status.code, status.stderr).toBe(0);
      expect(status.stdout).toMatch(/^token: +keychain/m);
      expect(status.stdout).toMatch(/^works: +yes/m);
    } finally {
      await box.dispose();
    }
  });

  it('--sandbox draws its first frame in a real terminal', async () => {
    const home = join(root, 'tmux', 'home');
    mkdirSync(home, {recursive: true});
    const session = new TmuxSession({columns: 100, rows: 30, env: {HOME: home}});
    try {
      await session.start([bin, '--sandbox']);
      const screen = await session.waitFor((s) => s.includes('Acme Corp') && s.includes('SANDBOX'));
      expect(screen).toContain('flexera-sa › Orgs');
      await session.send('q');
      expect(await session.waitForExit()).toBe(0);
    } finally {
      await session.stop();
    }
  });

  it('npm exec --package runs it on a fresh HOME and cache', async () => {
    const {stdout} = await run(
      'npm',
      ['exec', '--yes', '--package', tarball, '--', 'flexera-sa', '--version'],
      {cwd: root, env: npmEnv('exec')},
    );
    expect(stdout.trim()).toBe(pkg.version);
  });
});
