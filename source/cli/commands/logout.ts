/**
 * `flexera-sa logout`: removes the token stored for this login origin, and says whether one was
 * there. Exit 0 either way (logging out twice is fine); 3 when the keychain cannot be used.
 */
import {ExitCode} from '../../exit-codes.js';
import {envToken} from '../../secrets/env.js';
import {keychainAccount} from '../../secrets/session.js';
import {KeychainUnavailableError, TOKEN_ENV_VAR, formatProblem} from '../../secrets/types.js';
import {keychainFor, whereLabel, type CommandOptions} from './shared.js';

export type LogoutOptions = CommandOptions;

export async function runLogout(options: LogoutOptions): Promise<ExitCode> {
  const {endpoints, stdout, stderr} = options;
  const say = (text: string) => stderr.write(`flexera-sa: ${text}\n`);
  const envNote = () => {
    if (envToken(options.env) !== undefined) {
      say(
        `note: ${TOKEN_ENV_VAR} is still set and is used while it is; unset it to sign out completely.`,
      );
    }
  };

  if (options.noKeychain) {
    stdout.write('Nothing to remove: with --no-keychain no token is stored.\n');
    envNote();
    return ExitCode.ok;
  }

  const keychain = keychainFor(options);
  const account = keychainAccount(endpoints);
  let removed: boolean;
  try {
    removed = await keychain.delete(account);
  } catch (error) {
    if (error instanceof KeychainUnavailableError) {
      say(`${error.message} The stored token (if any) was not removed.`);
      return ExitCode.keychainUnavailable;
    }
    throw error;
  }
  if (!removed && keychain.probe) {
    // A locked keyring deletes nothing and reports no error (notes C3): tell that apart.
    const probe = await keychain.probe();
    if (probe.problem) {
      say(`${formatProblem(probe.problem)} The stored token (if any) was not removed.`);
      return ExitCode.keychainUnavailable;
    }
  }
  stdout.write(
    removed
      ? `Signed out of ${whereLabel(endpoints)}: the stored token was removed from the keychain.\n`
      : `No token was stored for ${whereLabel(endpoints)}; nothing to remove.\n`,
  );
  envNote();
  return ExitCode.ok;
}
