import type {Route} from '../router.js';
import {accessRuleRoutes} from './access-rules.js';
import {apiEventRoutes} from './api-events.js';
import {capabilityRoutes} from './capabilities.js';
import {clientSecretRoutes} from './client-secrets.js';
import {clientRoutes} from './clients.js';
import {orgRoutes} from './orgs.js';
import {projectRoutes} from './projects.js';
import {refreshTokenRoutes} from './refresh-tokens.js';
import {roleRoutes} from './roles.js';
import {serviceAccountRoutes} from './service-accounts.js';
import {tokenRoutes} from './token.js';
import {userRoutes} from './users.js';

/** Every Flexera route the emulator answers; anything else is 404 (or 405 for a known path). */
export const ROUTES: readonly Route[] = [
  ...tokenRoutes,
  ...orgRoutes,
  ...serviceAccountRoutes,
  ...clientRoutes,
  ...clientSecretRoutes,
  ...roleRoutes,
  ...accessRuleRoutes,
  ...userRoutes,
  ...projectRoutes,
  ...refreshTokenRoutes,
  ...apiEventRoutes,
  ...capabilityRoutes,
];
