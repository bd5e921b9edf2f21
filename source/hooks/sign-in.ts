/**
 * Sign-in: exchange a pasted refresh token at a zone's login host, find the zone it belongs to when
 * it is refused, keep it in the session's secret store, then replace the session.
 *
 * Deliberately not TanStack Query: the token must never sit in a query key, a cache or mutation
 * variables. It lives in a ref here from submit() until the session is replaced or the attempt is
 * abandoned (cancel, unmount), and nowhere else.
 */
import {useCallback, useEffect, useRef, useState} from 'react';
import type {FlexeraClient} from '../api/client.js';
import type {ApiError} from '../api/errors.js';
import {isSessionTokenRefused} from '../errors/describe.js';
import {ZONE_IDS, type Endpoints, type ZoneId} from '../api/zones.js';
import {
  KeychainUnavailableError,
  ReadOnlyStoreError,
  TOKEN_ENV_VAR,
  createMemoryStore,
  keychainAccount,
  problemFor,
  type KeychainProblem,
  type SecretStore,
} from '../secrets/index.js';
import {
  createClient,
  nextSession,
  useReplaceSession,
  useSession,
  type ClientServices,
  type Session,
} from '../session.js';

/** What one zone's login host said about the token. */
type ZoneVerdict = 'checking' | 'works' | 'refused' | 'unreachable';

export interface ZoneProbe {
  zone: ZoneId;
  endpoints: Endpoints;
  verdict: ZoneVerdict;
  /** Why it is unreachable (NetworkError, TimeoutError, a 5xx …). */
  error?: unknown;
}

/** Why the store could not keep a token that works; the user chooses what happens next. */
interface StoreProblem {
  reason: string;
  action: string;
  /** Set when it was the keychain that failed (kept in the next session for the footer/status). */
  keychain?: KeychainProblem;
}

export type SignInState =
  | {step: 'idle'}
  | {step: 'checking'; endpoints: Endpoints}
  /** `where`: the store's own description ("memory (this session only)"). */
  | {step: 'storing'; endpoints: Endpoints; where: string}
  | {step: 'refused'; endpoints: Endpoints; error: ApiError}
  | {step: 'failed'; endpoints: Endpoints; error: unknown}
  | {step: 'probing'; endpoints: Endpoints; probes: ZoneProbe[]}
  | {step: 'store-problem'; endpoints: Endpoints; problem: StoreProblem};

export interface SignIn {
  readonly state: SignInState;
  /** Exchange `token` (already cleaned) at `endpoints`; on success keep it and sign in. */
  submit(endpoints: Endpoints, token: string): void;
  /** After a failure that may pass (network, 5xx): the same token, the same zone, again. */
  retry(): void;
  /** After a refusal: exchange the same token at every other zone the session knows. */
  tryOtherZones(): void;
  /** Sign in at a zone where the token works (from tryOtherZones). */
  switchTo(endpoints: Endpoints): void;
  /** The store failed: keep the token in memory for this session only. */
  keepForSession(): void;
  /** Drop the token and any pending attempt; back to idle. */
  cancel(): void;
}

/** The endpoints a zone would use in this session (undefined: unknown with custom origins). */
export function endpointsForZone(session: Session, zone: ZoneId): Endpoints | undefined {
  return zone === session.endpoints.zone ? session.endpoints : session.endpointsFor(zone);
}

/** Exchanges the token at `endpoints` (access token, then identity). The caller owns the client. */
async function exchange(
  services: ClientServices,
  endpoints: Endpoints,
  refreshToken: string,
  signal: AbortSignal,
): Promise<FlexeraClient> {
  const client = createClient(services, endpoints, {grant: 'refresh_token', refreshToken});
  try {
    await client.tokens.getAccessToken({signal});
    await client.tokens.identity({signal});
    return client;
  } catch (error) {
    void client.close();
    throw error;
  }
}

/** The store's failure in words; never its raw message with the token in it. */
function storeProblem(error: unknown, store: SecretStore, token: string): StoreProblem {
  if (error instanceof KeychainUnavailableError) {
    return {reason: error.problem.reason, action: error.problem.action, keychain: error.problem};
  }
  if (error instanceof ReadOnlyStoreError || store.kind === 'env') {
    return {
      reason: `${TOKEN_ENV_VAR} is set, so this run takes its token from the environment and cannot store another one`,
      action: `Change or unset ${TOKEN_ENV_VAR} to keep a token in the keychain.`,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  const problem = problemFor('unknown', {cause: message.split(token).join('[redacted]')});
  return {reason: problem.reason, action: problem.action, keychain: problem};
}

export function useSignIn(): SignIn {
  const session = useSession();
  const replaceSession = useReplaceSession();
  const [state, setState] = useState<SignInState>({step: 'idle'});
  const token = useRef<string | undefined>(undefined);
  /** Bumped by every new attempt: answers of an older one are ignored (and their clients closed). */
  const run = useRef(0);
  const abort = useRef<AbortController | undefined>(undefined);
  /** A client whose token works, waiting for the user's answer to a store problem. */
  const pending = useRef<{client: FlexeraClient; endpoints: Endpoints} | undefined>(undefined);
  // The latest session, for async continuations.
  const sessionRef = useRef(session);
  sessionRef.current = session;

  /** Ends whatever attempt is in flight or waiting: its answers are ignored, its client closed. */
  const stop = useCallback(() => {
    abort.current?.abort();
    abort.current = undefined;
    run.current += 1;
    if (pending.current) void pending.current.client.close();
    pending.current = undefined;
  }, []);

  const begin = useCallback((): {id: number; signal: AbortSignal} => {
    stop();
    const controller = new AbortController();
    abort.current = controller;
    return {id: run.current, signal: controller.signal};
  }, [stop]);

  const finish = useCallback(
    (
      endpoints: Endpoints,
      client: FlexeraClient,
      changes: Pick<Session, 'tokenSource'> & Partial<Pick<Session, 'store' | 'keychainProblem'>>,
    ) => {
      const current = sessionRef.current;
      token.current = undefined;
      pending.current = undefined;
      try {
        current.preferences.setZone(endpoints.zone);
      } catch {
        // A broken preferences file is reported by the commands that read it; sign-in goes on.
      }
      replaceSession(nextSession(current, {endpoints, client, ...changes}));
    },
    [replaceSession],
  );

  const check = useCallback(
    (endpoints: Endpoints) => {
      const secret = token.current;
      if (secret === undefined) {
        setState({step: 'idle'});
        return;
      }
      const {id, signal} = begin();
      setState({step: 'checking', endpoints});
      void (async () => {
        let client: FlexeraClient;
        try {
          client = await exchange(sessionRef.current.services, endpoints, secret, signal);
        } catch (error) {
          if (id !== run.current) return;
          setState(
            isSessionTokenRefused(error)
              ? {step: 'refused', endpoints, error}
              : {step: 'failed', endpoints, error},
          );
          return;
        }
        if (id !== run.current) {
          void client.close();
          return;
        }
        const store = sessionRef.current.store;
        setState({step: 'storing', endpoints, where: store.describe()});
        try {
          await store.set(keychainAccount(endpoints), secret);
        } catch (error) {
          if (id !== run.current) {
            void client.close();
            return;
          }
          // Never a silent fall-back: the user decides (memory for this session, or cancel).
          pending.current = {client, endpoints};
          setState({step: 'store-problem', endpoints, problem: storeProblem(error, store, secret)});
          return;
        }
        if (id !== run.current) {
          void client.close();
          return;
        }
        finish(
          endpoints,
          client,
          store.kind === 'keychain'
            ? // The keychain took it: whatever problem it had at start is gone.
              {tokenSource: 'keychain', keychainProblem: undefined}
            : {tokenSource: 'session'},
        );
      })();
    },
    [begin, finish],
  );

  const submit = useCallback(
    (endpoints: Endpoints, secret: string) => {
      token.current = secret;
      check(endpoints);
    },
    [check],
  );

  const retry = useCallback(() => {
    if (state.step === 'failed') check(state.endpoints);
  }, [check, state]);

  const tryOtherZones = useCallback(() => {
    const secret = token.current;
    if (state.step !== 'refused' || secret === undefined) return;
    const current = sessionRef.current;
    const refusedAt = state.endpoints;
    const others: ZoneProbe[] = [];
    for (const zone of ZONE_IDS) {
      if (zone === refusedAt.zone) continue;
      const endpoints = endpointsForZone(current, zone);
      if (endpoints) others.push({zone, endpoints, verdict: 'checking'});
    }
    const {id, signal} = begin();
    setState({
      step: 'probing',
      endpoints: refusedAt,
      probes: [{zone: refusedAt.zone, endpoints: refusedAt, verdict: 'refused'}, ...others],
    });
    for (const probe of others) {
      const settle = (verdict: ZoneVerdict, error?: unknown) => {
        if (id !== run.current) return;
        setState((previous) =>
          previous.step === 'probing'
            ? {
                ...previous,
                probes: previous.probes.map((p) =>
                  p.zone === probe.zone ? {...p, verdict, error} : p,
                ),
              }
            : previous,
        );
      };
      exchange(current.services, probe.endpoints, secret, signal).then(
        (client) => {
          // Switching exchanges again (and shows it); this client was only the probe.
          void client.close();
          settle('works');
        },
        (error: unknown) => settle(isSessionTokenRefused(error) ? 'refused' : 'unreachable', error),
      );
    }
  }, [begin, state]);

  const switchTo = useCallback((endpoints: Endpoints) => check(endpoints), [check]);

  const keepForSession = useCallback(() => {
    const secret = token.current;
    const waiting = pending.current;
    if (state.step !== 'store-problem' || secret === undefined || waiting === undefined) return;
    const problem = state.problem;
    const id = run.current;
    const store = createMemoryStore();
    setState({step: 'storing', endpoints: waiting.endpoints, where: store.describe()});
    void store.set(keychainAccount(waiting.endpoints), secret).then(() => {
      if (id !== run.current) return;
      finish(waiting.endpoints, waiting.client, {
        tokenSource: 'session',
        store,
        ...(problem.keychain ? {keychainProblem: problem.keychain} : {}),
      });
    });
  }, [finish, state]);

  const cancel = useCallback(() => {
    stop();
    token.current = undefined;
    setState({step: 'idle'});
  }, [stop]);

  // Leaving the screen drops the token and anything still in flight.
  useEffect(
    () => () => {
      stop();
      token.current = undefined;
    },
    [stop],
  );

  return {state, submit, retry, tryOtherZones, switchTo, keepForSession, cancel};
}
