/**
 * useVerifyClient: proves a client works (a client_credentials exchange at the zone's login host,
 * then one call its roles allow) and reports each step as it happens.
 *
 * The secret is an argument of `verify()` only: it never enters React state, a ref, or TanStack
 * Query (no query or mutation here at all), so nothing keeps it after the run.
 */
import {useCallback, useEffect, useMemo, useRef, useState} from 'react';
import type {Identity} from '../api/auth.js';
import type {HttpLogEvent} from '../api/http.js';
import {serviceAccountRef} from '../api/refs.js';
import {
  verifyClientCredentials,
  type VerifyCall,
  type VerifyResult,
  type VerifyStep,
} from '../api/verify.js';
import {rolesByName, verifyCallFor} from '../roles/index.js';
import {useSession} from '../session.js';
import {useAccessRules, useRoles} from './queries.js';

export {VERIFY_CALL_LABELS} from '../api/verify.js';
export type {VerifyCall, VerifyResult, VerifyStep} from '../api/verify.js';

/**
 * The call that verifies an existing account's clients, from the roles it holds on the org
 * (`verifyCallFor` decides). Undefined while its grants or the catalogue load; `roles` (which any
 * role allows) when they cannot be read.
 */
export function useVerifyCall(orgId: number, accountId: number): VerifyCall | undefined {
  const roles = useRoles(orgId);
  const rules = useAccessRules(orgId, serviceAccountRef(accountId));
  const held = useMemo(() => {
    if (roles.data === undefined || rules.data === undefined) return undefined;
    const byName = rolesByName(roles.data);
    return [...new Set(rules.data.map((rule) => rule.role.name))]
      .map((name) => byName.get(name))
      .filter((role) => role !== undefined);
  }, [roles.data, rules.data]);
  if (roles.isError || rules.isError) return 'roles';
  return held === undefined ? undefined : verifyCallFor(held);
}

export interface VerifyCredentials {
  clientId: string;
  clientSecret: string;
}

export interface VerifyProgress {
  status: 'idle' | 'running' | 'done';
  /** While running: the step under way. */
  current?: VerifyStep['step'];
  /** Steps finished so far (all of them once done). */
  steps: readonly VerifyStep[];
  /** Once done: both steps passed. */
  ok?: boolean;
  identity?: Identity;
  /** The client id the run was for (never the secret). */
  clientId?: string;
}

const IDLE: VerifyProgress = {status: 'idle', steps: []};

export interface UseVerifyClientOptions {
  /** Which call proves the roles work (`verifyCallFor` / `useVerifyCall` choose it). */
  call: VerifyCall;
}

export function useVerifyClient(orgId: number, options: UseVerifyClientOptions) {
  const session = useSession();
  const {endpoints, services} = session;
  const [progress, setProgress] = useState<VerifyProgress>(IDLE);
  const run = useRef<{id: number; abort: AbortController} | undefined>(undefined);
  const nextId = useRef(0);

  useEffect(
    () => () => {
      run.current?.abort.abort();
      run.current = undefined;
    },
    [],
  );

  const verify = useCallback(
    async (credentials: VerifyCredentials): Promise<VerifyResult | undefined> => {
      run.current?.abort.abort();
      const id = ++nextId.current;
      const abort = new AbortController();
      run.current = {id, abort};
      const live = () => run.current?.id === id;
      const {clientId} = credentials;
      setProgress({status: 'running', current: 'token', steps: [], clientId});
      // The token answer marks the end of step 1 (the result only arrives after both steps).
      const log = (event: HttpLogEvent) => {
        services.log?.(event);
        if (
          live() &&
          event.type === 'response' &&
          event.status === 200 &&
          event.method === 'POST' &&
          event.url.includes('/oidc/token')
        ) {
          setProgress((p) => (p.status === 'running' ? {...p, current: 'call'} : p));
        }
      };
      try {
        const result = await verifyClientCredentials(
          endpoints,
          clientId,
          credentials.clientSecret,
          {
            orgId,
            call: options.call,
            signal: abort.signal,
            env: services.env,
            log,
            onSecret: services.onSecret,
            onRetry: services.activity.reportRetry,
            timeoutMs: services.timeoutMs,
            retry: services.retry,
          },
        );
        if (!live()) return undefined;
        setProgress({
          status: 'done',
          steps: result.steps,
          ok: result.ok,
          identity: result.identity,
          clientId,
        });
        return result;
      } catch (error) {
        // verifyClientCredentials reports failures as steps; this is only an abort or a bug.
        if (!live()) return undefined;
        const err = error instanceof Error ? error : new Error(String(error));
        const steps: VerifyStep[] = [
          {step: 'token', label: 'verify the credentials', ok: false, error: err},
        ];
        setProgress({status: 'done', steps, ok: false, clientId});
        return {ok: false, steps};
      } finally {
        if (live()) run.current = undefined;
      }
    },
    [endpoints, services, orgId, options.call],
  );

  const reset = useCallback(() => {
    run.current?.abort.abort();
    run.current = undefined;
    setProgress(IDLE);
  }, []);

  return {progress, verify, reset, running: progress.status === 'running'};
}
