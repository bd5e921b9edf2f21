/**
 * Keychain failures in words. The patterns are the messages keytar (libsecret) gives on Linux,
 * measured in notes/ink-keytar-conf.md C3 and again here with gnome-keyring 42.
 */
import type {KeychainProblem} from './types.js';

type ProblemState = KeychainProblem['state'];

const ALTERNATIVES =
  'or set FLEXERA_REFRESH_TOKEN, or use --no-keychain to keep the token for this run only';

const MAX_CAUSE = 200;

function shortCause(cause: string | undefined): string | undefined {
  const text = cause?.replace(/\s+/g, ' ').trim();
  if (!text) return undefined;
  return text.length > MAX_CAUSE ? `${text.slice(0, MAX_CAUSE)}…` : text;
}

/** The problem for a state, with the library's words as the cause. */
export function problemFor(
  state: ProblemState,
  options: {cause?: string; timeoutMs?: number; noCollection?: boolean} = {},
): KeychainProblem {
  const cause = shortCause(options.cause);
  switch (state) {
    case 'no-dbus':
      return {
        state,
        reason:
          'there is no D-Bus session bus to reach a keyring (usual over SSH, in containers and in CI)',
        action: `Run flexera-sa in a desktop session, or under dbus-run-session with an unlocked keyring such as gnome-keyring; ${ALTERNATIVES}.`,
        cause,
      };
    case 'no-secret-service':
      return {
        state,
        reason: 'no Secret Service (keyring) is running on the D-Bus session bus',
        action: `Install and start a keyring such as gnome-keyring (apt install gnome-keyring); ${ALTERNATIVES}.`,
        cause,
      };
    case 'locked':
      return options.noCollection
        ? {
            state,
            reason:
              'the keyring has no default ("login") collection to store into, and none could be created without a prompt',
            action: `Create and unlock a login keyring (log in to the desktop, use Seahorse, or start gnome-keyring-daemon with --unlock); ${ALTERNATIVES}.`,
            cause,
          }
        : {
            state,
            reason: 'the keyring is locked (a locked keyring also hides a stored token)',
            action: `Unlock your login keyring (log in to the desktop session or use Seahorse), then try again; ${ALTERNATIVES}.`,
            cause,
          };
    case 'missing-library':
      return {
        state,
        reason: `the keychain library could not be loaded${cause ? ` (${cause})` : ''}`,
        action: `On Linux install libsecret (apt install libsecret-1-0) and reinstall flexera-sa for this Node.js; ${ALTERNATIVES}.`,
        cause,
      };
    case 'timed-out': {
      const seconds = (options.timeoutMs ?? 3000) / 1000;
      return {
        state,
        reason: `the keychain did not answer within ${Number(seconds.toFixed(1))} s`,
        action: `Check that the keyring is running and not waiting on an unlock prompt; ${ALTERNATIVES}.`,
        cause,
      };
    }
    case 'unknown':
      return {
        state,
        reason: `the keychain failed${cause ? `: ${cause}` : ''}`,
        action: `Check your keyring (on Linux: gnome-keyring or another Secret Service); ${ALTERNATIVES}.`,
        cause,
      };
  }
}

const RULES: ReadonlyArray<{state: ProblemState; pattern: RegExp; noCollection?: boolean}> = [
  {
    state: 'no-dbus',
    pattern:
      /autolaunch D-Bus|DBUS_SESSION_BUS_ADDRESS|unsupported transport|Could not connect: |Failed to connect to socket|No such file or directory.*bus|dbus session/i,
  },
  {
    state: 'no-secret-service',
    pattern: /org\.freedesktop\.secrets was not provided|ServiceUnknown|no secret service/i,
  },
  {state: 'locked', pattern: /locked collection|IsLocked|is locked|locked object/i},
  {
    state: 'locked',
    pattern: /collection\/login|No such (secret )?collection|Object does not exist at path/i,
    noCollection: true,
  },
  {
    state: 'missing-library',
    pattern:
      /libsecret|cannot open shared object|Cannot find module|MODULE_NOT_FOUND|NODE_MODULE_VERSION|compiled against a different Node\.js|invalid ELF header/i,
  },
];

/** Turns a keychain library message into a problem. */
export function classifyKeychainMessage(message: string): KeychainProblem {
  for (const rule of RULES) {
    if (rule.pattern.test(message)) {
      return problemFor(rule.state, {cause: message, noCollection: rule.noCollection});
    }
  }
  return problemFor('unknown', {cause: message});
}
