/**
 * login / status / logout: the non-interactive commands for scripts, CI and our tests. This
 * decides their endpoints and preferences the same way the app does, then runs the command.
 */
import process from 'node:process';
import {EndpointError, resolveEndpoints} from '../api/zones.js';
import {runLogin} from '../commands/login.js';
import {runLogout} from '../commands/logout.js';
import {runStatus} from '../commands/status.js';
import {ConfigError, openPreferences, type Preferences} from '../config/index.js';
import {DebugLogError, openDebugLog, type DebugLog} from '../debug/index.js';
import {ExitCode} from '../exit-codes.js';
import {inertOutput} from '../terminal/inert-output.js';
import type {Invocation} from './args.js';

export async function runAccountCommand(invocation: Invocation): Promise<number> {
  const {stdin, env} = process;
  // Server answers, token claims, file and env values reach these: all of it is written inert.
  const stdout = inertOutput(process.stdout);
  const stderr = inertOutput(process.stderr);
  let preferences: Preferences | undefined;
  try {
    preferences = openPreferences({env});
  } catch (error) {
    // A broken config file must not stop logout or status: say so and go on without it.
    if (!(error instanceof ConfigError)) throw error;
    stderr.write(`flexera-sa: ${error.message}\n`);
    if (invocation.command === 'login') return ExitCode.usage;
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
    stderr.write(`flexera-sa: ${error.message}\n`);
    return ExitCode.usage;
  }
  let debugLog: DebugLog | undefined;
  if (invocation.debug !== undefined) {
    try {
      debugLog = openDebugLog({path: invocation.debug || undefined, env});
    } catch (error) {
      if (!(error instanceof DebugLogError)) throw error;
      stderr.write(`flexera-sa: ${error.message}\n`);
      return ExitCode.usage;
    }
    stderr.write(`flexera-sa: debug log (secrets redacted): ${debugLog.path}\n`);
  }
  const common = {
    endpoints,
    stdout,
    stderr,
    env,
    noKeychain: !invocation.keychain,
    preferences,
    client: debugLog ? {log: debugLog.log, onSecret: debugLog.addKnownSecret} : undefined,
  };
  try {
    switch (invocation.command) {
      case 'login':
        return await runLogin({...common, stdin});
      case 'status':
        return await runStatus(common);
      default:
        return await runLogout(common);
    }
  } finally {
    await debugLog?.close();
  }
}
