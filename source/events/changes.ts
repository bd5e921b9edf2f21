/**
 * Org changes read from API events (issue 13): who created, edited or deleted service accounts,
 * granted or revoked roles, minted or deleted clients and secrets. An event carries the method
 * and path, not the body, so a grant says that a role was granted, not which one [API.md §12.1].
 * Only calls that succeeded (2xx) are changes; refused ones are not.
 */
import type {ActivityEvent} from '../api/api-events.js';

export type ChangeKind =
  | 'account-created'
  | 'account-edited'
  | 'account-deleted'
  | 'role-granted'
  | 'role-revoked'
  | 'client-minted'
  | 'client-deleted'
  | 'secret-added'
  | 'secret-deleted';

export interface OrgChange {
  kind: ChangeKind;
  at: number;
  /** Who did it, as the event names them (absent when the service recorded nobody). */
  by?: {kind: 'user' | 'service-account' | 'other'; id?: number; name?: string};
  /** The service account the path names, when it names one. */
  accountId?: number;
  /** The client the path names, when it names one. */
  clientId?: string;
  ip?: string;
}

const ORG = String.raw`^/iam/v1/orgs/\d+`;
const SA = String.raw`${ORG}/service-accounts/(\d+)`;
const CLIENT = String.raw`${SA}/clients/([^/]+)`;

const RULES: ReadonlyArray<{method: string; path: RegExp; kind: ChangeKind}> = [
  {method: 'POST', path: new RegExp(`${ORG}/service-accounts/?$`), kind: 'account-created'},
  {method: 'PATCH', path: new RegExp(`${SA}/?$`), kind: 'account-edited'},
  {method: 'DELETE', path: new RegExp(`${SA}/?$`), kind: 'account-deleted'},
  {method: 'PUT', path: new RegExp(`${ORG}/access-rules/grant/?$`), kind: 'role-granted'},
  {method: 'PUT', path: new RegExp(`${ORG}/access-rules/revoke/?$`), kind: 'role-revoked'},
  {method: 'POST', path: new RegExp(`${SA}/clients/?$`), kind: 'client-minted'},
  {method: 'DELETE', path: new RegExp(`${CLIENT}/?$`), kind: 'client-deleted'},
  {method: 'POST', path: new RegExp(`${CLIENT}/client-secret/?$`), kind: 'secret-added'},
  {method: 'DELETE', path: new RegExp(`${CLIENT}/client-secret/?$`), kind: 'secret-deleted'},
];

export const CHANGE_WORDS: Readonly<Record<ChangeKind, string>> = {
  'account-created': 'created an account',
  'account-edited': 'edited',
  'account-deleted': 'deleted',
  'role-granted': 'granted a role',
  'role-revoked': 'revoked a role',
  'client-minted': 'new client for',
  'client-deleted': 'deleted a client of',
  'secret-added': 'new secret for',
  'secret-deleted': 'removed old secret of',
};

/** The change an event records, or undefined when it changed nothing this screen follows. */
export function changeOf(event: ActivityEvent): OrgChange | undefined {
  if (!event.path || event.status === undefined || event.status < 200 || event.status > 299)
    return undefined;
  const path = event.path.split('?')[0]!;
  for (const rule of RULES) {
    if (rule.method !== event.method) continue;
    const match = rule.path.exec(path);
    if (!match) continue;
    return {
      kind: rule.kind,
      at: event.at,
      ...(event.principal
        ? {
            by: {
              kind: event.principal.kind,
              ...(event.principal.id !== undefined ? {id: event.principal.id} : {}),
              ...(event.principal.name ? {name: event.principal.name} : {}),
            },
          }
        : {}),
      ...(match[1] !== undefined ? {accountId: Number(match[1])} : {}),
      ...(match[2] !== undefined ? {clientId: decodeURIComponent(match[2])} : {}),
      ...(event.ip ? {ip: event.ip} : {}),
    };
  }
  return undefined;
}

/** Every change in the events, newest first. */
export function orgChanges(events: Iterable<ActivityEvent>): OrgChange[] {
  const out: OrgChange[] = [];
  for (const event of events) {
    const change = changeOf(event);
    if (change) out.push(change);
  }
  return out.sort((a, b) => b.at - a.at);
}
