import type {Core, Ctx} from '../context.js';
import {json, noContent} from '../context.js';
import {badRequest} from '../goa.js';
import {PRIVILEGE} from '../privileges.js';
import type {Route} from '../router.js';
import {newClientSecret} from '../secrets.js';
import {clientView} from '../views.js';
import {findClient} from './clients.js';

/**
 * Secrets of an existing client (API.md §12.3: SPEC-MERGED, not in SPEC 1.1.0). Rotate adds a
 * secret and keeps the client id; DeleteOldSecret removes the older one; the list is masked.
 *
 * The emulator's choices where the sources are silent [I, §12.3]:
 * - at most MAX_SECRETS_PER_CLIENT active secrets; a rotate beyond that → 400 (409 is not declared);
 * - DeleteOldSecret with a single secret → 400: it would leave the client without one;
 * - every listed secret has status "active"; the mask is `****` and the last 4 characters;
 * - privileges as the other client operations (create / delete / index);
 * - access tokens minted with a deleted secret live on until they expire;
 * - `X-Recipient-Public-Key` is ignored, as on client create: the secret comes back in clear.
 * `forms.clientSecrets = false` answers 404 on all three, as a deployment without them.
 */
const MAX_SECRETS_PER_CLIENT = 2;

const present = (core: Core) => core.forms.clientSecrets;

function rotate(ctx: Ctx) {
  const client = findClient(ctx);
  if (client.secrets.length >= MAX_SECRETS_PER_CLIENT) {
    throw badRequest(
      `client ${client.clientId} already has ${MAX_SECRETS_PER_CLIENT} secrets, the maximum; delete the old secret before adding another`,
    );
  }
  const {secret, record} = newClientSecret(ctx.state.stamp(ctx.now));
  client.secrets.push(record);
  return json({...clientView(client), clientSecret: secret});
}

function deleteOld(ctx: Ctx) {
  const client = findClient(ctx);
  if (client.secrets.length < 2) {
    throw badRequest(
      `client ${client.clientId} has only one secret; add a new one first, or delete the client`,
    );
  }
  client.secrets.shift();
  return noContent();
}

function list(ctx: Ctx) {
  const client = findClient(ctx);
  return json({
    kind: 'iam:service-account-client-secret-list',
    values: client.secrets.map((secret) => ({
      kind: 'iam:service-account-client-secret',
      createdAt: secret.createdAt,
      maskedClientSecret: secret.masked,
      status: 'active',
    })),
  });
}

const CLIENT = '/iam/v1/orgs/{orgId}/service-accounts/{serviceAccountId}/clients/{clientId:str}';

export const clientSecretRoutes: Route[] = [
  {
    method: 'POST',
    path: `${CLIENT}/client-secret`,
    privilege: PRIVILEGE.serviceAccountClient('create'),
    present,
    handler: rotate,
  },
  {
    method: 'DELETE',
    path: `${CLIENT}/client-secret`,
    privilege: PRIVILEGE.serviceAccountClient('delete'),
    present,
    handler: deleteOld,
  },
  {
    method: 'GET',
    path: `${CLIENT}/client-secrets`,
    privilege: PRIVILEGE.serviceAccountClient('index'),
    present,
    handler: list,
  },
];
