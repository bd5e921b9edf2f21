/**
 * The preferences file, through conf. Kept apart from preferences.ts so that conf (and the ajv it
 * brings, ≈400 kB) loads only where a file is opened: the sandbox never does (issue #6).
 */
import {mkdirSync} from 'node:fs';
import {dirname} from 'node:path';
import Conf from 'conf';
import {
  ConfigError,
  PROJECT_NAME,
  PreferencesBase,
  configDir,
  preferencesPath,
  readConfigFile,
  writeAtomically,
  type OpenPreferencesOptions,
  type Preferences,
} from './preferences.js';
import {CONF_ROOT_SCHEMA, CONF_SCHEMA, CURRENT_SCHEMA_VERSION, type ConfigData} from './schema.js';

class FilePreferences extends PreferencesBase {
  readonly path: string;

  constructor(private readonly conf: Conf<ConfigData>) {
    super();
    this.path = conf.path;
  }

  protected read(): ConfigData {
    try {
      return this.conf.store;
    } catch (error) {
      throw this.explain(error);
    }
  }

  protected write(data: ConfigData): void {
    try {
      this.conf.store = data;
    } catch (error) {
      throw this.explain(error);
    }
  }

  /** The file changed under us (hand-edited): say what is wrong with it, as at open. */
  private explain(error: unknown): Error {
    try {
      readConfigFile(this.path);
    } catch (described) {
      if (described instanceof ConfigError) return described;
    }
    const detail = error instanceof Error ? error.message : String(error);
    return new ConfigError(this.path, `could not be used (${detail})`);
  }
}

/**
 * Opens (or creates, mode 0600) the preferences file. Throws ConfigError for a file that is not
 * JSON, not valid, or from a newer version; that file is not modified.
 */
export function openPreferences(options: OpenPreferencesOptions = {}): Preferences {
  const dir = configDir(options);
  const path = preferencesPath(options);
  const existing = readConfigFile(path);
  try {
    mkdirSync(dir, {recursive: true, mode: 0o700});
  } catch (error) {
    throw new ConfigError(
      path,
      `cannot be created (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  if (existing?.migratedFrom !== undefined) writeAtomically(path, existing.data);

  let conf: Conf<ConfigData>;
  try {
    conf = new Conf<ConfigData>({
      projectName: PROJECT_NAME,
      projectSuffix: '',
      cwd: dirname(path),
      configName: 'config',
      schema: CONF_SCHEMA as never,
      rootSchema: CONF_ROOT_SCHEMA,
      defaults: {schemaVersion: CURRENT_SCHEMA_VERSION},
      configFileMode: 0o600,
      clearInvalidConfig: false,
      // Keys are fixed names; no dot paths (URLs contain dots).
      accessPropertiesByDotNotation: false,
    });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new ConfigError(path, `could not be opened (${detail})`);
  }
  return new FilePreferences(conf);
}
