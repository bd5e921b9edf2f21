import type {Ctx} from '../context.js';
import {intParam, json} from '../context.js';
import {PRIVILEGE} from '../privileges.js';
import type {Route} from '../router.js';
import {projectView} from '../views.js';

/** A plain array (API.md §6.8). */
function list(ctx: Ctx) {
  return json(
    ctx.state
      .projectsIn(intParam(ctx, 'orgId'))
      .map((p) => projectView(ctx.state, p, ctx.zone.origin)),
  );
}

export const projectRoutes: Route[] = [
  {
    method: 'GET',
    path: '/iam/v1/orgs/{orgId}/projects',
    privilege: PRIVILEGE.projectIndex,
    handler: list,
  },
];
