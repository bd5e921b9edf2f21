import type {VerifyCall} from '../api/verify.js';
import {roleGrants} from './privileges.js';
import type {RoleInfo} from './types.js';

/**
 * THE choice of the call that proves a client's roles work, for every verification (the Clients
 * screen, the guided setup, rotation): the most telling call its org-scope roles allow. [I] API.md
 * §7: listing org users needs `iam:org_user:index` (iam_admin has it), listing service accounts
 * `iam:service_account:index`, and listing roles only membership (`common:org:affiliated`, which
 * any role gives), so users before service accounts before roles.
 */
export function verifyCallFor(roles: readonly RoleInfo[]): VerifyCall {
  if (roles.some((role) => roleGrants(role, 'iam:org_user:index'))) return 'users';
  if (roles.some((role) => roleGrants(role, 'iam:service_account:index'))) {
    return 'service-accounts';
  }
  return 'roles';
}
