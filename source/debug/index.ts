/** The --debug log: JSON lines, secrets redacted. */
export {
  DebugLogError,
  debugLogFileName,
  defaultDebugLogDir,
  openDebugLog,
  type DebugLog,
} from './debug-log.js';
