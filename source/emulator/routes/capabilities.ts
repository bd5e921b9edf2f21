import {capabilityView} from '../capabilities.js';
import type {Ctx} from '../context.js';
import {enumQuery, intParam, json} from '../context.js';
import {notFound} from '../goa.js';
import {PRIVILEGE} from '../privileges.js';
import type {Route} from '../router.js';

/** `GET …/capabilities` → a bare array (API.md §12.5); `view=index` keeps the five index fields. */
function list(ctx: Ctx) {
  const orgId = intParam(ctx, 'orgId');
  const index = enumQuery(ctx, 'view', ['default', 'index']) === 'index';
  return json(
    (ctx.state.capabilities.get(orgId) ?? []).map((c) => capabilityView(orgId, c, index)),
  );
}

/** [I] 404 when the org does not hold that capability. */
function show(ctx: Ctx) {
  const orgId = intParam(ctx, 'orgId');
  const name = ctx.params.capabilityName ?? '';
  const found = (ctx.state.capabilities.get(orgId) ?? []).find((c) => c.name === name);
  if (!found) throw notFound(`org ${orgId} does not have the capability "${name}"`);
  return json(capabilityView(orgId, found, false));
}

export const capabilityRoutes: Route[] = [
  {
    method: 'GET',
    path: '/iam/v1/orgs/{orgId}/capabilities',
    privilege: PRIVILEGE.capabilityIndex,
    handler: list,
  },
  {
    method: 'GET',
    path: '/iam/v1/orgs/{orgId}/capabilities/{capabilityName:str}',
    privilege: PRIVILEGE.capabilityShow,
    handler: show,
  },
];
