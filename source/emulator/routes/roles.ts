import type {Ctx} from '../context.js';
import {enumQuery, intParam, json} from '../context.js';
import {notFound} from '../goa.js';
import {PRIVILEGE} from '../privileges.js';
import {ROLES, roleById} from '../roles.js';
import type {Route} from '../router.js';
import {roleView} from '../views.js';

const VIEWS = ['default', 'index', 'extended'];

/** A plain array (API.md §6.4); every org offers the whole catalogue [I]. */
function list(ctx: Ctx) {
  enumQuery(ctx, 'view', VIEWS);
  return json(ROLES.map(roleView));
}

function show(ctx: Ctx) {
  enumQuery(ctx, 'view', VIEWS);
  const role = roleById(intParam(ctx, 'id'));
  if (!role) throw notFound('role not found');
  return json(roleView(role));
}

export const roleRoutes: Route[] = [
  {
    method: 'GET',
    path: '/iam/v1/orgs/{orgId}/roles',
    privilege: PRIVILEGE.roleIndex,
    handler: list,
  },
  {
    method: 'GET',
    path: '/iam/v1/orgs/{orgId}/roles/{id}',
    privilege: PRIVILEGE.roleShow,
    handler: show,
  },
];
