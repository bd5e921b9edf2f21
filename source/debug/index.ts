/** The --debug log: JSON lines, secrets redacted. */
export {
  DebugLogError,
  debugLogFileName,
  defaultDebugLogDir,
  openDebugLog,
  type DebugEvent,
  type DebugLog,
  type DebugLogOptions,
} from './debug-log.js';
