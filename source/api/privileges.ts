/**
 * Which privilege each endpoint needs, so a 403 can say what was missing (API.md §7).
 * [I] API.md §7: SPEC lists every IAM privilege on every operation; the pairing of privilege to
 * operation below follows the names, as API.md does.
 */
import type {HttpMethod} from './endpoints.js';

const OWN = 'common:org:own';
const AFFILIATED = 'common:org:affiliated';
const ORG = '/iam/v1/orgs/{orgId}';
const SA = `${ORG}/service-accounts/{serviceAccountId}`;

const PRIVILEGES: Readonly<Record<string, string>> = {
  [`GET ${ORG}`]: `iam:org:show||${AFFILIATED}`,
  [`GET ${ORG}/roles`]: `iam:role:index||${AFFILIATED}`,
  [`GET ${ORG}/roles/{roleId}`]: `iam:role:show||${AFFILIATED}`,
  [`GET ${ORG}/access-rules`]: `iam:access_rule:index||viz:report:create||${OWN}`,
  [`PUT ${ORG}/access-rules/grant`]: `iam:access_rule:grant||${OWN}`,
  [`PUT ${ORG}/access-rules/revoke`]: `iam:access_rule:revoke||${OWN}`,
  [`GET ${ORG}/service-accounts`]: `iam:service_account:index||${OWN}`,
  [`POST ${ORG}/service-accounts`]: `iam:service_account:create||${OWN}`,
  [`GET ${SA}`]: `iam:service_account:show||${OWN}`,
  [`PATCH ${SA}`]: `iam:service_account:update||${OWN}`,
  [`DELETE ${SA}`]: `iam:service_account:delete||${OWN}`,
  [`GET ${SA}/clients`]: `iam:service_account_client:index||${OWN}`,
  [`POST ${SA}/clients`]: `iam:service_account_client:create||${OWN}`,
  [`GET ${SA}/clients/{clientId}`]: `iam:service_account_client:show||${OWN}`,
  [`DELETE ${SA}/clients/{clientId}`]: `iam:service_account_client:delete||${OWN}`,
  [`GET ${ORG}/users`]: `iam:org_user:index||${OWN}`,
  [`GET ${ORG}/users/{userId}`]: `iam:org_user:show||${OWN}`,
  [`GET ${ORG}/projects`]: `iam:project:index||${OWN}`,
  // API.md §12.1 (org owner or iam_admin), §12.5; §12.3 [I]: as the other client operations.
  [`GET ${ORG}/api-events`]: `iam:api_event:index||${OWN}`,
  [`GET ${ORG}/capabilities`]: `iam:capability:index||${AFFILIATED}`,
  [`GET ${SA}/clients/{clientId}/client-secrets`]: `iam:service_account_client:index||${OWN}`,
  [`POST ${SA}/clients/{clientId}/client-secret`]: `iam:service_account_client:create||${OWN}`,
  [`DELETE ${SA}/clients/{clientId}/client-secret`]: `iam:service_account_client:delete||${OWN}`,
};

/** The privilege expression (`a||b`) an endpoint requires, if it is an org-scoped IAM endpoint. */
export function requiredPrivilege(method: HttpMethod, template: string): string | undefined {
  return PRIVILEGES[`${method} ${template}`];
}

const PLAIN_WORDS: Readonly<Record<string, string>> = {
  [OWN]: 'org owner',
  [AFFILIATED]: 'any role in the org',
};

/** "iam:service_account:create||common:org:own" → "iam:service_account:create or org owner". */
export function describePrivilege(expression: string): string {
  return expression
    .split('||')
    .map((part) => PLAIN_WORDS[part] ?? part)
    .join(' or ');
}
