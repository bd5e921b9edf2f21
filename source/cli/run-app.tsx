/**
 * Starts the interactive app: checks for a terminal, builds the session (sandbox or real), renders,
 * and cleans up. Everything the screens depend on is decided here and passed down (DESIGN.md).
 */
import {render} from 'ink';
import process from 'node:process';
import {App} from '../app.js';
import {EndpointError, resolveEndpoints, type Endpoints, type ZoneId} from '../api/zones.js';
import {
  ConfigError,
  createMemoryPreferences,
  preferencesPath,
  readConfigFile,
} from '../config/preferences.js';
import {openDebugLog, type DebugLog} from '../debug/index.js';
import {ExitCode} from '../exit-codes.js';
import {takeShownSecret, type ShownSecret} from '../handoff/shown-once.js';
import {reportCrash} from '../terminal/crash.js';
import {inertLines} from '../terminal/inert-output.js';
import {ActivityStore} from '../hooks/activity.js';
import {
  createKeychainStore,
  createMemoryStore,
  envToken,
  resolveTokenSource,
  type TokenSession,
} from '../secrets/index.js';
import type {KeytarSession} from '../secrets/keytar-host.js';
import type {FlexeraClient} from '../api/client.js';
import {createClient, type ClientServices, type Session} from '../session.js';
import type {Invocation} from './args.js';

const NO_TERMINAL_MESSAGE =
  'flexera-sa: the interactive app needs a terminal on stdin and stdout. ' +
  'In scripts use `flexera-sa login --with-token`, `status`, `logout` or `emulator` (see --help).\n';

/** Extra orgs for the sandbox's demo user (the benchmark's 2,000-org picker). */
const SANDBOX_EXTRA_ORGS_ENV = 'FLEXERA_SA_SANDBOX_EXTRA_ORGS';

/** What cli.tsx started before importing this chunk (early-keychain.ts). */
export interface EarlyStart {
  keychain?: Promise<KeytarSession>;
}

interface Prepared {
  session: Session;
  /**
   * The full session, while its token is read and the preferences file opened: `session` draws
   * the frame meanwhile (issue #15).
   */
  pending?: Promise<Session>;
  /** The client as soon as the token is known (before `pending`, which also waits for conf). */
  client?: Promise<FlexeraClient | undefined>;
  dispose: () => Promise<void>;
}

export async function runApp(invocation: Invocation, early: EarlyStart = {}): Promise<number> {
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
      : await prepareSession(invocation, services, early);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof EndpointError) {
      stderr.write(`flexera-sa: ${inertLines(error.message)}\n`);
      await debugLog?.close();
      return ExitCode.usage;
    }
    throw error;
  }
  // As soon as the token is known: the debug log learns its secrets, and the token exchange every
  // first screen needs starts (the org picker's identity), before that screen asks for it.
  const signedIn = (client: FlexeraClient | undefined) => {
    if (!client) return;
    if (debugLog) {
      for (const secret of client.tokens.secrets()) debugLog.addKnownSecret(secret);
    }
    client.tokens.identity().catch(() => undefined);
  };
  if (prepared.client) prepared.client.then(signedIn, () => undefined);
  else signedIn(prepared.session.client);

  let exitCode: number = ExitCode.ok;
  const instance = render(
    <App
      session={prepared.session}
      pendingSession={prepared.pending}
      onExit={(code) => (exitCode = code)}
    />,
    {exitOnCtrlC: false, patchConsole: false},
  );
  let failure: unknown;
  prepared.pending?.catch((error: unknown) => {
    failure = error;
    instance.unmount();
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
    if (crashed) debugLog?.write(`the app stopped: ${String(crashed.error)}`);
    await debugLog?.close();
  }
  if (crashed) {
    await reportCrash(crashed.error, {stdin, stdout, stderr}, crashed.secret);
    // 1, as cli.tsx's last resort for an unexpected error.
    return 1;
  }
  if (debugLog) {
    stderr.write(`flexera-sa: debug log (secrets redacted): ${inertLines(debugLog.path)}\n`);
  }
  if (failure instanceof ConfigError) {
    stderr.write(`flexera-sa: ${inertLines(failure.message)}\n`);
    return ExitCode.usage;
  }
  if (failure !== undefined) throw failure;
  return exitCode;
}

async function prepareSession(
  invocation: Invocation,
  services: ClientServices,
  early: EarlyStart,
): Promise<Prepared> {
  // The zone comes from the file read without conf: conf (with ajv, ≈100 ms here) loads while the
  // first frame is drawn and the token read (issue #15). A broken file is still refused here,
  // before anything is drawn. The sandbox never opens the file.
  const saved = readConfigFile(preferencesPath({env: process.env}))?.data;
  const zone: ZoneId = invocation.zone ?? saved?.zone ?? 'nam';
  // Remembered custom endpoints are not applied implicitly: a production tool that silently talks
  // to an old emulator address is worse than one that asks for --api-url again.
  const endpoints = resolveEndpoints({
    zone,
    apiUrl: invocation.apiUrl,
    loginUrl: invocation.loginUrl,
  });
  const keychain = invocation.keychain
    ? createKeychainStore({env: process.env, session: early.keychain})
    : undefined;
  let client: FlexeraClient | undefined;
  const tokenRead = resolveTokenSource({
    endpoints,
    env: process.env,
    noKeychain: !invocation.keychain,
    keychain,
  }).then((token) => {
    if (token.token) {
      client = createClient(services, endpoints, {
        grant: 'refresh_token',
        refreshToken: token.token,
      });
    }
    return token;
  });
  const opened = import('../config/file.js').then(({openPreferences}) =>
    openPreferences({env: process.env}),
  );
  const base = {
    generation: 0,
    endpoints,
    endpointsFor: (other: ZoneId) =>
      endpoints.custom ? (other === zone ? endpoints : undefined) : resolveEndpoints({zone: other}),
    sandbox: false,
    initialOrgId: invocation.org,
    services,
  };
  const pending = Promise.all([tokenRead, opened]).then(
    ([token, preferences]: [TokenSession, Session['preferences']]): Session => ({
      ...base,
      preferences,
      tokenSource: token.source,
      client,
      store: token.store,
      keychainProblem: token.problem,
    }),
  );
  const {schemaVersion: _version, ...snapshot} = saved ?? {schemaVersion: 0};
  const placeholder: Session = {
    ...base,
    // What the file said at start, for the first frame (the title of --org's screen).
    preferences: createMemoryPreferences(snapshot),
    tokenSource: envToken(process.env) !== undefined ? 'env' : keychain ? 'keychain' : 'none',
    client: undefined,
    store: keychain ?? createMemoryStore(),
  };
  return {
    session: placeholder,
    pending,
    client: tokenRead.then(() => client),
    // Not waiting for the token: quitting while the keychain hangs must not hang.
    dispose: async () => client?.close(),
  };
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
