/** The reads of the account detail as curl. Pure. */
import {serviceAccountRef} from '../../api/refs.js';
import {curlFor, type CurlCommand} from '../../curl/index.js';

/** The read this screen does, as curl (API.md §6.2 list, §6.5 access rules). */
export function accountCurl(
  endpoints: Parameters<typeof curlFor>[0],
  orgId: number,
  accountId: number,
): CurlCommand[] {
  // The curl module has no "show one service account" action: the account is read from the list.
  return [
    curlFor(endpoints, {kind: 'list-service-accounts', orgId}),
    curlFor(endpoints, {
      kind: 'list-access-rules',
      orgId,
      subjectRef: serviceAccountRef(accountId),
    }),
  ];
}
