/** "Teach the API": the curl command for each action, secrets only as shell variables. */
export {
  curlClientCredentialsExchange,
  curlClientSecret,
  curlListApiEvents,
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
} from './commands.js';
export {layoutScript} from './layout.js';
export {curlBlocksText} from './script.js';
