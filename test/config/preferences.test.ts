import {afterEach, describe, expect, it} from 'vitest';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import {rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Ajv2020} from 'ajv/dist/2020.js';
import {
  CONFIG_DIR_ENV,
  ConfigError,
  RECENT_ORGS_LIMIT,
  configDir,
  createMemoryPreferences,
  openPreferences,
} from '../../source/config/index.js';
import {CONF_ROOT_SCHEMA, CONF_SCHEMA} from '../../source/config/schema.js';
import {EndpointError} from '../../source/api/zones.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'flexera-sa-config-'));
  dirs.push(dir);
  return dir;
}

afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, {recursive: true, force: true})));
});

function fileOf(dir: string): string {
  return join(dir, 'config.json');
}

function readJson(dir: string): Record<string, unknown> {
  return JSON.parse(readFileSync(fileOf(dir), 'utf8')) as Record<string, unknown>;
}

function mode(path: string): number {
  return statSync(path).mode & 0o777;
}

describe('preferences file', () => {
  it('is created with schemaVersion 1 and mode 0600, and remembers across opens', () => {
    const dir = join(tempDir(), 'nested', 'flexera-sa');
    const prefs = openPreferences({cwd: dir});
    expect(prefs.path).toBe(fileOf(dir));
    expect(readJson(dir)).toEqual({schemaVersion: 1});
    expect(mode(fileOf(dir))).toBe(0o600);
    expect(mode(dir)).toBe(0o700);
    expect(prefs.zone).toBeUndefined();

    prefs.setZone('eu');
    prefs.rememberOrg('eu', {id: 2001, name: 'EU Org'});
    prefs.setEndpoints({apiUrl: 'http://127.0.0.1:8787/iam/v1?x=1'});
    prefs.setUi({revealSecrets: true});
    expect(mode(fileOf(dir))).toBe(0o600);

    const again = openPreferences({cwd: dir});
    expect(again.zone).toBe('eu');
    expect(again.lastOrg('eu')).toEqual({id: 2001, name: 'EU Org'});
    expect(again.endpoints).toEqual({apiUrl: 'http://127.0.0.1:8787'});
    expect(again.ui).toEqual({revealSecrets: true});
  });

  it('keeps recent orgs per zone, most recent first, without duplicates, capped', () => {
    const prefs = openPreferences({cwd: tempDir()});
    for (let id = 1; id <= RECENT_ORGS_LIMIT + 2; id++)
      prefs.rememberOrg('nam', {id, name: `Org ${id}`});
    prefs.rememberOrg('nam', {id: 5, name: 'Org 5 renamed'});
    const recent = prefs.recentOrgs('nam');
    expect(recent).toHaveLength(RECENT_ORGS_LIMIT);
    expect(recent.map((o) => o.id)).toEqual([5, 12, 11, 10, 9, 8, 7, 6, 4, 3]);
    expect(recent[0]).toEqual({id: 5, name: 'Org 5 renamed'});
    expect(prefs.lastOrg('nam')).toEqual({id: 5, name: 'Org 5 renamed'});
    // Zones do not mix.
    expect(prefs.recentOrgs('eu')).toEqual([]);
    expect(prefs.lastOrg('apac')).toBeUndefined();

    prefs.forgetOrg('nam', 5);
    expect(prefs.lastOrg('nam')).toBeUndefined();
    expect(prefs.recentOrgs('nam').map((o) => o.id)).toEqual([12, 11, 10, 9, 8, 7, 6, 4, 3]);
  });

  it('keeps only origins as endpoints, refuses bad URLs, and forgets them', () => {
    const prefs = openPreferences({cwd: tempDir()});
    prefs.setEndpoints({
      apiUrl: 'https://api.example.test/x',
      loginUrl: 'https://login.example.test:8443/oidc/token',
    });
    expect(prefs.endpoints).toEqual({
      apiUrl: 'https://api.example.test',
      loginUrl: 'https://login.example.test:8443',
    });
    expect(() => prefs.setEndpoints({apiUrl: 'ftp://example.test'})).toThrow(EndpointError);
    expect(() => prefs.setEndpoints({apiUrl: 'https://user:pass@example.test'})).toThrow(
      EndpointError,
    );
    expect(prefs.endpoints).toEqual({
      apiUrl: 'https://api.example.test',
      loginUrl: 'https://login.example.test:8443',
    });
    prefs.setEndpoints(undefined);
    expect(prefs.endpoints).toBeUndefined();
  });

  it('defaults the UI preferences: secrets masked', () => {
    const prefs = openPreferences({cwd: tempDir()});
    expect(prefs.ui).toEqual({revealSecrets: false});
  });

  it('finds its directory: cwd, else FLEXERA_SA_CONFIG_DIR, else XDG_CONFIG_HOME/flexera-sa', () => {
    const fromEnv = tempDir();
    const prefs = openPreferences({env: {[CONFIG_DIR_ENV]: fromEnv}});
    expect(prefs.path).toBe(fileOf(fromEnv));
    expect(existsSync(fileOf(fromEnv))).toBe(true);
    const explicit = tempDir();
    expect(configDir({cwd: explicit, env: {[CONFIG_DIR_ENV]: fromEnv}})).toBe(explicit);
    expect(configDir({env: {XDG_CONFIG_HOME: '/x/config', HOME: '/x'}})).toBe(
      '/x/config/flexera-sa',
    );
    expect(configDir({env: {HOME: '/x'}})).toBe('/x/.config/flexera-sa');
  });
});

describe('no secrets', () => {
  it('stores only id and name of an org, whatever else the object carries', () => {
    const dir = tempDir();
    const prefs = openPreferences({cwd: dir});
    const org = {id: 7, name: 'Seven', refreshToken: 'should-never-be-written'};
    prefs.rememberOrg('nam', org);
    const text = readFileSync(fileOf(dir), 'utf8');
    expect(text).not.toContain('should-never-be-written');
    expect(prefs.lastOrg('nam')).toEqual({id: 7, name: 'Seven'});
  });

  it('the JSON schema given to conf allows no other key at any level', () => {
    const validate = new Ajv2020({allErrors: true}).compile({
      ...CONF_ROOT_SCHEMA,
      type: 'object',
      properties: CONF_SCHEMA,
    });
    const good = {
      schemaVersion: 1,
      zone: 'nam',
      endpoints: {apiUrl: 'http://127.0.0.1:1'},
      orgs: {nam: {last: {id: 1, name: 'a'}, recent: [{id: 1, name: 'a'}]}},
      ui: {revealSecrets: false},
    };
    expect(validate(good)).toBe(true);
    const sneaky = [
      {...good, refreshToken: 'x'},
      {...good, endpoints: {apiUrl: 'http://127.0.0.1:1', token: 'x'}},
      {...good, endpoints: {apiUrl: 'http://127.0.0.1:1/?token=x'}},
      {...good, orgs: {nam: {recent: [], token: 'x'}}},
      {...good, orgs: {nam: {recent: [{id: 1, name: 'a', secret: 'x'}]}}},
      {...good, orgs: {prod: {recent: []}}},
      {...good, ui: {revealSecrets: false, clientSecret: 'x'}},
    ];
    for (const data of sneaky) expect(validate(data), JSON.stringify(data)).toBe(false);
  });
});

describe('a broken or foreign file is reported and left alone', () => {
  function expectUntouched(
    dir: string,
    content: string,
    run: () => unknown,
    pattern: RegExp,
  ): ConfigError {
    const before = statSync(fileOf(dir)).mtimeMs;
    let caught: unknown;
    try {
      run();
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const error = caught as ConfigError;
    expect(error.message).toContain(fileOf(dir));
    expect(error.message).toMatch(pattern);
    expect(error.message).toMatch(/Fix it, or delete it/);
    expect(readFileSync(fileOf(dir), 'utf8')).toBe(content);
    expect(statSync(fileOf(dir)).mtimeMs).toBe(before);
    expect(readdirSync(dir)).toEqual(['config.json']);
    return error;
  }

  const cases: Array<[string, string, RegExp]> = [
    ['not JSON', '{"zone": "nam",', /is not valid JSON/],
    ['empty', '', /is not valid JSON/],
    ['an array', '[1, 2]', /does not hold a JSON object/],
    ['an unknown zone', '{"schemaVersion": 1, "zone": "mars"}', /zone: Invalid option/],
    ['a key that does not belong', '{"schemaVersion": 1, "refreshToken": "abc"}', /refreshToken/],
    [
      'a bad org',
      '{"schemaVersion": 1, "orgs": {"nam": {"recent": [{"id": "x", "name": 1}]}}}',
      /orgs\.nam\.recent\[0\]\.id/,
    ],
    [
      'a newer version',
      '{"schemaVersion": 2, "zone": "eu"}',
      /newer flexera-sa \(schemaVersion 2; this one understands up to 1\)/,
    ],
    [
      'a version that is not a number',
      '{"schemaVersion": "1"}',
      /schemaVersion "1", which is not a version number/,
    ],
  ];

  for (const [what, content, pattern] of cases) {
    it(`at open: ${what}`, () => {
      const dir = tempDir();
      writeFileSync(fileOf(dir), content, {mode: 0o644});
      expectUntouched(dir, content, () => openPreferences({cwd: dir}), pattern);
    });
  }

  it('edited by hand while open: the next read says what is wrong', () => {
    const dir = tempDir();
    const prefs = openPreferences({cwd: dir});
    prefs.setZone('apac');
    const content = '{"schemaVersion": 1, "zone": "APAC"}';
    writeFileSync(fileOf(dir), content);
    expectUntouched(dir, content, () => prefs.zone, /zone: Invalid option/);
    expectUntouched(dir, content, () => prefs.setZone('nam'), /zone: Invalid option/);
  });

  it('unreadable: says so', () => {
    // A directory where the file should be (chmod 000 would not stop root).
    const dir = tempDir();
    mkdirSync(fileOf(dir));
    expect(() => openPreferences({cwd: dir})).toThrow(/config\.json cannot be read \(EISDIR\)/);
  });
});

describe('schemaVersion migration (our own step, not conf migrations)', () => {
  it('stamps a file without schemaVersion, keeping its values, mode 0600', () => {
    const dir = tempDir();
    writeFileSync(
      fileOf(dir),
      JSON.stringify({zone: 'eu', orgs: {eu: {recent: [{id: 3, name: 'Three'}]}}}),
      {
        mode: 0o644,
      },
    );
    const prefs = openPreferences({cwd: dir});
    expect(prefs.zone).toBe('eu');
    expect(prefs.recentOrgs('eu')).toEqual([{id: 3, name: 'Three'}]);
    expect(readJson(dir)).toEqual({
      schemaVersion: 1,
      zone: 'eu',
      orgs: {eu: {recent: [{id: 3, name: 'Three'}]}},
    });
    expect(mode(fileOf(dir))).toBe(0o600);
  });

  it('does not migrate (or touch) an old file that is invalid', () => {
    const dir = tempDir();
    const content = JSON.stringify({zone: 'eu', apiToken: 'x'});
    writeFileSync(fileOf(dir), content);
    expect(() => openPreferences({cwd: dir})).toThrow(ConfigError);
    expect(readFileSync(fileOf(dir), 'utf8')).toBe(content);
  });

  it('leaves a current file as it is', () => {
    const dir = tempDir();
    const content = '{\n  "schemaVersion": 1,\n  "zone": "apac"\n}';
    writeFileSync(fileOf(dir), content, {mode: 0o600});
    const prefs = openPreferences({cwd: dir});
    expect(prefs.zone).toBe('apac');
    expect(readFileSync(fileOf(dir), 'utf8')).toBe(content);
  });
});

describe('in-memory preferences (sandbox)', () => {
  it('behave the same and have no file', () => {
    const prefs = createMemoryPreferences({zone: 'eu'});
    expect(prefs.path).toBeUndefined();
    expect(prefs.zone).toBe('eu');
    prefs.rememberOrg('eu', {id: 1, name: 'One'});
    prefs.rememberOrg('eu', {id: 2, name: 'Two'});
    expect(prefs.recentOrgs('eu').map((o) => o.id)).toEqual([2, 1]);
    expect(prefs.ui.revealSecrets).toBe(false);
    expect(() => createMemoryPreferences({zone: 'mars' as never})).toThrow();
  });
});
