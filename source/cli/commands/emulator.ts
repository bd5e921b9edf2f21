import process from 'node:process';
import {startEmulator, type Emulator, type EmulatorZone} from '../../emulator/index.js';
import {ExitCode} from '../../exit-codes.js';
import type {CommandRun} from '../types.js';

/** `flexera-sa emulator [--port N] [--host H] [--json]`: serves until Ctrl+C, SIGTERM or the signal. */

const DEFAULT_EMULATOR_PORT = 8787;

export interface EmulatorCommandOptions {
  port?: number;
  host?: string;
  json?: boolean;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  signal?: AbortSignal;
}

const LABELS: Record<EmulatorZone, string> = {nam: 'NAM ', eu: 'EU  ', apac: 'APAC'};
const ADDRESS_ERRORS = new Set(['EADDRINUSE', 'EACCES', 'EADDRNOTAVAIL', 'ENOTFOUND', 'EAI_AGAIN']);

function readyLine(emulator: Emulator): string {
  const {seed} = emulator;
  return JSON.stringify({
    zones: emulator.zones,
    refreshTokens: emulator.refreshTokens,
    demoUserIds: {nam: seed.demoUser.nam.id, eu: seed.demoUser.eu.id, apac: seed.demoUser.apac.id},
    orgIds: seed.orgIds,
  });
}

function banner(emulator: Emulator): string {
  const {seed, zones, refreshTokens} = emulator;
  const rows = (Object.keys(zones) as EmulatorZone[]).map(
    (zone) => `  ${LABELS[zone]}  ${zones[zone].api.padEnd(24)}  ${refreshTokens[zone]}`,
  );
  const orgs = seed.orgs
    .filter((org) => org.zone === 'nam' && !seed.orgIds.extra.includes(org.id))
    .map((org) => `${org.id} "${org.name}" (${org.demoUserRole})`)
    .join(', ');
  const nam = zones.nam.api;
  return [
    'Flexera One emulator: a local stand-in for the IAM and login API (demo data, not the real service).',
    '',
    '  zone  API and login origin      demo user refresh token',
    ...rows,
    '',
    `NAM demo user ${seed.demoUser.nam.id} (${seed.demoUser.nam.email}) in ${orgs}.`,
    '',
    'Try it:',
    `  export FLEXERA_REFRESH_TOKEN='${refreshTokens.nam}'`,
    `  curl -s -X POST ${nam}/oidc/token -d "grant_type=refresh_token&refresh_token=$FLEXERA_REFRESH_TOKEN"`,
    `  flexera-sa --api-url ${nam}`,
    '',
    'Request logs go to stderr. Press Ctrl+C to stop.',
    '',
  ].join('\n');
}

export async function runEmulatorCommand(options: EmulatorCommandOptions): Promise<number> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? DEFAULT_EMULATOR_PORT;
  let emulator: Emulator;
  try {
    emulator = await startEmulator({
      host,
      port,
      log: (line) => options.stderr.write(`emulator: ${line}\n`),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code && ADDRESS_ERRORS.has(code)) {
      const ports = port === 0 ? 'free ports' : `ports ${port}-${port + 2}`;
      const why =
        code === 'EADDRINUSE'
          ? `one of ${ports} on ${host} is already in use`
          : code === 'EACCES'
            ? `not allowed to listen on ${ports} on ${host}`
            : `cannot listen on host "${host}"`;
      options.stderr.write(
        `flexera-sa emulator: ${why}. Choose other ports with --port N (N, N+1, N+2), or --port 0 for free ones.\n`,
      );
      return ExitCode.usage;
    }
    throw error;
  }

  options.stdout.write(options.json ? `${readyLine(emulator)}\n` : banner(emulator));

  await new Promise<void>((resolve) => {
    const stop = () => {
      options.signal?.removeEventListener('abort', stop);
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    if (options.signal?.aborted) return stop();
    options.signal?.addEventListener('abort', stop);
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await emulator.close();
  return ExitCode.ok;
}

/** The command line's entry (commands/index.ts). */
export const run: CommandRun = (invocation, io) =>
  runEmulatorCommand({
    port: invocation.port,
    host: invocation.host,
    json: invocation.json,
    stdout: io.stdout as NodeJS.WritableStream,
    stderr: io.stderr as NodeJS.WritableStream,
  });
