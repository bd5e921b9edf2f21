/** POSIX shell quoting for the curl commands we show (and the user pastes). */

/**
 * One shell word holding exactly `value`: single quotes, each `'` written as `'\''`. Inside single
 * quotes nothing is special to sh, bash or zsh: no `$`, backtick, `\` or `!` expansion.
 */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
