/**
 * The session: everything decided at start (cli.tsx → run-app) that screens depend on — zone and
 * endpoints, where the token came from and where a new one is kept, the API client, preferences.
 * It is passed down through React context. When it changes at run time (sign-in, another zone,
 * the keychain lost) a new Session object replaces the old one through the same provider;
 * nothing patches it in place (DESIGN.md "Rules of the house").
 */
import {createContext, useContext, type ReactNode} from 'react';
import {FlexeraClient, type FlexeraClientOptions} from './api/client.js';
import type {HttpLogEvent} from './api/http.js';
import type {Endpoints, ZoneId} from './api/zones.js';
import type {Preferences} from './config/index.js';
import type {ActivityStore} from './hooks/activity.js';
import type {KeychainProblem, SecretStore} from './secrets/index.js';

/** Shown in the footer: where this session's refresh token came from. */
export type SessionTokenSource = 'keychain' | 'env' | 'session' | 'sandbox' | 'none';

export type Credentials = FlexeraClientOptions['credentials'];

/** What every client of this run shares: logging, retry notices, environment, timeouts. */
export interface ClientServices {
  env: Record<string, string | undefined>;
  activity: ActivityStore;
  log?: (event: HttpLogEvent) => void;
  /** Told of each secret a client learns (a minted client secret, a token): the debug log's. */
  onSecret?: (secret: string) => void;
  timeoutMs?: number;
  /** Tests shorten the retry policy; the app uses the client's default (the Flexera SDK's). */
  retry?: FlexeraClientOptions['retry'];
  /** Tests shorten how long a read stays fresh (hooks/query-client.ts, STALE_TIME_MS). */
  staleTimeMs?: number;
}

export interface Session {
  /** Increases with every replacement; keys the API provider so caches never cross sessions. */
  readonly generation: number;
  readonly endpoints: Endpoints;
  /**
   * The endpoints of another zone, for sign-in's "try the other zones": production hosts, the
   * sandbox's emulator origins, or undefined when custom origins make other zones unknown.
   */
  readonly endpointsFor: (zone: ZoneId) => Endpoints | undefined;
  readonly tokenSource: SessionTokenSource;
  /** Present once a refresh token is known (it may still be refused: the API says so). */
  readonly client?: FlexeraClient;
  /** Where sign-in keeps a new token (the keychain, or memory for --no-keychain / sandbox). */
  readonly store: SecretStore;
  /** Why the keychain could not be used, when it could not. */
  readonly keychainProblem?: KeychainProblem;
  readonly preferences: Preferences;
  readonly sandbox: boolean;
  /** --org: open this org at start. */
  readonly initialOrgId?: number;
  /** Why the previous session ended (e.g. the refresh token was revoked), shown at sign-in. */
  readonly notice?: string;
  readonly services: ClientServices;
}

/** One client per identity, wired to the run's shared services. */
export function createClient(
  services: ClientServices,
  endpoints: Endpoints,
  credentials: Credentials,
): FlexeraClient {
  return new FlexeraClient({
    endpoints,
    credentials,
    env: services.env,
    log: services.log,
    onSecret: services.onSecret,
    onRetry: services.activity.reportRetry,
    timeoutMs: services.timeoutMs,
    retry: services.retry,
  });
}

/** The next session: same run, new facts. The old client is closed by the caller. */
export function nextSession(
  previous: Session,
  changes: Partial<Omit<Session, 'generation' | 'services' | 'preferences' | 'endpointsFor'>>,
): Session {
  return {...previous, notice: undefined, ...changes, generation: previous.generation + 1};
}

interface SessionContextValue {
  session: Session;
  replaceSession: (next: Session) => void;
}

const SessionContext = createContext<SessionContextValue | undefined>(undefined);

export function SessionProvider(props: {
  session: Session;
  onReplace: (next: Session) => void;
  children: ReactNode;
}) {
  return (
    <SessionContext.Provider value={{session: props.session, replaceSession: props.onReplace}}>
      {props.children}
    </SessionContext.Provider>
  );
}

function useSessionContext(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession needs a <SessionProvider> above it');
  return value;
}

export function useSession(): Session {
  return useSessionContext().session;
}

export function useReplaceSession(): (next: Session) => void {
  return useSessionContext().replaceSession;
}
