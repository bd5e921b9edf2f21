/**
 * What every non-interactive command needs before it runs, decided the same way the app decides
 * it: preferences, endpoints and the debug log.
 */
import {EndpointError, resolveEndpoints, type Endpoints} from '../api/zones.js';
import {ConfigError, openPreferences, type Preferences} from '../config/index.js';
import {DebugLogError, openDebugLog, type DebugLog} from '../debug/index.js';
import {ExitCode} from '../exit-codes.js';
import type {CommandIo, Invocation} from './types.js';

const say = (io: CommandIo, text: string) => io.stderr.write(`flexera-sa: ${text}\n`);

export interface Prepared {
  preferences?: Preferences;
  endpoints: Endpoints;
  debugLog?: DebugLog;
}

/**
 * Preferences, endpoints and the debug log, or the exit code of a mistake (already said). A broken
 * config file stops only `needConfig` commands; the others say so and go on without it.
 */
export async function prepare(
  invocation: Invocation,
  io: CommandIo,
  needConfig: boolean,
): Promise<Prepared | number> {
  let preferences: Preferences | undefined;
  try {
    preferences = openPreferences({env: io.env});
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    say(io, error.message);
    if (needConfig) return ExitCode.usage;
  }
  let endpoints;
  try {
    endpoints = resolveEndpoints({
      zone: invocation.zone ?? preferences?.zone ?? 'nam',
      apiUrl: invocation.apiUrl,
      loginUrl: invocation.loginUrl,
    });
  } catch (error) {
    if (!(error instanceof EndpointError)) throw error;
    say(io, error.message);
    return ExitCode.usage;
  }
  let debugLog: DebugLog | undefined;
  if (invocation.debug !== undefined) {
    try {
      debugLog = openDebugLog({path: invocation.debug || undefined, env: io.env});
    } catch (error) {
      if (!(error instanceof DebugLogError)) throw error;
      say(io, error.message);
      return ExitCode.usage;
    }
    say(io, `debug log (secrets redacted): ${debugLog.path}`);
  }
  return {preferences, endpoints, debugLog};
}
