/**
 * `flexera-sa doctor`: a read-only check against the real service, to paste into a bug report.
 * It checks the keychain, the proxy, the zone and the token, then makes one read of each kind
 * the app makes, holds every answer against the app's schemas, and compares its shape with what
 * the emulator answers to the same read (field, what the emulator serves, what the service sent).
 * The report never holds a token, a secret, a name, an e-mail or an id: only kinds of values.
 */
import {FlexeraClient} from '../api/client.js';
import {createDispatcher, proxySettingsFromEnv} from '../api/http.js';
import {ZONES, type Endpoints} from '../api/zones.js';
import {checkToken, keychainFor, type CommandOptions, type Output} from '../cli/commands/shared.js';
import {ExitCode} from '../exit-codes.js';
import {resolveTokenSource} from '../secrets/session.js';
import {formatProblem, TOKEN_ENV_VAR} from '../secrets/types.js';
import {runReads, type Answer, type Fetcher, type ReadResult} from './reads.js';
import {diffShapes, type Deviation} from './shape.js';

export type DoctorOptions = Omit<CommandOptions, 'stdout' | 'stderr'> & {
  /** The org to read (default: the first of the user's orgs). */
  org?: number;
  json?: boolean;
  now?: () => number;
  /** The reference answers; default: the built-in emulator, started in this process. */
  reference?: () => Promise<ReadResult[]>;
};

export interface DoctorIo {
  stdout: Output;
  stderr: Output;
}

interface Check {
  check: string;
  ok: boolean | 'skipped';
  detail: string;
}

export interface DoctorReport {
  checks: Check[];
  reads: Array<Omit<ReadResult, 'shape'> & {items?: number}>;
  deviations: Deviation[];
}

/** The proxy in words: scheme, host and port only (a proxy URL may carry a password). */
function proxyWords(env: CommandOptions['env']): string {
  const settings = proxySettingsFromEnv(env);
  if (!settings) return 'none (direct connections)';
  const host = (value: string) => {
    try {
      const url = new URL(value);
      return `${url.protocol}//${url.hostname}${url.port ? `:${url.port}` : ''}`;
    } catch {
      return 'set, but not a URL';
    }
  };
  const parts = [];
  if (settings.httpsProxy) parts.push(`HTTPS_PROXY ${host(settings.httpsProxy)}`);
  if (settings.httpProxy) parts.push(`HTTP_PROXY ${host(settings.httpProxy)}`);
  if (settings.noProxy) parts.push('NO_PROXY set');
  return parts.join(', ');
}

/** A Fetcher on the API origin with a bearer token, through the proxy when one is set. */
async function fetcherFor(
  endpoints: Pick<Endpoints, 'api'>,
  token: () => Promise<string>,
  env: CommandOptions['env'],
): Promise<{fetch: Fetcher; close: () => Promise<void>}> {
  const dispatcher = await createDispatcher(env);
  const send = dispatcher
    ? ((await import('undici')).fetch as unknown as typeof fetch)
    : globalThis.fetch;
  return {
    fetch: async (path, query) => {
      const url = new URL(path, endpoints.api);
      for (const [key, value] of Object.entries(query ?? {})) url.searchParams.set(key, value);
      const response = await send(url, {
        headers: {authorization: `Bearer ${await token()}`, accept: 'application/json'},
        signal: AbortSignal.timeout(20_000),
        ...(dispatcher ? {dispatcher} : {}),
      } as RequestInit);
      const text = await response.text();
      let body: unknown;
      let json = text === '';
      try {
        body = text === '' ? undefined : (JSON.parse(text) as unknown);
        json = true;
      } catch {
        body = undefined;
      }
      return {status: response.status, body, json} satisfies Answer;
    },
    close: async () => {
      await dispatcher?.close();
    },
  };
}

/** The emulator's answers to the same reads: the demo user in the demo org. */
async function emulatorReference(now: number): Promise<ReadResult[]> {
  const {startEmulator} = await import('../emulator/index.js');
  const emulator = await startEmulator({port: 0, rateLimit: false});
  const endpoints = {zone: 'nam' as const, ...emulator.zones.nam, custom: true};
  const client = new FlexeraClient({
    endpoints,
    env: {},
    credentials: {grant: 'refresh_token', refreshToken: emulator.refreshTokens.nam},
  });
  const {fetch, close} = await fetcherFor(endpoints, () => client.tokens.getAccessToken(), {});
  try {
    return await runReads(fetch, {
      userId: emulator.seed.demoUser.nam.id,
      orgId: emulator.seed.orgIds.primary,
      now,
    });
  } finally {
    await close();
    await client.close();
    await emulator.close();
  }
}

export async function runDoctor(options: DoctorOptions, io: DoctorIo): Promise<ExitCode> {
  const {endpoints, env} = options;
  const now = (options.now ?? Date.now)();
  const checks: Check[] = [];
  const report: DoctorReport = {checks, reads: [], deviations: []};
  const finish = (code: ExitCode) => {
    write(io, report, options.json === true, endpoints);
    return code;
  };

  // Keychain and token source.
  const keychain = options.noKeychain ? undefined : keychainFor({...options, ...io});
  const session = await resolveTokenSource({
    endpoints,
    env,
    noKeychain: options.noKeychain,
    keychain,
  });
  const probe = session.probe ?? (keychain?.probe ? await keychain.probe() : undefined);
  checks.push(
    options.noKeychain
      ? {check: 'keychain', ok: 'skipped', detail: 'not used (--no-keychain)'}
      : probe?.problem
        ? {check: 'keychain', ok: false, detail: `unavailable: ${probe.problem.reason}`}
        : {check: 'keychain', ok: true, detail: 'works'},
  );
  checks.push({check: 'proxy', ok: true, detail: proxyWords(env)});
  const zone = ZONES[endpoints.zone];
  checks.push({
    check: 'zone',
    ok: true,
    detail: `${zone.label} (${zone.region}) · api ${endpoints.api} · login ${endpoints.login}${endpoints.custom ? ' (custom)' : ''}`,
  });
  if (session.token === undefined) {
    const problem = session.problem ?? probe?.problem;
    checks.push({
      check: 'token',
      ok: false,
      detail: problem
        ? `none: ${formatProblem(problem)}`
        : `none: run flexera-sa login --with-token, or set ${TOKEN_ENV_VAR}`,
    });
    return finish(problem ? ExitCode.keychainUnavailable : ExitCode.notSignedIn);
  }

  const client = new FlexeraClient({
    ...options.client,
    endpoints,
    env,
    credentials: {grant: 'refresh_token', refreshToken: session.token},
  });
  const where = session.source === 'env' ? `from ${TOKEN_ENV_VAR}` : `from the ${session.source}`;
  let fetcher: Awaited<ReturnType<typeof fetcherFor>> | undefined;
  try {
    const checked = await checkToken(client, endpoints);
    if ('failure' in checked) {
      const {failure} = checked;
      checks.push({check: 'token', ok: false, detail: `${where}: ${failure.message}`});
      return finish(failure.exitCode);
    }
    const {identity} = checked;
    checks.push({
      check: 'token',
      ok: true,
      detail: `${where}: accepted, a ${identity.kind === 'user' ? 'user' : identity.kind} token`,
    });

    fetcher = await fetcherFor(endpoints, () => client.tokens.getAccessToken(), env);
    let reads: ReadResult[];
    try {
      reads = await runReads(fetcher.fetch, {
        userId: identity.kind === 'user' ? identity.userId : undefined,
        orgId: options.org,
        now,
      });
    } catch (error) {
      checks.push({
        check: 'reads',
        ok: false,
        detail: `stopped: ${error instanceof Error ? error.name : 'error'} (network, proxy or timeout)`,
      });
      return finish(ExitCode.network);
    }
    const reference = await (options.reference ?? (() => emulatorReference(now)))();
    const expected = new Map(reference.map((result) => [result.read, result]));
    for (const result of reads) {
      const {shape, ...rest} = result;
      report.reads.push({...rest, ...(shape ? {items: shape.items} : {})});
      const base = expected.get(result.read)?.shape;
      if (shape && base) report.deviations.push(...diffShapes(result.read, base, shape));
    }
    return finish(reads.some((result) => result.failed) ? ExitCode.refused : ExitCode.ok);
  } finally {
    await fetcher?.close();
    await client.close();
  }
}

function write(io: DoctorIo, report: DoctorReport, json: boolean, endpoints: Endpoints): void {
  if (json) {
    io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  const mark = (ok: boolean | 'skipped') => (ok === 'skipped' ? '-' : ok ? '✓' : '✗');
  const lines = [`flexera-sa doctor: ${ZONES[endpoints.zone].label}, read-only`];
  for (const check of report.checks)
    lines.push(`  ${mark(check.ok)} ${check.check.padEnd(9)} ${check.detail}`);
  if (report.reads.length > 0) {
    lines.push('', "Reads (each held against the app's schemas):");
    for (const read of report.reads) {
      const what = read.note
        ? read.note
        : read.appIssues.length > 0
          ? `the app cannot read it: ${read.appIssues.slice(0, 5).join('; ')}`
          : `read${read.items !== undefined ? ` (${read.items} item${read.items === 1 ? '' : 's'})` : ''}`;
      const ok = read.failed ? '✗' : read.note ? '-' : '✓';
      lines.push(`  ${ok} ${read.read.padEnd(22)} ${read.status ?? '   '} ${what}`);
    }
    lines.push('');
    if (report.deviations.length === 0) {
      lines.push('No deviation from what the emulator answers.');
    } else {
      lines.push(
        `Deviations from the emulator (${report.deviations.length}): read · field · the emulator serves · the service sent`,
      );
      for (const d of report.deviations)
        lines.push(`  ${d.read} · ${d.field} · ${d.expected} · ${d.seen}`);
      lines.push('', 'Paste this into a bug report: it holds no token, secret, name or id.');
    }
  }
  io.stdout.write(`${lines.join('\n')}\n`);
}
