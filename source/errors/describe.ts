/**
 * The one place where failures become words a person can act on (DESIGN.md "Errors people can
 * act on"). Screens show `title`, `detail` and `action`; they never show a stack or raw error.
 * Server text is passed through as data: the UI pieces that draw it make it inert.
 */
import {ApiError, NetworkError, ResponseShapeError, TimeoutError} from '../api/errors.js';
import {describePrivilege} from '../api/privileges.js';
import {ZONES, type Endpoints} from '../api/zones.js';

type ErrorKind =
  | 'auth'
  | 'forbidden'
  | 'not-found'
  | 'rate-limited'
  | 'invalid'
  | 'server'
  | 'network'
  | 'unknown';

export interface ErrorDescription {
  kind: ErrorKind;
  title: string;
  detail?: string;
  action?: string;
  /** Trying again (r) may help. */
  retryable: boolean;
}

export function zoneName(endpoints: Pick<Endpoints, 'zone' | 'custom' | 'api'>): string {
  const zone = ZONES[endpoints.zone];
  return endpoints.custom ? `${zone.label} (${endpoints.api})` : zone.label;
}

/**
 * The login host refused a refresh token: at sign-in, a bad, revoked or wrong-zone token; later,
 * the session's own token (revoked or expired mid-session), so the session is over whatever the
 * screen was doing. [I] API.md §2.2 [?]: the status is unpublished (400 invalid_grant or 401);
 * both are read as "refused", either shape.
 */
export function isSessionTokenRefused(error: unknown): error is ApiError {
  return (
    error instanceof ApiError &&
    (error.status === 401 || error.status === 400) &&
    error.template === '/oidc/token'
  );
}

/** A description as one line: "title: detail", or the title alone. */
export function errorLine(described: Pick<ErrorDescription, 'title' | 'detail'>): string {
  return described.detail ? `${described.title}: ${described.detail}` : described.title;
}

function duration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Where the words are shown: a screen (press r) or a command (run it again). */
export type Face = 'screen' | 'command';

export function describeError(
  error: unknown,
  endpoints?: Endpoints,
  face: Face = 'screen',
): ErrorDescription {
  const where = endpoints ? zoneName(endpoints) : 'Flexera';
  const press = face === 'screen' ? 'press r' : 'run the command again';
  const retry = face === 'screen' ? 'Press r to try again' : 'Run the command again';
  if (error instanceof ApiError) {
    const server = error.serverMessage;
    switch (true) {
      case error.status === 401:
        return {
          kind: 'auth',
          title: `Your token was refused by ${where}`,
          detail: server,
          action: 'Sign in again with a fresh refresh token, or is your org in another zone?',
          retryable: false,
        };
      case error.status === 403:
        return {
          kind: 'forbidden',
          title: `Not allowed: ${error.endpoint}`,
          detail: error.requiredPrivilege
            ? `This needs ${describePrivilege(error.requiredPrivilege)}.`
            : server,
          action:
            'Ask an org owner for a role that grants it (iam_admin covers IAM), or pick another org.',
          retryable: false,
        };
      case error.status === 404:
        return {
          kind: 'not-found',
          title: `Not found: ${error.endpoint}`,
          detail: 'It may have been deleted elsewhere.',
          action:
            face === 'screen' ? 'Press r to refresh.' : 'List again to see what is there now.',
          retryable: true,
        };
      case error.status === 429:
        return {
          kind: 'rate-limited',
          title: `Rate limited by ${where}`,
          detail: server,
          action: error.retryAfterSeconds
            ? `Wait ${error.retryAfterSeconds} s, then ${press}.`
            : `Wait a minute, then ${press}.`,
          retryable: true,
        };
      case error.status >= 500:
        return {
          kind: 'server',
          title: `${where} had a problem (${error.status}) with ${error.endpoint}`,
          detail: error.requestId ? `${server} (request id ${error.requestId})` : server,
          action: `${retry}.`,
          retryable: true,
        };
      default:
        return {
          kind: 'invalid',
          title: `${where} refused ${error.endpoint}`,
          detail: server,
          action: 'Check the input and try again.',
          retryable: false,
        };
    }
  }
  if (error instanceof TimeoutError) {
    return {
      kind: 'network',
      title: `No answer from ${error.origin} within ${duration(error.timeoutMs)}`,
      detail: `${capitalize(error.endpoint)} got no answer.`,
      action: `Check your connection or proxy (HTTPS_PROXY), then ${press}.`,
      retryable: true,
    };
  }
  if (error instanceof NetworkError) {
    return {
      kind: 'network',
      title: `Could not reach ${error.origin} (${error.code})`,
      detail: `${capitalize(error.endpoint)} got no answer.`,
      action: `Check your connection or proxy (HTTPS_PROXY), then ${press}.`,
      retryable: true,
    };
  }
  if (error instanceof ResponseShapeError) {
    return {
      kind: 'server',
      title: `Unexpected answer from ${where} for ${error.endpoint}`,
      detail: error.issues.slice(0, 3).join('; '),
      action: `${retry}; if it persists, report it with --debug output.`,
      retryable: true,
    };
  }
  return {
    kind: 'unknown',
    title: 'Something went wrong',
    detail: error instanceof Error ? error.message : String(error),
    action: `${retry}.`,
    retryable: true,
  };
}
