/**
 * Starts the interactive app: checks for a terminal, builds the session (sandbox or real), renders,
 * and cleans up. Everything the screens depend on is decided here and passed down (DESIGN.md).
 */
import {render} from 'ink';
import process from 'node:process';
import {App} from '../app.js';
import {EndpointError, resolveEndpoints, type Endpoints, type ZoneId} from '../api/zones.js';
import {ConfigError, createMemoryPreferences} from '../config/preferences.js';
import {openDebugLog, type DebugLog} from '../debug/index.js';
import {ExitCode} from '../exit-codes.js';
import {takeShownSecret, type ShownSecret} from '../handoff/shown-once.js';
import {reportCrash} from '../terminal/crash.js';
import {inertLines} from '../terminal/inert-output.js';
import {ActivityStore} from '../hooks/activity.js';
import {createMemoryStore, resolveTokenSource} from '../secrets/index.js';
import {createClient, type ClientServices, type Session} from '../session.js';
import type {Invocation} from './args.js';

export const NO_TERMINAL_MESSAGE =
  'flexera-sa: the interactive app needs a terminal on stdin and stdout. ' +
  'In scripts use `flexera-sa login --with-token`, `status`, `logout` or `emulator` (see --help).\n';

/** Extra orgs for the sandbox's demo user (the benchmark's 2,000-org picker). */
export const SANDBOX_EXTRA_ORGS_ENV = 'FLEXERA_SA_SANDBOX_EXTRA_ORGS';

interface Prepared {
  session: Session;
  dispose: () => Promise<void>;
}

export async function runApp(invocation: Invocation): Promise<number> {
  const {stdin, stdout, stderr} = process;
  if (!stdin.isTTY || !stdout.isTTY) {
    stderr.write(NO_TERMINAL_MESSAGE);
    return ExitCode.usage;
  }

  let debugLog: DebugLog | undefined;
  let prepared: Prepared;
  try {
    if (invocation.debug !== undefined) {
      debugLog = openDebugLog({path: invocation.debug || undefined, env: process.env});
    }
    const services: ClientServices = {
      env: process.env,
      activity: new ActivityStore(),
      log: debugLog?.log,
      onSecret: debugLog?.addKnownSecret,
    };
    prepared = invocation.sandbox
      ? await prepareSandbox(invocation, services)
      : await prepareSession(invocation, services);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof EndpointError) {
      stderr.write(`flexera-sa: ${inertLines(error.message)}\n`);
      await debugLog?.close();
      return ExitCode.usage;
    }
    throw error;
  }
  if (prepared.session.client && debugLog) {
    for (const secret of prepared.session.client.tokens.secrets()) debugLog.addKnownSecret(secret);
  }

  let exitCode: number = ExitCode.ok;
  const instance = render(<App session={prepared.session} onExit={(code) => (exitCode = code)} />, {
    exitOnCtrlC: false,
    patchConsole: false,
  });
  const stop = () => {
    exitCode = ExitCode.interrupted;
    instance.unmount();
  };
  // A render or input error (or any uncaught one) must not leave the terminal raw, nor lose a
  // shown-once secret: stop Ink, then reportCrash below restores the terminal and offers it.
  let crashed: {error: unknown; secret: ShownSecret | undefined} | undefined;
  const crash = (error: unknown) => {
    // Taken first, synchronously: unmounting releases it a tick later.
    crashed ??= {error, secret: takeShownSecret()};
    try {
      instance.unmount();
    } catch {
      // Ink is already down.
    }
  };
  process.once('SIGTERM', stop);
  process.once('SIGHUP', stop);
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
  try {
    await instance.waitUntilExit();
  } catch (error) {
    crash(error);
  } finally {
    process.off('SIGTERM', stop);
    process.off('SIGHUP', stop);
    await prepared.dispose();
    await debugLog?.close();
  }
  if (crashed) {
    debugLog?.write(`the app stopped: ${String(crashed.error)}`);
    await reportCrash(crashed.error, {stdin, stdout, stderr}, crashed.secret);
    // 1, as cli.tsx's last resort for an unexpected error.
    return 1;
  }
  if (debugLog) {
    stderr.write(`flexera-sa: debug log (secrets redacted): ${inertLines(debugLog.path)}\n`);
  }
  return exitCode;
}

async function prepareSession(invocation: Invocation, services: ClientServices): Promise<Prepared> {
  // The file (conf) loads only here: the sandbox never opens one.
  const {openPreferences} = await import('../config/file.js');
  const preferences = openPreferences({env: process.env});
  const zone: ZoneId = invocation.zone ?? preferences.zone ?? 'nam';
  // Remembered custom endpoints are not applied implicitly: a production tool that silently talks
  // to an old emulator address is worse than one that asks for --api-url again.
  const endpoints = resolveEndpoints({
    zone,
    apiUrl: invocation.apiUrl,
    loginUrl: invocation.loginUrl,
  });
  const token = await resolveTokenSource({
    endpoints,
    env: process.env,
    noKeychain: !invocation.keychain,
  });
  const session: Session = {
    generation: 0,
    endpoints,
    endpointsFor: (other) =>
      endpoints.custom ? (other === zone ? endpoints : undefined) : resolveEndpoints({zone: other}),
    tokenSource: token.source,
    client: token.token
      ? createClient(services, endpoints, {grant: 'refresh_token', refreshToken: token.token})
      : undefined,
    store: token.store,
    keychainProblem: token.problem,
    preferences,
    sandbox: false,
    initialOrgId: invocation.org,
    services,
  };
  return {session, dispose: async () => session.client?.close()};
}

/**
 * --sandbox: the same app on an in-process emulator with the demo data of `flexera-sa emulator`,
 * a memory store holding the demo refresh token, throwaway preferences; no keychain, no network.
 */
async function prepareSandbox(invocation: Invocation, proxied: ClientServices): Promise<Prepared> {
  // The emulator runs in this process: never reached through a proxy (a corporate one cannot).
  const loopback = '127.0.0.1,localhost,[::1]';
  const services = {...proxied, env: {...proxied.env, NO_PROXY: loopback, no_proxy: loopback}};
  const {startEmulator} = await import('../emulator/index.js');
  const extraOrgs = Number(process.env[SANDBOX_EXTRA_ORGS_ENV] ?? 0);
  const emulator = await startEmulator({
    port: 0,
    seed: {extraOrgs: Number.isInteger(extraOrgs) && extraOrgs > 0 ? extraOrgs : 0},
  });
  const endpointsFor = (zone: ZoneId): Endpoints => ({
    zone,
    api: emulator.zones[zone].api,
    login: emulator.zones[zone].login,
    custom: true,
  });
  const zone = invocation.zone ?? 'nam';
  const endpoints = endpointsFor(zone);
  const store = createMemoryStore();
  await store.set(endpoints.login, emulator.refreshTokens[zone]);
  const client = createClient(services, endpoints, {
    grant: 'refresh_token',
    refreshToken: emulator.refreshTokens[zone],
  });
  const session: Session = {
    generation: 0,
    endpoints,
    endpointsFor,
    tokenSource: 'sandbox',
    client,
    store,
    preferences: createMemoryPreferences(),
    sandbox: true,
    initialOrgId: invocation.org,
    services,
  };
  return {
    session,
    dispose: async () => {
      await client.close();
      await emulator.close();
    },
  };
}
