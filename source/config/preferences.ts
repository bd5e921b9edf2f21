/**
 * Preferences in conf (notes D): last zone, custom endpoints, last and recent orgs per zone, UI
 * preferences. Never a secret: the only way in is the typed setters below, and the schema allows
 * no other key. A broken file is reported (ConfigError) and left as it is.
 */
import {readFileSync, renameSync, writeFileSync} from 'node:fs';
import {homedir} from 'node:os';
import {join} from 'node:path';
import process from 'node:process';
import {toOrigin, type ZoneId} from '../api/zones.js';
import {
  CURRENT_SCHEMA_VERSION,
  ConfigSchema,
  DEFAULT_UI,
  EndpointsSchema,
  MIGRATIONS,
  OrgRefSchema,
  RECENT_ORGS_LIMIT,
  type ConfigData,
  type CustomEndpoints,
  type OrgRef,
  type UiPreferences,
} from './schema.js';

export type {CustomEndpoints, OrgRef, UiPreferences} from './schema.js';

export const PROJECT_NAME = 'flexera-sa';
/** Env var naming the config directory (tests, portable setups). */
export const CONFIG_DIR_ENV = 'FLEXERA_SA_CONFIG_DIR';

type Env = Readonly<Record<string, string | undefined>>;

/** The config file is broken or unreadable. The file has not been touched. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(
      `The config file ${path} ${problem}. Fix it, or delete it to start over with default preferences; flexera-sa has left it unchanged.`,
    );
  }
}

export interface Preferences {
  /** The file, or undefined for in-memory preferences. */
  readonly path: string | undefined;
  /** The last zone used. */
  readonly zone: ZoneId | undefined;
  setZone(zone: ZoneId): void;
  /** Custom origins (--api-url / --login-url), when remembered. */
  readonly endpoints: CustomEndpoints | undefined;
  /** Keeps origins only; undefined or {} forgets them. Throws EndpointError for a bad URL. */
  setEndpoints(endpoints: CustomEndpoints | undefined): void;
  lastOrg(zone: ZoneId): OrgRef | undefined;
  /** Makes `org` the last org of `zone` and the first of its recent list. */
  rememberOrg(zone: ZoneId, org: OrgRef): void;
  /** Drops an org (deleted, or no longer visible) from the last and recent lists of `zone`. */
  forgetOrg(zone: ZoneId, orgId: number): void;
  /** Most recent first, at most RECENT_ORGS_LIMIT. */
  recentOrgs(zone: ZoneId): OrgRef[];
  readonly ui: UiPreferences;
  setUi(patch: Partial<UiPreferences>): void;
}

export interface OpenPreferencesOptions {
  /** The directory holding config.json; default FLEXERA_SA_CONFIG_DIR, else the user config dir. */
  cwd?: string;
  /** Where FLEXERA_SA_CONFIG_DIR and XDG_CONFIG_HOME / APPDATA are read; default process.env. */
  env?: Env;
}

/** The user's config directory, as env-paths (used by conf) computes it, suffix-free. */
function defaultConfigDir(env: Env = process.env, platform = process.platform): string {
  const home = env.HOME || homedir();
  if (platform === 'darwin') return join(home, 'Library', 'Preferences', PROJECT_NAME);
  if (platform === 'win32') {
    return join(env.APPDATA || join(home, 'AppData', 'Roaming'), PROJECT_NAME, 'Config');
  }
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), PROJECT_NAME);
}

/** The preferences file (conf's `config.json` in the config directory). */
export function preferencesPath(options: OpenPreferencesOptions = {}): string {
  return join(configDir(options), 'config.json');
}

export function configDir(options: OpenPreferencesOptions = {}): string {
  const env = options.env ?? process.env;
  return options.cwd ?? (env[CONFIG_DIR_ENV] || defaultConfigDir(env));
}

function describeIssues(error: {
  issues: ReadonlyArray<{path: PropertyKey[]; message: string}>;
}): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const where = issue.path
        .map((part, i) =>
          typeof part === 'number' ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`,
        )
        .join('');
      return where ? `${where}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

/**
 * Reads and checks the file; migrates an older schemaVersion in memory. undefined = no file.
 * Never writes.
 */
export function readConfigFile(
  path: string,
): {data: ConfigData; migratedFrom?: number} | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new ConfigError(path, `cannot be read (${code ?? String(error)})`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new ConfigError(path, `is not valid JSON (${detail})`);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError(path, 'does not hold a JSON object');
  }
  let data = raw as Record<string, unknown>;
  const version = data.schemaVersion ?? 0;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    throw new ConfigError(
      path,
      `has schemaVersion ${JSON.stringify(version)}, which is not a version number`,
    );
  }
  if (version > CURRENT_SCHEMA_VERSION) {
    throw new ConfigError(
      path,
      `was written by a newer flexera-sa (schemaVersion ${version}; this one understands up to ${CURRENT_SCHEMA_VERSION}). Upgrade flexera-sa`,
    );
  }
  for (let step = version; step < CURRENT_SCHEMA_VERSION; step++) {
    const migrate = MIGRATIONS[step];
    if (!migrate)
      throw new ConfigError(path, `has schemaVersion ${version}, which cannot be migrated`);
    data = migrate(data);
  }
  const parsed = ConfigSchema.safeParse(data);
  if (!parsed.success) {
    throw new ConfigError(
      path,
      `does not match what flexera-sa expects: ${describeIssues(parsed.error)}`,
    );
  }
  return version < CURRENT_SCHEMA_VERSION
    ? {data: parsed.data, migratedFrom: version}
    : {data: parsed.data};
}

/** Atomic write of a migrated file (conf itself would refuse to open the old version). */
export function writeAtomically(path: string, data: ConfigData): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(data, undefined, '\t'), {mode: 0o600});
  renameSync(temporary, path);
}

/** Pure state changes, shared by the file and the in-memory preferences. */
/** What both the file and the in-memory preferences do; subclasses read and write the data. */
export abstract class PreferencesBase implements Preferences {
  abstract readonly path: string | undefined;
  protected abstract read(): ConfigData;
  protected abstract write(data: ConfigData): void;

  private update(change: (data: ConfigData) => ConfigData): void {
    const next = change(structuredClone(this.read()));
    // Checked here too, so a bad value fails at the call that made it, with zod's words.
    const parsed = ConfigSchema.safeParse(next);
    if (!parsed.success) throw new TypeError(`Invalid preference: ${describeIssues(parsed.error)}`);
    this.write(parsed.data);
  }

  get zone(): ZoneId | undefined {
    return this.read().zone;
  }

  setZone(zone: ZoneId): void {
    this.update((data) => ({...data, zone}));
  }

  get endpoints(): CustomEndpoints | undefined {
    return this.read().endpoints;
  }

  setEndpoints(endpoints: CustomEndpoints | undefined): void {
    const apiUrl = endpoints?.apiUrl ? toOrigin(endpoints.apiUrl, '--api-url') : undefined;
    const loginUrl = endpoints?.loginUrl ? toOrigin(endpoints.loginUrl, '--login-url') : undefined;
    this.update((data) => {
      const {endpoints: _old, ...rest} = data;
      if (!apiUrl && !loginUrl) return rest;
      return {...rest, endpoints: EndpointsSchema.parse({apiUrl, loginUrl})};
    });
  }

  lastOrg(zone: ZoneId): OrgRef | undefined {
    return this.read().orgs?.[zone]?.last;
  }

  recentOrgs(zone: ZoneId): OrgRef[] {
    return this.read().orgs?.[zone]?.recent ?? [];
  }

  rememberOrg(zone: ZoneId, org: OrgRef): void {
    const entry = OrgRefSchema.parse({id: org.id, name: org.name});
    this.update((data) => {
      const current = data.orgs?.[zone];
      const recent = [entry, ...(current?.recent ?? []).filter((o) => o.id !== entry.id)].slice(
        0,
        RECENT_ORGS_LIMIT,
      );
      return {...data, orgs: {...data.orgs, [zone]: {last: entry, recent}}};
    });
  }

  forgetOrg(zone: ZoneId, orgId: number): void {
    this.update((data) => {
      const current = data.orgs?.[zone];
      if (!current) return data;
      const recent = current.recent.filter((o) => o.id !== orgId);
      const last = current.last?.id === orgId ? undefined : current.last;
      return {...data, orgs: {...data.orgs, [zone]: last ? {last, recent} : {recent}}};
    });
  }

  get ui(): UiPreferences {
    return {...DEFAULT_UI, ...this.read().ui};
  }

  setUi(patch: Partial<UiPreferences>): void {
    this.update((data) => ({...data, ui: {...DEFAULT_UI, ...data.ui, ...patch}}));
  }
}

class MemoryPreferences extends PreferencesBase {
  readonly path = undefined;
  private data: ConfigData;

  constructor(initial: Omit<ConfigData, 'schemaVersion'> = {}) {
    super();
    this.data = ConfigSchema.parse({...initial, schemaVersion: CURRENT_SCHEMA_VERSION});
  }

  protected read(): ConfigData {
    return this.data;
  }

  protected write(data: ConfigData): void {
    this.data = data;
  }
}

/** Preferences that live in memory only (the sandbox): no file is read or written. */
export function createMemoryPreferences(initial?: Omit<ConfigData, 'schemaVersion'>): Preferences {
  return new MemoryPreferences(initial);
}
