/**
 * Role logic without React or I/O: the catalogue grouped by category, search (privileges too),
 * broad and superuser classification, grant diffs → RoleChange[], least-privilege suggestions.
 * Shared by the role picker and the guided flow.
 */
export type {RoleInfo} from './types.js';
export {
  groupByCategory,
  orderByCategory,
  roleCategory,
  roleLabel,
  rolesByName,
} from './catalogue.js';
export {privilegeCovers, privilegeSegments} from './privileges.js';
export {verifyCallFor} from './verify-call.js';
export {
  BROAD_PRIVILEGE_COUNT,
  SERVICE_ACCOUNT_REFUSAL,
  broadReason,
  isBroadRole,
  isSuperuserRole,
  serviceAccountRefusal,
} from './broad.js';
export {
  matchedPrivileges,
  privilegeMatchesWord,
  roleMatches,
  searchRoles,
  searchWords,
} from './search.js';
export {
  ORG_SCOPE,
  describeChange,
  diffGrants,
  diffRoleNames,
  grantKey,
  grantedRoleNames,
  grantsOf,
  projectScope,
  sameScope,
  scopeKey,
  scopeLabel,
  scopeOfChange,
  scopeOfRef,
  scopeRefFor,
} from './grants.js';
export type {Grant, RoleScope} from './grants.js';
export {narrowerRoles, rolesGranting, suggestRoles} from './suggest.js';
