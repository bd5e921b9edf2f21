/** Runs a shown command for real: /bin/sh -c, variables only through the child's environment. */
import {execFile} from 'node:child_process';

export interface ShellResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function sh(command: string, vars: Record<string, string> = {}): Promise<ShellResult> {
  return new Promise((resolve) => {
    execFile(
      '/bin/sh',
      ['-c', command],
      // A clean environment: no proxy variables from the host, no inherited secrets.
      {
        env: {PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C.UTF-8', ...vars},
        timeout: 20_000,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({code, stdout, stderr});
      },
    );
  });
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Parses `curl -i` output (status line, headers, blank line, body). */
export function parseIncluded(output: string): HttpAnswer {
  const split = output.indexOf('\r\n\r\n');
  const head = split === -1 ? output : output.slice(0, split);
  const body = split === -1 ? '' : output.slice(split + 4);
  const [statusLine = '', ...lines] = head.split('\r\n');
  const status = Number(/^HTTP\/[\d.]+ (\d{3})/.exec(statusLine)?.[1] ?? NaN);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0)
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return {status, headers, body};
}
