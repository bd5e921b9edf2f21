/**
 * No-downtime rotation as phases (API.md §6.3: "a new client must be generated and supplied to the
 * running application … before the previous client is deleted"), what is live in each, and the
 * curl equivalents. Pure.
 */
import type {VerifyCall} from '../../api/verify.js';
import type {CurlEndpoints} from '../../curl/index.js';
import {curlFor} from '../../curl/index.js';
import {curlBlocksText, curlWithVariables, type CurlBlock} from '../guide/curl.js';
import type {RotateMode} from './state.js';

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
const IN_PLACE_TITLES: Readonly<Record<Exclude<RotatePhase, 'retire'>, string>> = {
  mint: 'Add a second secret to the client',
  handoff: 'Hand off the new secret',
  verify: 'Verify the new secret',
  switch: 'Switch the application to it',
  delete: 'Delete the old secret',
  done: 'Done',
};
const ROTATE_STEP_COUNT = 5;

/** "Step 2 of 5 · Hand off the new client"; the retire question comes before step 1. */
export function rotateStepLine(phase: RotatePhase, mode?: RotateMode): string {
  if (phase === 'retire') return 'Before rotating: make room for the new client';
  const step = STEPS[phase];
  const title = mode === 'in-place' ? IN_PLACE_TITLES[phase] : step.title;
  return `Step ${step.n} of ${ROTATE_STEP_COUNT} · ${title}`;
}

/** What is live at this moment, in one sentence. */
export function liveLine(
  phase: RotatePhase,
  ids: {old?: string; new?: string; all?: readonly string[]},
  mode?: RotateMode,
): string {
  const old = ids.old ?? '?';
  if (mode === 'in-place') return liveLineInPlace(phase, old);
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

/** In place: one client, `clientId`, with one or two secrets. */
function liveLineInPlace(phase: RotatePhase, clientId: string): string {
  switch (phase) {
    case 'retire':
    case 'mint':
      return `Live now: client ${clientId} with its one secret (your application uses it).`;
    case 'handoff':
    case 'verify':
      return `Live now: client ${clientId} with 2 secrets: the old one (in use) and the new one (not in use yet): both work.`;
    case 'switch':
      return `Live now: client ${clientId} with both secrets: both work while the application switches.`;
    case 'delete':
      return `Live now: client ${clientId} with both secrets; you said the application uses the new one.`;
    case 'done':
      return `Live now: client ${clientId} with the new secret only. The old secret was deleted: it is refused.`;
  }
}

/**
 * Rotation in place as curl: the secrets, add one, the same client id's token with the new secret,
 * the verify call, delete the older secret, the secrets again.
 */
export function rotateInPlaceCurlText(
  endpoints: CurlEndpoints,
  input: {orgId: number; accountId: number; clientId: string; call: VerifyCall | undefined},
): string {
  const ref = {orgId: input.orgId, serviceAccountId: input.accountId, clientId: input.clientId};
  const list = curlFor(endpoints, {kind: 'list-client-secrets', ...ref});
  return curlBlocksText([
    {command: list},
    {
      command: curlFor(endpoints, {kind: 'add-client-secret', ...ref}),
      after: [
        'Then: CLIENT_SECRET=<clientSecret from the answer>, kept secret; the client id stays.',
      ],
    },
    {command: curlFor(endpoints, {kind: 'client-credentials-exchange', clientId: input.clientId})},
    {
      command: curlFor(endpoints, {kind: 'verify', orgId: input.orgId, call: input.call}),
      after: ['Only once the application uses the new secret:'],
    },
    {command: curlFor(endpoints, {kind: 'delete-old-client-secret', ...ref})},
    {command: list, after: ['One secret left: the new one.']},
  ]);
}

/** The rotation as curl: mint, the new client's token, the verify call, delete the old one. */
export function rotateCurlText(
  endpoints: CurlEndpoints,
  input: {
    orgId: number;
    accountId: number;
    oldClientId?: string;
    newClientId?: string;
    call: VerifyCall | undefined;
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
