/**
 * Errors the client throws. Each names the endpoint (label, method, path without the query) and
 * carries no secret: server text is redacted before it is stored.
 */
import type {HttpMethod} from './endpoints.js';
import {sanitizeTyped} from '../ui/text.js';
import {describePrivilege} from './privileges.js';

/** Which request failed: enough to act on, nothing secret. */
export interface RequestContext {
  /** Short endpoint label, e.g. "create service account". */
  endpoint: string;
  method: HttpMethod;
  /** The URL path, without query string. */
  path: string;
  /** The path template, e.g. /iam/v1/orgs/{orgId}/service-accounts. */
  template: string;
  /** The origin the request went to (https://api.flexera.com). */
  origin: string;
}

/** Common base: every failure of a request to Flexera. */
export abstract class RequestError extends Error {
  readonly endpoint: string;
  readonly method: HttpMethod;
  readonly path: string;
  readonly template: string;
  readonly origin: string;

  protected constructor(context: RequestContext, message: string, options?: {cause?: unknown}) {
    super(message, options);
    this.endpoint = context.endpoint;
    this.method = context.method;
    this.path = context.path;
    this.template = context.template;
    this.origin = context.origin;
  }
}

/** What an error body said, in whichever of the known shapes it came. */
export interface ErrorBody {
  /** Goa `name` (bad_request, unauthorized, ...) or the Okta `error` code (invalid_grant). */
  name?: string;
  message?: string;
  /** Goa `id`: the id of this occurrence, useful to Flexera support. */
  requestId?: string;
  temporary?: boolean;
  timeout?: boolean;
  fault?: boolean;
}

const MAX_TEXT_MESSAGE = 200;
const MAX_FIELD = 500;

/**
 * A string field of an error body, with control characters, escape introducers and bidi controls
 * dropped (a hostile server's OSC 52 or ESC[2J is left as inert text) and its length capped.
 */
function str(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const clean = sanitizeTyped(value).trim();
  if (clean === '') return undefined;
  return clean.length > MAX_FIELD ? `${clean.slice(0, MAX_FIELD)}…` : clean;
}

function bool(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

function textMessage(text: string): string | undefined {
  const plain = sanitizeTyped(text)
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (plain === '') return undefined;
  return plain.length > MAX_TEXT_MESSAGE ? `${plain.slice(0, MAX_TEXT_MESSAGE)}…` : plain;
}

/**
 * Reads an error body: Goa (`{name, id, message, temporary, timeout, fault}`, API.md §4.2),
 * Okta (`{error, error_description}`, §2.2), other JSON with a `message`, or plain text/HTML
 * from a gateway (§4.2 [I]).
 */
export function parseErrorBody(text: string): ErrorBody {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return {message: textMessage(text)};
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    return {message: textMessage(text)};
  }
  const body = json as Record<string, unknown>;
  if (str(body.error) !== undefined && body.name === undefined) {
    return {name: str(body.error), message: str(body.error_description) ?? str(body.error)};
  }
  return {
    name: str(body.name),
    message: str(body.message) ?? str(body.detail) ?? str(body.error_description),
    requestId: str(body.id),
    temporary: bool(body.temporary),
    timeout: bool(body.timeout),
    fault: bool(body.fault),
  };
}

export interface ApiErrorDetails {
  status: number;
  body: ErrorBody;
  requiredPrivilege?: string;
  retryAfterSeconds?: number;
  /** How many times the request was sent (1 = no retry). */
  attempts: number;
}

/** Flexera answered with a non-success status. */
export class ApiError extends RequestError {
  override name = 'ApiError';
  readonly status: number;
  /** Goa error name, or the Okta error code. */
  readonly goaName: string | undefined;
  /** The server's own message (redacted), or a generic one. */
  readonly serverMessage: string;
  readonly requestId: string | undefined;
  /** The server says trying again later may work (Goa `temporary`, else 429/5xx). */
  readonly temporary: boolean;
  /** The privilege expression this endpoint needs (API.md §7), when known. */
  readonly requiredPrivilege: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly attempts: number;

  constructor(context: RequestContext, details: ApiErrorDetails) {
    const {status, body} = details;
    const serverMessage = body.message ?? `HTTP ${status}`;
    const name = body.name ? ` ${body.name}` : '';
    const needs =
      status === 403 && details.requiredPrivilege
        ? ` (this needs ${describePrivilege(details.requiredPrivilege)})`
        : '';
    super(
      context,
      `${context.endpoint} failed: ${status}${name}: ${serverMessage}${needs} [${context.method} ${context.path}]`,
    );
    this.status = status;
    this.goaName = body.name;
    this.serverMessage = serverMessage;
    this.requestId = body.requestId;
    this.temporary = body.temporary ?? (status === 429 || status >= 500);
    this.requiredPrivilege = details.requiredPrivilege;
    this.retryAfterSeconds = details.retryAfterSeconds;
    this.attempts = details.attempts;
  }
}

/** Error codes that mean the request never reached the server (safe to call "not delivered"). */
const NOT_DELIVERED_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** The connection failed (refused, reset, DNS, TLS, dropped mid-answer). */
export class NetworkError extends RequestError {
  override name = 'NetworkError';
  /** The system or undici error code (ECONNRESET, ENOTFOUND, UND_ERR_SOCKET, ...). */
  readonly code: string;
  /** False when the request surely never reached the server (refused, DNS, TLS). */
  readonly maybeDelivered: boolean;
  readonly attempts: number;

  constructor(context: RequestContext, code: string, detail: string, attempts: number) {
    super(
      context,
      `${context.endpoint} failed: network error ${code} reaching ${context.origin}: ${detail} [${context.method} ${context.path}]`,
    );
    this.code = code;
    this.maybeDelivered = !NOT_DELIVERED_CODES.has(code);
    this.attempts = attempts;
  }
}

/** No complete answer within the request timeout. */
export class TimeoutError extends RequestError {
  override name = 'TimeoutError';
  readonly timeoutMs: number;

  constructor(context: RequestContext, timeoutMs: number) {
    super(
      context,
      `${context.endpoint} timed out after ${timeoutMs} ms waiting for ${context.origin} [${context.method} ${context.path}]`,
    );
    this.timeoutMs = timeoutMs;
  }
}

/** The answer was a success but not the documented shape. Names the fields, never the values. */
export class ResponseShapeError extends RequestError {
  override name = 'ResponseShapeError';
  readonly status: number;
  readonly issues: readonly string[];

  constructor(context: RequestContext, status: number, issues: readonly string[]) {
    const shown = issues.slice(0, 5).join('; ');
    super(
      context,
      `${context.endpoint}: unexpected response shape (${shown}) [${context.method} ${context.path}]`,
    );
    this.status = status;
    this.issues = issues;
  }
}

/**
 * True when a failed write may have been applied by the server: the connection dropped after
 * sending, no answer in time, or a 5xx. A 4xx (and 429) is a clear refusal.
 */
export function isAmbiguousFailure(error: unknown): boolean {
  if (error instanceof TimeoutError) return true;
  if (error instanceof NetworkError) return error.maybeDelivered;
  if (error instanceof ApiError) return error.status >= 500;
  return false;
}
