/**
 * No-downtime rotation as phases (API.md §6.3: "a new client must be generated and supplied to the
 * running application … before the previous client is deleted"), what is live in each, and the
 * curl equivalents. Pure.
 */
import type {VerifyCall} from '../../api/verify.js';
import type {CurlEndpoints} from '../../curl/index.js';
import {curlBlocksText, curlWithVariables, type CurlBlock} from '../guide/curl.js';

/**
 * `retire`: at 2 clients, which one goes first (before anything is minted);
 * `mint` → `handoff` → `verify` → `switch` (the user says the application uses the new one) →
 * `delete` (the old one, after confirming) → `done`.
 */
export type RotatePhase = 'retire' | 'mint' | 'handoff' | 'verify' | 'switch' | 'delete' | 'done';

const STEPS: Readonly<Record<Exclude<RotatePhase, 'retire'>, {n: number; title: string}>> = {
  mint: {n: 1, title: 'Mint a second client'},
  handoff: {n: 2, title: 'Hand off the new client'},
  verify: {n: 3, title: 'Verify the new client'},
  switch: {n: 4, title: 'Switch the application to it'},
  delete: {n: 5, title: 'Delete the old client'},
  done: {n: 5, title: 'Done'},
};
const ROTATE_STEP_COUNT = 5;

/** "Step 2 of 5 · Hand off the new client"; the retire question comes before step 1. */
export function rotateStepLine(phase: RotatePhase): string {
  if (phase === 'retire') return 'Before rotating: make room for the new client';
  const step = STEPS[phase];
  return `Step ${step.n} of ${ROTATE_STEP_COUNT} · ${step.title}`;
}

/** What is live at this moment, in one sentence. */
export function liveLine(
  phase: RotatePhase,
  ids: {old?: string; new?: string; all?: readonly string[]},
): string {
  const old = ids.old ?? '?';
  switch (phase) {
    case 'retire':
      return `Live now: ${(ids.all ?? []).join(' and ')} (2 of 2 clients: one must go before a new one can be minted).`;
    case 'mint':
      return `Live now: ${old} (your application uses it).`;
    case 'handoff':
    case 'verify':
      return `Live now: ${old} (in use) and ${ids.new ?? '?'} (new, not in use yet): both work.`;
    case 'switch':
      return `Live now: ${old} and ${ids.new ?? '?'}: both work while the application switches.`;
    case 'delete':
      return `Live now: ${old} and ${ids.new ?? '?'}; you said the application uses ${ids.new ?? '?'}.`;
    case 'done':
      return `Live now: ${ids.new ?? '?'} only. ${old} was deleted: its credentials are refused.`;
  }
}

/** The rotation as curl: mint, the new client's token, the verify call, delete the old one. */
export function rotateCurlText(
  endpoints: CurlEndpoints,
  input: {
    orgId: number;
    accountId: number;
    oldClientId?: string;
    newClientId?: string;
    call: VerifyCall;
    /** At 2 clients: the one chosen to retire first. */
    retire?: string;
  },
): string {
  const {orgId, accountId} = input;
  const blocks: CurlBlock[] = [];
  if (input.retire !== undefined) {
    const clientId = input.retire;
    blocks.push({
      command: curlWithVariables(
        endpoints,
        () => ({kind: 'delete-client', orgId, serviceAccountId: accountId, clientId}),
        {accountId, clientId},
      ),
      after: ['First: retire one of the two clients, to make room.'],
    });
  }
  const ids = {accountId, clientId: input.newClientId};
  blocks.push(
    {
      command: curlWithVariables(
        endpoints,
        () => ({kind: 'mint-client', orgId, serviceAccountId: accountId}),
        ids,
      ),
      after:
        input.newClientId === undefined
          ? [
              'Then: CLIENT_ID=<clientId from the answer>; CLIENT_SECRET=<clientSecret>, kept secret',
            ]
          : [`It answered with the client ${input.newClientId}.`],
    },
    {
      command: curlWithVariables(
        endpoints,
        ({clientId}) => ({kind: 'client-credentials-exchange', clientId}),
        ids,
      ),
    },
    {
      command: curlWithVariables(endpoints, () => ({kind: 'verify', orgId, call: input.call}), ids),
      after: ['Only once the application uses the new client:'],
    },
  );
  if (input.oldClientId !== undefined) {
    const clientId = input.oldClientId;
    blocks.push({
      command: curlWithVariables(
        endpoints,
        () => ({kind: 'delete-client', orgId, serviceAccountId: accountId, clientId}),
        {accountId, clientId},
      ),
    });
  }
  return curlBlocksText(blocks);
}
