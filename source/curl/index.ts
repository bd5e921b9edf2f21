/** "Teach the API": the curl command for each action, secrets only as shell variables. */
export {shellQuote} from './quote.js';
export {
  curlClientCredentialsExchange,
  curlCreateServiceAccount,
  curlDeleteClient,
  curlDeleteServiceAccount,
  curlFor,
  curlGrantRole,
  curlListAccessRules,
  curlListRoles,
  curlListServiceAccounts,
  curlListUserOrgs,
  curlMintClient,
  curlRefreshTokenExchange,
  curlRevokeRole,
  curlShowServiceAccount,
  curlUpdateServiceAccount,
  curlVerifyCall,
  type CurlAction,
  type CurlCommand,
  type CurlEndpoints,
  type CurlServiceAccountInput,
  type CurlVariable,
} from './commands.js';
export {layoutScript} from './layout.js';
export {curlBlocksText, type CurlBlock} from './script.js';
