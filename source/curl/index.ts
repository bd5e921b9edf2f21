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
  curlUpdateServiceAccount,
  curlVerifyCall,
  type CurlAction,
  type CurlCommand,
  type CurlEndpoints,
  type CurlServiceAccountInput,
  type CurlVariable,
} from './commands.js';
