import type {Ctx} from '../context.js';
import {intParam, json, principalOf} from '../context.js';
import {forbidden, notFound} from '../goa.js';
import {PRIVILEGE} from '../privileges.js';
import type {Route} from '../router.js';
import {orgView, userOrgView} from '../views.js';

function showOrg(ctx: Ctx) {
  const org = ctx.state.orgs.get(intParam(ctx, 'orgId'));
  if (!org) throw notFound();
  return json(orgView(org));
}

/**
 * GET /users/{id}/orgs. [?] API.md §3.2: whether another user's id works is unknown; [I] only the
 * caller's own id answers, others get 403.
 */
function userOrgs(ctx: Ctx) {
  const principal = principalOf(ctx);
  const userId = intParam(ctx, 'id');
  if (principal.kind !== 'user' || principal.userId !== userId) {
    throw forbidden(
      'access token does not have sufficient privileges: only your own orgs can be listed',
    );
  }
  return json({
    kind: 'iam:user-org-list',
    values: ctx.state.userOrgs(userId).map((org) => userOrgView(ctx.state, org)),
  });
}

export const orgRoutes: Route[] = [
  {method: 'GET', path: '/iam/v1/orgs/{orgId}', privilege: PRIVILEGE.orgShow, handler: showOrg},
  {method: 'GET', path: '/iam/v1/users/{id}/orgs', userOnly: true, handler: userOrgs},
];
