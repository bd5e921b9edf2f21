/**
 * Would a secret file written here end up in git? `w` writes into the current directory by
 * default, and in a clone an unignored file is one `git add .` from a leak. git itself answers
 * (`rev-parse`, `check-ignore`), so every ignore source counts (.gitignore files, info/exclude,
 * core.excludesFile). Without git, or outside a work tree, the answer is "not exposed".
 */
import {execFile} from 'node:child_process';
import {homedir} from 'node:os';
import path from 'node:path';
import {childEnv} from '../secrets/child-env.js';

export interface GitExposure {
  /** The work tree the file would be in and git would not ignore it. */
  readonly workTree: string;
}

type Env = Readonly<Record<string, string | undefined>>;

function git(args: string[], cwd: string, env: Env): Promise<{code: number; stdout: string}> {
  return new Promise((resolve) => {
    // The helper-process environment (no FLEXERA_ variable, no NODE_OPTIONS), and no prompts:
    // git only reads here.
    execFile(
      'git',
      args,
      {cwd, env: {...childEnv(env), GIT_TERMINAL_PROMPT: '0'}, timeout: 5_000, encoding: 'utf8'},
      (error, stdout) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({code, stdout});
      },
    );
  });
}

/** The work tree `file` would sit in unignored, or undefined (ignored, no repo, no git). */
export async function gitExposure(file: string, env: Env): Promise<GitExposure | undefined> {
  const dir = path.dirname(file);
  const top = await git(['rev-parse', '--show-toplevel'], dir, env);
  if (top.code !== 0) return undefined;
  // check-ignore: 0 ignored, 1 not ignored, anything else an error (then say nothing).
  const ignored = await git(['check-ignore', '-q', '--no-index', '--', file], dir, env);
  if (ignored.code !== 1) return undefined;
  return {workTree: top.stdout.trim()};
}

/** A per-user folder for client credentials, outside any project: $XDG_DATA_HOME/flexera-sa/clients. */
export function perUserSecretDir(env: Env): string {
  const data =
    env.XDG_DATA_HOME?.trim() || path.join(env.HOME?.trim() || homedir(), '.local', 'share');
  return path.join(data, 'flexera-sa', 'clients');
}
