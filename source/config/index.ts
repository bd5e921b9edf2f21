export {
  CONFIG_DIR_ENV,
  ConfigError,
  PROJECT_NAME,
  configDir,
  createMemoryPreferences,
  defaultConfigDir,
  readConfigFile,
  type CustomEndpoints,
  type OpenPreferencesOptions,
  type OrgRef,
  type Preferences,
  type UiPreferences,
} from './preferences.js';
export {CURRENT_SCHEMA_VERSION, RECENT_ORGS_LIMIT} from './schema.js';
export {openPreferences} from './file.js';
