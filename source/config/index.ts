export {
  CONFIG_DIR_ENV,
  ConfigError,
  configDir,
  createMemoryPreferences,
  type Preferences,
} from './preferences.js';
export {RECENT_ORGS_LIMIT} from './schema.js';
export {openPreferences} from './file.js';
