/** The reads of the account detail as curl. Pure. */
import {serviceAccountRef} from '../../api/refs.js';
import {curlFor, type CurlCommand} from '../../curl/index.js';

/** The reads this screen does, as curl: the account itself, then its org-scope access rules. */
export function accountCurl(
  endpoints: Parameters<typeof curlFor>[0],
  orgId: number,
  accountId: number,
): CurlCommand[] {
  return [
    curlFor(endpoints, {kind: 'show-service-account', orgId, serviceAccountId: accountId}),
    curlFor(endpoints, {
      kind: 'list-access-rules',
      orgId,
      subjectRef: serviceAccountRef(accountId),
    }),
  ];
}
