/** Process exit codes: the contract in DESIGN.md ("The command line"). */
export const ExitCode = {
  ok: 0,
  /** Flexera refused: bad or revoked token, another 4xx. */
  refused: 1,
  /** Usage: unknown command or flag, unknown zone, bad URL, no terminal for the app. */
  usage: 2,
  /** The keychain is unavailable (the message says why and what to do). */
  keychainUnavailable: 3,
  /** Network failure, timeout, or 5xx after retries. */
  network: 4,
  /** Not signed in: no stored or env token. */
  notSignedIn: 5,
  interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
