import {listApiEvents} from '../api-events.js';
import {PRIVILEGE} from '../privileges.js';
import type {Route} from '../router.js';

export const apiEventRoutes: Route[] = [
  {
    method: 'GET',
    path: '/iam/v1/orgs/{orgId}/api-events',
    privilege: PRIVILEGE.apiEventIndex,
    handler: listApiEvents,
  },
];
