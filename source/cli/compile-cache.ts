/**
 * Node's on-disk compile cache (`module.enableCompileCache()`, Node 22.1+): the bundle's V8 code
 * is kept between runs, so a start skips most of compiling the app chunk (issue #15, measured in
 * README "Performance"). Node 20 has no such cache: nothing happens there.
 *
 * The directory is a cache in the XDG sense ($XDG_CACHE_HOME/flexera-sa/compile-cache, default
 * ~/.cache/...; macOS ~/Library/Caches, Windows %LOCALAPPDATA%): it holds compiled code, never a
 * secret, Node keys it by its version and the file contents, and deleting it only makes the next
 * start compile again. NODE_DISABLE_COMPILE_CACHE=1 turns it off (Node's own switch).
 */
import module from 'node:module';
import {homedir} from 'node:os';
import path from 'node:path';

type Env = Readonly<Record<string, string | undefined>>;

export function compileCacheDir(env: Env, platform: NodeJS.Platform = process.platform): string {
  const home = env.HOME || env.USERPROFILE || homedir();
  if (platform === 'darwin') return path.join(home, 'Library', 'Caches', 'flexera-sa', 'compile');
  if (platform === 'win32') {
    const local = env.LOCALAPPDATA || path.join(home, 'AppData', 'Local');
    return path.join(local, 'flexera-sa', 'Cache', 'compile');
  }
  // XDG Base Directory spec: a relative XDG_CACHE_HOME is invalid and ignored.
  const cache = env.XDG_CACHE_HOME;
  const base = cache && path.isAbsolute(cache) ? cache : path.join(home, '.cache');
  return path.join(base, 'flexera-sa', 'compile-cache');
}

/** Turns the cache on where Node has it; a cache that cannot be used is no error (just slower). */
export function enableCompileCache(env: Env): void {
  const enable = (module as {enableCompileCache?: (dir?: string) => unknown}).enableCompileCache;
  if (typeof enable !== 'function') return;
  try {
    enable(compileCacheDir(env));
  } catch {
    // A read-only or full disk: start without it.
  }
}
