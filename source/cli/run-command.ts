/** login / status / logout / doctor: the session commands for scripts, CI and our tests. */
import {runLogin} from './commands/login.js';
import {runLogout} from './commands/logout.js';
import {runStatus} from './commands/status.js';
import {inertOutput} from '../terminal/inert-output.js';
import {prepare} from './prepare.js';
import type {CommandRun} from './types.js';

export function runAccountCommand(command: 'login' | 'status' | 'logout' | 'doctor'): CommandRun {
  return async (invocation, io) => {
    // Server answers, token claims, file and env values reach these: all of it is written inert.
    const stdout = inertOutput(io.stdout);
    const stderr = inertOutput(io.stderr);
    const {stdin, env} = io;
    const prepared = await prepare(invocation, {...io, stdout, stderr}, command === 'login');
    if (typeof prepared === 'number') return prepared;
    const {preferences, endpoints, debugLog} = prepared;
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
      switch (command) {
        case 'login':
          return await runLogin({...common, stdin});
        case 'status':
          return await runStatus(common);
        case 'doctor': {
          const {runDoctor} = await import('../doctor/index.js');
          return await runDoctor(
            {...common, org: invocation.org, json: invocation.json},
            {stdout, stderr},
          );
        }
        default:
          return await runLogout(common);
      }
    } finally {
      await debugLog?.close();
    }
  };
}
