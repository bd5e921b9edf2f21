/**
 * Documented limits of the Flexera IAM API, one constant per fact, so the screens, the guided
 * flow and the validation that runs before a request all agree.
 */

/** API.md §6.2's documented limit: "A maximum of 20 service accounts may exist in an org at any one time." */
export const MAX_SERVICE_ACCOUNTS_PER_ORG = 20;

/** API.md §6.2: a service-account name is 1..512 characters (counted with charCount). */
export const SERVICE_ACCOUNT_NAME_MAX = 512;

/** API.md §6.2: a service-account description is at most 4096 characters. */
export const SERVICE_ACCOUNT_DESCRIPTION_MAX = 4096;

/** API.md §6.3: at most 2 clients per service account. */
export const MAX_CLIENTS_PER_SERVICE_ACCOUNT = 2;
