import {randomBytes} from 'node:crypto';

/** Goa error bodies (API.md §4.2): every error answer of the emulator has this shape. */
export const GOA_CONTENT_TYPE = 'application/vnd.goa.error';

export type GoaName =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'method_not_allowed'
  | 'conflict'
  | 'payload_too_large'
  | 'unprocessable_entity'
  | 'too_many_requests'
  | 'internal_error'
  | 'bad_gateway'
  | 'service_unavailable';

interface GoaClass {
  status: number;
  message: string;
  temporary: boolean;
  fault: boolean;
}

const CLASSES: Record<GoaName, GoaClass> = {
  bad_request: {status: 400, message: 'request is invalid', temporary: false, fault: false},
  unauthorized: {status: 401, message: 'access token is invalid', temporary: false, fault: false},
  forbidden: {
    status: 403,
    message: 'access token does not have sufficient privileges',
    temporary: false,
    fault: false,
  },
  not_found: {
    status: 404,
    message: 'requested resource is not found',
    temporary: false,
    fault: false,
  },
  // [I] Goa's names for these two are not in the SPEC; same shape, named after the status.
  method_not_allowed: {
    status: 405,
    message: 'method is not allowed for this resource',
    temporary: false,
    fault: false,
  },
  conflict: {
    status: 409,
    message: 'request conflicts with the current state of the server',
    temporary: false,
    fault: false,
  },
  payload_too_large: {
    status: 413,
    message: 'request body is too large',
    temporary: false,
    fault: false,
  },
  unprocessable_entity: {
    status: 422,
    message: 'request is unable to be processed',
    temporary: false,
    fault: false,
  },
  too_many_requests: {
    status: 429,
    message:
      'too many requests, for more information: https://developer.flexera.com/docs/page/rate-limiting',
    temporary: true,
    fault: false,
  },
  internal_error: {
    status: 500,
    message: 'something went wrong in the server',
    temporary: true,
    fault: true,
  },
  bad_gateway: {
    status: 502,
    message: 'server is unable to handle the request',
    temporary: true,
    fault: true,
  },
  // [I] 503 is not declared by the SPEC; only fault injection produces it.
  service_unavailable: {
    status: 503,
    message: 'service is temporarily unavailable',
    temporary: true,
    fault: true,
  },
};

export interface GoaBody {
  name: string;
  id: string;
  message: string;
  temporary: boolean;
  timeout: boolean;
  fault: boolean;
}

/** Thrown by handlers; the server turns it into a Goa answer. Messages never carry secrets. */
export class GoaError extends Error {
  readonly goaName: GoaName;
  readonly status: number;
  readonly headers: Record<string, string>;

  constructor(name: GoaName, message?: string, headers: Record<string, string> = {}) {
    super(message ?? CLASSES[name].message);
    this.goaName = name;
    this.status = CLASSES[name].status;
    this.headers = headers;
  }

  body(): GoaBody {
    return goaBody(this.goaName, this.message);
  }
}

export function goaBody(name: GoaName, message?: string): GoaBody {
  const cls = CLASSES[name];
  return {
    name,
    id: randomBytes(6).toString('base64url'),
    message: message ?? cls.message,
    temporary: cls.temporary,
    timeout: false,
    fault: cls.fault,
  };
}

export function goaNameForStatus(status: number): GoaName {
  const found = (Object.keys(CLASSES) as GoaName[]).find((name) => CLASSES[name].status === status);
  return found ?? 'internal_error';
}

export const badRequest = (message: string) => new GoaError('bad_request', message);
export const notFound = (message?: string) => new GoaError('not_found', message);
export const forbidden = (message?: string) => new GoaError('forbidden', message);
export const unauthorized = (message?: string) => new GoaError('unauthorized', message);
