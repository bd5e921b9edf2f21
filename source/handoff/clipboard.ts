/**
 * Puts a secret on the user's clipboard. A platform tool is tried first (the text goes to its
 * STDIN, never its argv, so it never shows in a process list); failing that, an OSC 52 escape is
 * written to the terminal, which many terminals (and tmux with passthrough) turn into a copy.
 * Nothing here logs or reports the text.
 */
import {spawn} from 'node:child_process';
import {childEnv} from '../secrets/child-env.js';

type Env = Readonly<Record<string, string | undefined>>;

type ClipboardMethod = 'pbcopy' | 'clip' | 'wl-copy' | 'xclip' | 'xsel' | 'tmux' | 'osc52' | 'none';

export interface ClipboardResult {
  method: ClipboardMethod;
  /** True when a tool confirmed the copy; OSC 52 cannot be confirmed. */
  certain: boolean;
  /** What to tell the user. */
  message: string;
}

export interface ClipboardOptions {
  /** The session's environment (DISPLAY, WAYLAND_DISPLAY, TMUX, SSH_*, PATH for the tools). */
  env: Env;
  /** The terminal the app draws on: OSC 52 goes here, only when it is a TTY. */
  stdout: {write(chunk: string): unknown; isTTY?: boolean};
  /** Default process.platform. */
  platform?: NodeJS.Platform;
  /** Per tool; default 2000 ms. A tool that takes longer is stopped and the next is tried. */
  timeoutMs?: number;
}

interface Tool {
  method: Exclude<ClipboardMethod, 'osc52' | 'none'>;
  command: string;
  args: string[];
}

const DEFAULT_CLIPBOARD_TIMEOUT_MS = 2_000;

function isSet(env: Env, name: string): boolean {
  return (env[name] ?? '') !== '';
}

/** In an SSH session a local tool would fill the remote machine's clipboard, not the user's. */
function overSsh(env: Env): boolean {
  return isSet(env, 'SSH_TTY') || isSet(env, 'SSH_CONNECTION') || isSet(env, 'SSH_CLIENT');
}

/** The tools to try, in order, for this platform and environment. */
export function clipboardTools(env: Env, platform: NodeJS.Platform): Tool[] {
  if (platform === 'darwin')
    return overSsh(env) ? [] : [{method: 'pbcopy', command: 'pbcopy', args: []}];
  if (platform === 'win32')
    return overSsh(env) ? [] : [{method: 'clip', command: 'clip.exe', args: []}];
  const tools: Tool[] = [];
  if (isSet(env, 'WAYLAND_DISPLAY')) tools.push({method: 'wl-copy', command: 'wl-copy', args: []});
  if (isSet(env, 'DISPLAY')) {
    tools.push({method: 'xclip', command: 'xclip', args: ['-selection', 'clipboard', '-in']});
    tools.push({method: 'xsel', command: 'xsel', args: ['--clipboard', '--input']});
  }
  // WSL: Windows' clip.exe is on PATH through interop.
  if (isSet(env, 'WSL_DISTRO_NAME') || isSet(env, 'WSL_INTEROP')) {
    tools.push({method: 'clip', command: 'clip.exe', args: []});
  }
  return tools;
}

/** Runs one tool with the text on stdin; true when it exits 0 within the timeout. */
function runTool(tool: Tool, text: string, env: Env, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (ok: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(ok);
    };
    let child: ReturnType<typeof spawn>;
    try {
      // stdout/stderr ignored: xclip, xsel and wl-copy fork a server that keeps inherited pipes open.
      child = spawn(tool.command, tool.args, {
        env: childEnv(env),
        stdio: ['pipe', 'ignore', 'ignore'],
        windowsHide: true,
      });
    } catch {
      resolve(false);
      return;
    }
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish(false);
    }, timeoutMs);
    child.on('error', () => finish(false));
    child.on('exit', (code) => finish(code === 0));
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(text, 'utf8');
  });
}

/** The OSC 52 "set clipboard" sequence; inside tmux, wrapped for passthrough. */
export function osc52Sequence(text: string, env: Env): string {
  const sequence = `\x1b]52;c;${Buffer.from(text, 'utf8').toString('base64')}\x07`;
  if (!isSet(env, 'TMUX')) return sequence;
  return `\x1bPtmux;${sequence.replaceAll('\x1b', '\x1b\x1b')}\x1b\\`;
}

export async function copyToClipboard(
  text: string,
  options: ClipboardOptions,
): Promise<ClipboardResult> {
  const {env, stdout} = options;
  const platform = options.platform ?? process.platform;
  const timeoutMs = options.timeoutMs ?? DEFAULT_CLIPBOARD_TIMEOUT_MS;
  for (const tool of clipboardTools(env, platform)) {
    if (await runTool(tool, text, env, timeoutMs)) {
      return {
        method: tool.method,
        certain: true,
        message: `Copied to the clipboard (${tool.method}).`,
      };
    }
  }
  if (stdout.isTTY !== true) {
    return {
      method: 'none',
      certain: false,
      message:
        'No clipboard tool worked and the output is not a terminal: nothing was copied. ' +
        'Write it to a file instead.',
    };
  }
  // Inside tmux an OSC 52 written by the app is dropped unless passthrough is on; tmux's own
  // buffer always works, and `-w` has tmux forward it to the outer terminal's clipboard too.
  if (isSet(env, 'TMUX')) {
    for (const tool of TMUX_TOOLS) {
      if (await runTool(tool, text, env, timeoutMs)) {
        return {method: 'tmux', certain: true, message: TMUX_MESSAGE};
      }
    }
  }
  stdout.write(osc52Sequence(text, env));
  const tmux = isSet(env, 'TMUX') ? ' (inside tmux this needs "set -g allow-passthrough on")' : '';
  return {
    method: 'osc52',
    certain: false,
    message:
      `Sent to your terminal's clipboard (OSC 52)${tmux}. If nothing arrives, your terminal ` +
      'does not accept OSC 52 (enable clipboard access in its settings) or write it to a file.',
  };
}

/** `-w` (tmux 3.2+) also sets the outer terminal's clipboard; older tmux only fills its buffer. */
const TMUX_TOOLS: readonly Tool[] = [
  {method: 'tmux', command: 'tmux', args: ['load-buffer', '-w', '-']},
  {method: 'tmux', command: 'tmux', args: ['load-buffer', '-']},
];

const TMUX_MESSAGE =
  "Copied into tmux's paste buffer (paste with your tmux prefix, then ]); with " +
  '"set -g set-clipboard on" tmux also hands it to your terminal\'s clipboard.';
