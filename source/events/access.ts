/** Who may read an org's API events (API.md §12.1: an org owner or an iam_admin). */
import {ApiError} from '../api/errors.js';
import {describePrivilege} from '../api/privileges.js';

/** Set when a read of the events was refused for want of a privilege: what is needed, in words. */
export function eventsPrivilegeNeeded(error: unknown): string | undefined {
  if (!(error instanceof ApiError) || error.status !== 403) return undefined;
  return describePrivilege(
    error.requiredPrivilege ?? 'iam:api_event:index||common:org:own',
  ).replace('iam:api_event:index', 'iam_admin');
}
