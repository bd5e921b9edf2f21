/** login / status / logout / doctor: the session commands for scripts, CI and our tests. */
import {runLogin} from './commands/login.js';
import {runLogout} from './commands/logout.js';
import {runStatus} from './commands/status.js';
import {prepare} from './prepare.js';
import type {CommandRun} from './types.js';

export function runAccountCommand(command: 'login' | 'status' | 'logout' | 'doctor'): CommandRun {
  return async (invocation, io) => {
    const prepared = await prepare(invocation, io, command === 'login');
    if (typeof prepared === 'number') return prepared;
    const {preferences, endpoints, debugLog} = prepared;
    const {stdout, stderr, stdin, env} = io;
    const common = {
      endpoints,
      stdout,
      stderr,
      env,
      noKeychain: !invocation.keychain,
      preferences,
      client: debugLog ? {log: debugLog.log} : undefined,
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
