import {randomBytes} from 'node:crypto';
import type {Ctx} from '../context.js';
import {actingUserId, json, noContent} from '../context.js';
import {badRequest, notFound} from '../goa.js';
import {PRIVILEGE} from '../privileges.js';
import type {Route} from '../router.js';
import {newClientSecret} from '../secrets.js';
import type {Client} from '../state.js';
import {clientView} from '../views.js';
import {serviceAccountOf} from './service-accounts.js';

/** "A maximum of 2 service account clients may exist for each service account" (API.md §6.3). */
const MAX_CLIENTS = 2;

export function findClient(ctx: Ctx): Client {
  const sa = serviceAccountOf(ctx);
  const client = ctx.state.clients.get(ctx.params.clientId ?? '');
  if (!client || client.serviceAccountId !== sa.id)
    throw notFound('service account client not found');
  return client;
}

function list(ctx: Ctx) {
  const sa = serviceAccountOf(ctx);
  return json(ctx.state.clientsOf(sa.id).map(clientView));
}

/**
 * POST with no body → 201 with the secret, the only time it is shown (API.md §6.3). The body, if
 * any, is ignored. [I] The 3rd client gets 400 bad_request. [I] `X-Recipient-Public-Key` is
 * ignored: the secret comes back in clear.
 */
function create(ctx: Ctx) {
  const sa = serviceAccountOf(ctx);
  if (ctx.state.clientsOf(sa.id).length >= MAX_CLIENTS) {
    throw badRequest(
      `service account ${sa.id} already has ${MAX_CLIENTS} clients, the maximum; delete one before creating another`,
    );
  }
  const createdAt = ctx.state.stamp(ctx.now);
  const {secret, record} = newClientSecret(createdAt);
  const client: Client = {
    clientId: randomBytes(12).toString('hex'),
    orgId: sa.orgId,
    serviceAccountId: sa.id,
    secrets: [record],
    createdBy: actingUserId(ctx),
    createdAt,
  };
  ctx.state.clients.set(client.clientId, client);
  const view = clientView(client);
  return json(
    {
      clientId: view.clientId,
      clientSecret: secret,
      createdBy: view.createdBy,
      createdAt: view.createdAt,
      kind: view.kind,
    },
    201,
  );
}

function show(ctx: Ctx) {
  return json(clientView(findClient(ctx)));
}

/** Its credentials stop working at once, and so do access tokens minted with them (tokens.ts). */
function remove(ctx: Ctx) {
  ctx.state.clients.delete(findClient(ctx).clientId);
  return noContent();
}

const BASE = '/iam/v1/orgs/{orgId}/service-accounts/{serviceAccountId}/clients';

export const clientRoutes: Route[] = [
  {method: 'GET', path: BASE, privilege: PRIVILEGE.serviceAccountClient('index'), handler: list},
  {
    method: 'POST',
    path: BASE,
    privilege: PRIVILEGE.serviceAccountClient('create'),
    handler: create,
  },
  {
    method: 'GET',
    path: `${BASE}/{clientId:str}`,
    privilege: PRIVILEGE.serviceAccountClient('show'),
    handler: show,
  },
  {
    method: 'DELETE',
    path: `${BASE}/{clientId:str}`,
    privilege: PRIVILEGE.serviceAccountClient('delete'),
    handler: remove,
  },
];
