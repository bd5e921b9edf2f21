/**
 * "Teach the API" for the guided flow and rotation: the whole recipe as curl commands, secrets only
 * as $ACCESS_TOKEN / $CLIENT_SECRET. Ids that do not exist yet are shell variables
 * ($SERVICE_ACCOUNT_ID, $CLIENT_ID), so the recipe is a script that runs as shown once the user
 * sets them from the answers (the comments say where each comes from).
 */
import {serviceAccountRef} from '../../api/refs.js';
import type {VerifyCall} from '../../api/verify.js';
import {curlFor, type CurlAction, type CurlCommand, type CurlEndpoints} from '../../curl/index.js';
import type {CurlBlock} from '../../curl/script.js';

export {curlBlocksText, type CurlBlock} from '../../curl/script.js';

const ACCOUNT_ID_VARIABLE = 'SERVICE_ACCOUNT_ID';
const CLIENT_ID_VARIABLE = 'CLIENT_ID';

// Stand-ins for ids that do not exist yet. curlFor single-quotes every value (curl/quote.ts), so a
// stand-in is always inside single quotes, where `'"$NAME"'` splices the variable in.
const ACCOUNT_ID_STAND_IN = 9_876_543_210_123;
const CLIENT_ID_STAND_IN = 'flexera-sa-client-id-stand-in';

function splice(command: string, standIn: string, variable: string): string {
  return command.split(standIn).join(`'"$${variable}"'`);
}

/** A curl command for an action; ids left undefined become $SERVICE_ACCOUNT_ID / $CLIENT_ID. */
export function curlWithVariables(
  endpoints: CurlEndpoints,
  build: (ids: {accountId: number; clientId: string}) => CurlAction,
  ids: {accountId?: number; clientId?: string},
): CurlCommand {
  const action = build({
    accountId: ids.accountId ?? ACCOUNT_ID_STAND_IN,
    clientId: ids.clientId ?? CLIENT_ID_STAND_IN,
  });
  const command = curlFor(endpoints, action);
  let text = command.command;
  if (ids.accountId === undefined) {
    text = splice(text, String(ACCOUNT_ID_STAND_IN), ACCOUNT_ID_VARIABLE);
  }
  if (ids.clientId === undefined) text = splice(text, CLIENT_ID_STAND_IN, CLIENT_ID_VARIABLE);
  return {...command, command: text};
}

export interface RecipeCurlInput {
  readonly orgId: number;
  readonly name: string;
  readonly description?: string;
  readonly roles: readonly string[];
  /** Known once created / minted; until then the commands use shell variables. */
  readonly accountId?: number;
  readonly clientId?: string;
  /** Adds the call that proves the roles work, with the client's token. */
  readonly verifyCall?: VerifyCall;
}

/**
 * The guided recipe, every step of the community article: your access token, create, show the
 * account, list the roles, grant each role, mint, the client's token exchange, and the call that
 * proves the roles work (the article's users call unless the roles call for another).
 */
export function recipeCurlBlocks(endpoints: CurlEndpoints, input: RecipeCurlInput): CurlBlock[] {
  const {orgId} = input;
  const ids = {accountId: input.accountId, clientId: input.clientId};
  const blocks: CurlBlock[] = [
    {command: curlFor(endpoints, {kind: 'refresh-token-exchange'})},
    {
      command: curlWithVariables(
        endpoints,
        () => ({
          kind: 'create-service-account',
          orgId,
          name: input.name,
          ...(input.description === undefined ? {} : {description: input.description}),
        }),
        ids,
      ),
      after:
        input.accountId === undefined
          ? [`Then: ${ACCOUNT_ID_VARIABLE}=<the number at the end of that Location header>`]
          : [`It answered with id ${input.accountId}.`],
    },
    {
      command: curlWithVariables(
        endpoints,
        ({accountId}) => ({kind: 'show-service-account', orgId, serviceAccountId: accountId}),
        ids,
      ),
    },
    {
      command: curlFor(endpoints, {kind: 'list-roles', orgId}),
      after: ['Each role is granted by its name, as below.'],
    },
    ...input.roles.map((roleName) => ({
      command: curlWithVariables(
        endpoints,
        ({accountId}) => ({
          kind: 'grant-role',
          orgId,
          role: {name: roleName},
          subjectRef: serviceAccountRef(accountId),
        }),
        ids,
      ),
    })),
    {
      command: curlWithVariables(
        endpoints,
        ({accountId}) => ({kind: 'mint-client', orgId, serviceAccountId: accountId}),
        ids,
      ),
      after: [
        input.clientId === undefined
          ? `Then: ${CLIENT_ID_VARIABLE}=<clientId from the answer>; CLIENT_SECRET=<clientSecret>, kept secret`
          : 'Keep clientSecret from the answer secret: it is shown only this once.',
      ],
    },
    {
      command: curlWithVariables(
        endpoints,
        ({clientId}) => ({kind: 'client-credentials-exchange', clientId}),
        ids,
      ),
    },
  ];
  blocks.push({
    command: curlFor(endpoints, {kind: 'verify', orgId, call: input.verifyCall ?? 'users'}),
  });
  return blocks;
}

/** Undo of a half-made account: delete it (its clients and rules go with it). */
export function undoCurlBlock(
  endpoints: CurlEndpoints,
  orgId: number,
  accountId: number,
): CurlBlock {
  return {
    command: curlFor(endpoints, {
      kind: 'delete-service-account',
      orgId,
      serviceAccountId: accountId,
    }),
  };
}
