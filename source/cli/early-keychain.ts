/**
 * Starts the keychain helper before the app chunk is imported (issue #15): spawning Node in the
 * helper and loading keytar take longer than anything else before the first frame, and they run
 * in another process, so they overlap with loading the app instead of preceding it. The first
 * keychain call (reading the token) then finds the helper ready; its 3 s timeout and the kill at
 * exit are the helper's as before (keytar-host.ts).
 *
 * Nothing starts when the keychain will not be read: the sandbox, --no-keychain, or
 * FLEXERA_REFRESH_TOKEN set (it wins over the keychain).
 */
import {envToken} from '../secrets/env.js';
import {startKeychainSession} from '../secrets/keychain.js';
import type {KeytarSession} from '../secrets/keytar-host.js';
import type {Env} from '../secrets/types.js';

export function startKeychainEarly(
  options: {sandbox: boolean; keychain: boolean},
  env: Env,
): Promise<KeytarSession> | undefined {
  if (options.sandbox || !options.keychain || envToken(env) !== undefined) return undefined;
  const session = startKeychainSession({env});
  // Its failure is reported by the first call that uses it; never as an unhandled rejection.
  session.catch(() => undefined);
  return session;
}
