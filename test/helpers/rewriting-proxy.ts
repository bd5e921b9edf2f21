/**
 * A real reverse proxy in front of the emulator that can change what passes through: the request
 * URL on the way in, the JSON answer on the way out. It stands in for a service that deviates
 * from the emulator (doctor tests, the paging forms the emulator does not give).
 */
import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';

export interface Rewrites {
  /** A new path and query for the upstream request. */
  url?: (pathAndQuery: string, method: string) => string;
  /** A new JSON body for an answer (return undefined to leave it). */
  body?: (pathAndQuery: string, body: unknown, status: number) => unknown;
}

export interface RewritingProxy {
  origin: string;
  /** Paths and queries as the proxy received them. */
  seen: string[];
  close(): Promise<void>;
}

export async function startRewritingProxy(
  upstream: string,
  rewrites: Rewrites,
): Promise<RewritingProxy> {
  const seen: string[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const method = req.method ?? 'GET';
      const original = req.url ?? '/';
      seen.push(original);
      const target = rewrites.url?.(original, method) ?? original;
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers))
        if (typeof value === 'string' && !['host', 'connection', 'content-length'].includes(name))
          headers[name] = value;
      const body = chunks.length ? Buffer.concat(chunks) : undefined;
      fetch(`${upstream}${target}`, {method, headers, body})
        .then(async (answer) => {
          let text = await answer.text();
          const type = answer.headers.get('content-type') ?? '';
          if (rewrites.body && text !== '' && type.includes('json')) {
            const changed = rewrites.body(original, JSON.parse(text) as unknown, answer.status);
            if (changed !== undefined) text = JSON.stringify(changed);
          }
          const out: Record<string, string> = {};
          answer.headers.forEach((value, name) => {
            if (!['content-length', 'connection', 'keep-alive', 'transfer-encoding'].includes(name))
              out[name] = value;
          });
          res.writeHead(answer.status, out);
          res.end(text);
        })
        .catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
