/**
 * Runs keytar (`import keytar from 'keytar'`, the npm alias of @github/keytar) in a short-lived
 * child process, so a keychain call that hangs can really be abandoned.
 *
 * Why a child: a native keytar call runs on libuv's thread pool and cannot be cancelled, and
 * Node joins that pool when it exits. Measured here: after a Secret Service call timed out,
 * `process.exit(3)` returned only when D-Bus gave up, 25 s later. Killing a child ends the call
 * at once, and a crash inside the library (findCredentials' SIGSEGV on a locked keyring, notes C3)
 * stays in the child too. Secrets travel over the child's stdin/stdout pipes, never argv or env.
 */
import {spawn, type ChildProcess} from 'node:child_process';
import {createRequire} from 'node:module';
import readline from 'node:readline';
import {childEnv} from './child-env.js';
import type {Env} from './types.js';

export type KeytarOp =
  | {op: 'get'; service: string; account: string}
  | {op: 'set'; service: string; account: string; secret: string}
  | {op: 'delete'; service: string; account: string};

/** The library could not be loaded (keytar missing, libsecret missing, wrong Node ABI). */
export class KeytarLoadError extends Error {
  override name = 'KeytarLoadError';
}

/** A call (or the start of the helper) got no answer in time; the helper was killed. */
export class KeytarTimeoutError extends Error {
  override name = 'KeytarTimeoutError';
  constructor(
    readonly timeoutMs: number,
    what: string,
  ) {
    super(`${what} got no answer within ${timeoutMs} ms`);
  }
}

/** keytar rejected a call (its own message: no secret in it). */
export class KeytarCallError extends Error {
  override name = 'KeytarCallError';
}

/** The helper process died (a crash in the native library, or it could not start). */
export class KeytarCrashError extends Error {
  override name = 'KeytarCrashError';
}

export interface KeytarSession {
  call(op: KeytarOp): Promise<string | boolean | null>;
  close(): void;
}

export interface KeytarHostOptions {
  /** Per native call. */
  timeoutMs: number;
  /** For starting node and loading the library (not a Secret Service call). */
  startupTimeoutMs: number;
  /** The environment the keychain is reached from (D-Bus address, HOME). */
  env: Env;
  /** The module to load; default: keytar resolved from this package. */
  modulePath?: string;
}

/** The helper: CommonJS for `node -e`, one JSON request per stdin line, answered in order. */
function helperSource(modulePath: string): string {
  return `'use strict';
const send = (m) => process.stdout.write(JSON.stringify(m) + '\\n');
const text = (e) => String((e && e.message) || e);
let keytar;
try {
  const loaded = require(${JSON.stringify(modulePath)});
  keytar = loaded && typeof loaded.getPassword === 'function' ? loaded : loaded && loaded.default;
  if (!keytar || typeof keytar.getPassword !== 'function') throw new Error('the module is not keytar');
} catch (error) {
  send({t: 'load-error', message: text(error)});
  process.exit(0);
}
send({t: 'ready'});
let chain = Promise.resolve();
const lines = require('node:readline').createInterface({input: process.stdin});
lines.on('line', (line) => {
  chain = chain.then(async () => {
    let request;
    try { request = JSON.parse(line); } catch { return; }
    try {
      let value = null;
      if (request.op === 'get') value = await keytar.getPassword(request.service, request.account);
      else if (request.op === 'set') await keytar.setPassword(request.service, request.account, request.secret);
      else if (request.op === 'delete') value = await keytar.deletePassword(request.service, request.account);
      send({t: 'result', id: request.id, ok: true, value: value === undefined ? null : value});
    } catch (error) {
      send({t: 'result', id: request.id, ok: false, message: text(error)});
    }
  });
});
lines.on('close', () => chain.then(() => process.exit(0)));
`;
}

let resolvedKeytar: string | undefined;

/** Where keytar is, or a KeytarLoadError when it is not installed. */
function resolveKeytar(): string {
  if (resolvedKeytar) return resolvedKeytar;
  try {
    resolvedKeytar = createRequire(import.meta.url).resolve('keytar');
    return resolvedKeytar;
  } catch (error) {
    throw new KeytarLoadError(error instanceof Error ? error.message : String(error));
  }
}

interface HelperMessage {
  t: 'ready' | 'load-error' | 'result';
  id?: number;
  ok?: boolean;
  value?: string | boolean | null;
  message?: string;
}

/** Starts the helper; resolves once the library is loaded. */
export async function openKeytarSession(options: KeytarHostOptions): Promise<KeytarSession> {
  const modulePath = options.modulePath ?? resolveKeytar();
  // No FLEXERA_* (a token may be there) and no NODE_OPTIONS (no loaders from the parent).
  const env = childEnv(options.env);

  let child: ChildProcess;
  try {
    child = spawn(process.execPath, ['-e', helperSource(modulePath)], {
      stdio: ['pipe', 'pipe', 'ignore'],
      env,
      windowsHide: true,
    });
  } catch (error) {
    throw new KeytarCrashError(
      `could not start the keychain helper: ${error instanceof Error ? error.message : String(error)}`,
    );
  }

  let dead: Error | undefined;
  let nextId = 1;
  const pending = new Map<
    number,
    {resolve: (m: HelperMessage) => void; reject: (e: Error) => void}
  >();
  let onReady: ((message: HelperMessage) => void) | undefined;
  let onStartFailure: ((error: Error) => void) | undefined;

  const fail = (error: Error) => {
    if (dead) return;
    dead = error;
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
    onStartFailure?.(error);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };

  child.on('error', (error) =>
    fail(new KeytarCrashError(`the keychain helper failed: ${error.message}`)),
  );
  // 'close', not 'exit': it comes after stdout is drained, so a last message is not lost.
  child.on('close', (code, signal) => {
    fail(
      new KeytarCrashError(
        signal
          ? `the keychain library crashed (${signal})`
          : `the keychain helper exited early (code ${code})`,
      ),
    );
  });
  // A write to a helper that just died: the exit handler reports it.
  child.stdin?.on('error', () => {});

  const lines = readline.createInterface({input: child.stdout!});
  lines.on('line', (line) => {
    let message: HelperMessage;
    try {
      message = JSON.parse(line) as HelperMessage;
    } catch {
      return;
    }
    if (message.t === 'result' && message.id !== undefined) {
      const waiter = pending.get(message.id);
      pending.delete(message.id);
      waiter?.resolve(message);
    } else {
      onReady?.(message);
    }
  });

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      fail(new KeytarTimeoutError(options.startupTimeoutMs, 'starting the keychain helper'));
    }, options.startupTimeoutMs);
    onStartFailure = (error) => {
      clearTimeout(timer);
      reject(error);
    };
    onReady = (message) => {
      clearTimeout(timer);
      onStartFailure = undefined;
      if (message.t === 'load-error') {
        const error = new KeytarLoadError(message.message ?? 'keytar could not be loaded');
        dead = error;
        reject(error);
      } else {
        resolve();
      }
    };
  });

  const close = () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    dead ??= new KeytarCrashError('the keychain helper was closed');
    child.stdin?.end();
    // It exits by itself once stdin ends; make sure of it.
    const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
    timer.unref();
    child.once('exit', () => clearTimeout(timer));
  };

  return {
    close,
    call(op) {
      if (dead) return Promise.reject(dead);
      const id = nextId++;
      return new Promise<string | boolean | null>((resolve, reject) => {
        const timer = setTimeout(() => {
          fail(new KeytarTimeoutError(options.timeoutMs, `keychain ${op.op}`));
        }, options.timeoutMs);
        pending.set(id, {
          resolve: (message) => {
            clearTimeout(timer);
            if (message.ok) resolve(message.value ?? null);
            else reject(new KeytarCallError(message.message ?? 'keychain call failed'));
          },
          reject: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        });
        child.stdin!.write(`${JSON.stringify({id, ...op})}\n`);
      });
    },
  };
}
