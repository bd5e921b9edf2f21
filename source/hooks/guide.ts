/**
 * useGuideRecipe: the guided flow's create → grant → mint, one request at a time, each step's
 * state reported as it happens. It remembers what already exists, so running it again after a
 * failure resumes at the failed step: a retried grant never creates a second account, and a
 * minted client is never minted twice. `undo()` deletes the half-made account (its clients and
 * access rules go with it, API.md §6.2).
 *
 * The minted secret leaves through the promise `run()` returns, once; it never enters React state,
 * a query or a mutation cache (useMintClientIn hands it over once).
 */
import {useMutation, useQueryClient} from '@tanstack/react-query';
import {useCallback, useRef, useState} from 'react';
import {serviceAccountRef} from '../api/refs.js';
import type {ServiceAccount, ServiceAccountClient} from '../api/schemas.js';
import {useFlexeraClient} from './api-provider.js';
import {
  useCreateServiceAccount,
  useDeleteServiceAccount,
  useMintClientIn,
  type ServiceAccountInput,
} from './mutations.js';
import {queryKeys} from './query-keys.js';

export interface RecipePlan {
  readonly input: ServiceAccountInput;
  /** Role names granted at org scope, in this order. */
  readonly roles: readonly string[];
}

type RecipeStepKind = 'create' | 'grant' | 'mint';

export interface RecipeStep {
  readonly kind: RecipeStepKind;
  /** For a grant. */
  readonly roleName?: string;
  readonly status: 'pending' | 'running' | 'done' | 'failed';
  /** For a failed step. */
  readonly error?: unknown;
}

/** What exists on the server because of this run (never the secret). */
export interface RecipeMade {
  readonly account?: ServiceAccount;
  readonly granted: readonly string[];
  readonly client?: ServiceAccountClient;
}

export interface RecipeState extends RecipeMade {
  readonly running: boolean;
  /** The step under way. */
  readonly current?: {kind: RecipeStepKind; roleName?: string};
  /** The step that failed last (cleared when a run starts). */
  readonly failure?: {kind: RecipeStepKind; roleName?: string; error: unknown};
}

const EMPTY: RecipeState = {running: false, granted: []};

/** The plan's steps with their status in this state (pure; what the screen lists). */
export function recipeSteps(plan: RecipePlan, state: RecipeState): RecipeStep[] {
  const statusOf = (
    kind: RecipeStepKind,
    done: boolean,
    roleName?: string,
  ): Pick<RecipeStep, 'status' | 'error'> => {
    if (done) return {status: 'done'};
    const same = (step?: {kind: RecipeStepKind; roleName?: string}) =>
      step?.kind === kind && step.roleName === roleName;
    if (state.running && same(state.current)) return {status: 'running'};
    if (!state.running && state.failure && same(state.failure)) {
      return {status: 'failed', error: state.failure.error};
    }
    return {status: 'pending'};
  };
  return [
    {kind: 'create', ...statusOf('create', state.account !== undefined)},
    ...plan.roles.map((roleName) => ({
      kind: 'grant' as const,
      roleName,
      ...statusOf('grant', state.granted.includes(roleName), roleName),
    })),
    {kind: 'mint', ...statusOf('mint', state.client !== undefined)},
  ];
}

export function useGuideRecipe(orgId: number) {
  const client = useFlexeraClient();
  const queryClient = useQueryClient();
  const create = useCreateServiceAccount(orgId);
  const remove = useDeleteServiceAccount(orgId);
  const grant = useMutation({
    mutationFn: (variables: {accountId: number; roleName: string}) =>
      client.grantRole(orgId, {
        role: {name: variables.roleName},
        subjectRef: serviceAccountRef(variables.accountId),
      }),
    onSettled: () => queryClient.invalidateQueries({queryKey: queryKeys.accessRules(orgId)}),
  });
  const minter = useMintClientIn(orgId);

  // The truth, updated synchronously: keys can arrive before React re-renders.
  const made = useRef<{account?: ServiceAccount; granted: string[]; client?: ServiceAccountClient}>(
    {granted: []},
  );
  const busy = useRef(false);
  const [state, setState] = useState<RecipeState>(EMPTY);
  /** What exists and what runs now; `failure` is kept unless given. */
  const publish = (extra: Pick<RecipeState, 'current'> & Partial<Pick<RecipeState, 'failure'>>) =>
    setState((previous) => ({
      account: made.current.account,
      granted: [...made.current.granted],
      client: made.current.client,
      running: busy.current,
      current: extra.current,
      failure: 'failure' in extra ? extra.failure : previous.failure,
    }));

  /**
   * Runs what is left of the plan: create (unless the account exists), each grant not yet done,
   * mint (unless a client was minted). Stops at the first failure. Resolves with the secret when
   * this call minted the client; otherwise undefined.
   */
  const run = useCallback(
    async (plan: RecipePlan): Promise<{clientSecret: string} | undefined> => {
      if (busy.current) return undefined;
      busy.current = true;
      const now = made.current;
      let step: {kind: RecipeStepKind; roleName?: string} = {kind: 'create'};
      publish({current: undefined, failure: undefined});
      try {
        if (!now.account) {
          publish({current: step});
          now.account = await create.mutateAsync(plan.input);
        }
        const accountId = now.account.id;
        for (const roleName of plan.roles) {
          if (now.granted.includes(roleName)) continue;
          step = {kind: 'grant', roleName};
          publish({current: step});
          await grant.mutateAsync({accountId, roleName});
          now.granted.push(roleName);
        }
        if (now.client) return undefined;
        step = {kind: 'mint'};
        publish({current: step});
        const minted = await minter.mint(accountId);
        now.client = minted.client;
        return {clientSecret: minted.clientSecret};
      } catch (error) {
        busy.current = false;
        publish({current: undefined, failure: {...step, error}});
        return undefined;
      } finally {
        if (busy.current) {
          busy.current = false;
          publish({current: undefined});
        }
      }
    },
    // publish reads refs only; the mutations' mutateAsync are stable.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [create.mutateAsync, grant.mutateAsync, minter.mint],
  );

  /** Deletes the account this run created (with its clients and rules); then nothing is left. */
  const undo = useCallback(async (): Promise<void> => {
    const account = made.current.account;
    if (!account || busy.current) return;
    busy.current = true;
    publish({current: undefined});
    try {
      await remove.mutateAsync({id: account.id});
      made.current = {granted: []};
      busy.current = false;
      publish({current: undefined, failure: undefined});
    } finally {
      if (busy.current) {
        busy.current = false;
        publish({current: undefined});
      }
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [remove.mutateAsync]);

  return {
    state,
    run,
    undo,
    undoing: remove.isPending,
    undoError: remove.error,
    resetUndo: remove.reset,
  };
}
