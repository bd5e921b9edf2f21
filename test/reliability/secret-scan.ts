/**
 * Shared by the secrets test: a recording reverse proxy in front of the emulator (so the test
 * knows every token and secret the app was given), the forms a secret may take on disk, a byte
 * search of a directory tree, and the processes under a tmux pane.
 */
import {spawn} from 'node:child_process';
import {lstatSync, readFileSync, readdirSync} from 'node:fs';
import {createServer, request as httpRequest, type IncomingHttpHeaders} from 'node:http';
import type {AddressInfo} from 'node:net';
import path from 'node:path';

/** Anything JWT-shaped (header.payload.signature, base64url). */
export const JWT_SHAPE = /eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g;

interface TapRecord {
  method: string;
  path: string;
  status: number;
}

/**
 * A transparent HTTP proxy to `target` (the emulator's NAM origin). It forwards bytes unchanged
 * and notes the secrets that pass: refresh tokens and client secrets sent to /oidc/token, every
 * access token it answers, every clientSecret a mint answers.
 */
export async function startTap(target: string) {
  const upstream = new URL(target);
  const seen = {
    accessTokens: new Set<string>(),
    refreshTokens: new Set<string>(),
    clientSecrets: new Set<string>(),
  };
  const log: TapRecord[] = [];
  const read = (stream: NodeJS.ReadableStream) =>
    new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => resolve(Buffer.concat(chunks)));
      stream.on('error', reject);
    });
  const note = (pathname: string, method: string, sent: Buffer, answer: Buffer) => {
    if (pathname === '/oidc/token') {
      const form = new URLSearchParams(sent.toString('utf8'));
      const refresh = form.get('refresh_token');
      const secret = form.get('client_secret');
      if (refresh) seen.refreshTokens.add(refresh);
      if (secret) seen.clientSecrets.add(secret);
    }
    let body: unknown;
    try {
      body = JSON.parse(answer.toString('utf8'));
    } catch {
      return;
    }
    const record = (body ?? {}) as Record<string, unknown>;
    if (typeof record.access_token === 'string') seen.accessTokens.add(record.access_token);
    if (method === 'POST' && /\/clients$/.test(pathname) && typeof record.clientSecret === 'string')
      seen.clientSecrets.add(record.clientSecret);
  };
  const server = createServer((req, res) => {
    void read(req).then((sent) => {
      const headers: IncomingHttpHeaders = {...req.headers, host: upstream.host};
      const forward = httpRequest(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers,
        },
        (answer) => {
          void read(answer).then((bytes) => {
            const pathname = new URL(req.url ?? '/', 'http://x').pathname;
            log.push({method: req.method ?? '', path: pathname, status: answer.statusCode ?? 0});
            note(pathname, req.method ?? '', sent, bytes);
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            res.end(bytes);
          });
        },
      );
      // A dropped upstream connection is dropped here too.
      forward.on('error', () => res.destroy());
      forward.end(sent);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const {port} = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    log,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * The strings a secret becomes when written in common encodings: as is, URL- and form-encoded,
 * hex, and base64 / base64url at each of the three alignments it may have inside a longer
 * encoded blob (only the characters that depend on the secret alone).
 */
export function encodedForms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const forms = new Set<string>([
    secret,
    encodeURIComponent(secret),
    new URLSearchParams({x: secret}).toString().slice(2),
    JSON.stringify(secret).slice(1, -1),
    bytes.toString('hex'),
    bytes.toString('hex').toUpperCase(),
  ]);
  for (let shift = 0; shift < 3; shift++) {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
    const first = Math.ceil((8 * shift) / 6);
    const last = Math.floor((8 * (shift + bytes.length)) / 6); // exclusive
    const pure = encoded.slice(first, last);
    forms.add(pure);
    forms.add(pure.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return [...forms].filter((form) => form.length >= 8);
}

/** Non-overlapping pieces of `size` characters: a secret cut short still shows. */
export function fragments(secret: string, size = 12): string[] {
  const out: string[] = [];
  for (let i = 0; i + size <= secret.length; i += size) out.push(secret.slice(i, i + size));
  return out;
}

export interface ScannedFile {
  path: string;
  mode: number;
  bytes: Buffer;
}

/** Every regular file under `dir` (hidden ones too; symlinks are listed, not followed). */
export function scanTree(dir: string): {files: ScannedFile[]; links: string[]} {
  const files: ScannedFile[] = [];
  const links: string[] = [];
  const walk = (current: string) => {
    for (const name of readdirSync(current)) {
      const full = path.join(current, name);
      const info = lstatSync(full);
      if (info.isSymbolicLink()) links.push(full);
      else if (info.isDirectory()) walk(full);
      else if (info.isFile())
        files.push({path: full, mode: info.mode & 0o777, bytes: readFileSync(full)});
    }
  };
  walk(dir);
  return {files, links};
}

/** The needles (with a label each) found in `bytes`. */
export function findNeedles(bytes: Buffer, needles: ReadonlyArray<[string, string]>): string[] {
  return needles.filter(([, needle]) => bytes.includes(needle)).map(([label]) => label);
}

/** `pid` and every process below it (Linux /proc). */
export function processTree(pid: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
  }
  const out: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const next = queue.shift()!;
    out.push(next);
    queue.push(...(parents.get(next) ?? []));
  }
  return out;
}

/** A process's argv and environment as read from /proc ('' when it is gone). */
export function processFacts(pid: number): {cmdline: Buffer; environ: Buffer} {
  const readOr = (file: string) => {
    try {
      return readFileSync(file);
    } catch {
      return Buffer.alloc(0);
    }
  };
  return {cmdline: readOr(`/proc/${pid}/cmdline`), environ: readOr(`/proc/${pid}/environ`)};
}

/** Runs tmux on the session's socket (for pipe-pane and the like). */
export function tmux(socket: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    spawn('tmux', ['-L', socket, ...args], {stdio: 'ignore'})
      .on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`tmux ${args[0]} ${code}`))))
      .on('error', reject);
  });
}
