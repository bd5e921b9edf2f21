/**
 * Writes a shown curl script to a NEW file: the curl view's `w`. The scripts hold no secret (the
 * commands read tokens and secrets only from shell variables, curl/commands.ts), yet the file is
 * created like a secret file (0600, exclusive, never overwritten): a person is told to fill the
 * variables in, and may well type a token into it.
 */
import {homedir} from 'node:os';
import {
  SecretFileError,
  createPrivateFile,
  freeFileName,
  resolveSecretPath,
} from './secret-file.js';

/** The suggested name: `./flexera-sa-curl.sh`, or `-2`, `-3`, … when taken. */
export function suggestFreeScriptFileName(cwd: string = process.cwd()): Promise<string> {
  return freeFileName('flexera-sa-curl', 'sh', cwd);
}

/** Creates the file with `script`; returns its absolute path. */
export async function writeScriptFile(input: {
  path: string;
  script: string;
  /** Default process.cwd(). */
  cwd?: string;
  /** Default $HOME, else os.homedir(). */
  home?: string;
}): Promise<string> {
  if (input.path.trim() === '') {
    throw new SecretFileError('empty-path', '', 'Type a file name to write the script to.');
  }
  const target = resolveSecretPath(
    input.path,
    input.cwd ?? process.cwd(),
    input.home ?? process.env.HOME ?? homedir(),
  );
  const text = input.script.endsWith('\n') ? input.script : `${input.script}\n`;
  return createPrivateFile(target, text);
}
