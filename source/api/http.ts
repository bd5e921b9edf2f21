/**
 * The one request function: timeout per attempt, JSON or form in, text out, retries in the manner
 * of the Flexera Go SDK (API.md §4.3), proxy from the environment, a redacted log hook.
 * Authorization is added by the caller (client.ts); non-success statuses become ApiError.
 */
import type {Dispatcher} from 'undici';
import {VERSION} from '../version.js';
import type {HttpMethod, Route} from './endpoints.js';
import {
  ApiError,
  NetworkError,
  ResponseShapeError,
  TimeoutError,
  parseErrorBody,
  type RequestContext,
} from './errors.js';
import {requiredPrivilege} from './privileges.js';
import {redact, secretValuesIn} from './redact.js';

export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, {once: true});
    }),
};

export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** ±fraction applied to the backoff delay. */
  jitter: number;
  /** Cap on a server-given Retry-After. */
  maxRetryAfterMs: number;
}

/** GOCLIENT transport.go: 6 retries, 1 s doubling to 15 s, ±25 %, Retry-After capped at 60 s. */
export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = {
  maxRetries: 6,
  baseDelayMs: 1_000,
  maxDelayMs: 15_000,
  jitter: 0.25,
  maxRetryAfterMs: 60_000,
};

export const DEFAULT_TIMEOUT_MS = 15_000;

export type RetryReason = 'rate-limited' | 'server-error' | 'network';

/** Told before each wait, so a UI can say "rate limited, retrying in N s". */
export interface RetryInfo {
  endpoint: string;
  method: HttpMethod;
  path: string;
  reason: RetryReason;
  /** The retry about to happen: 1 for the first retry. */
  retry: number;
  maxRetries: number;
  delayMs: number;
  status?: number;
  /** The server's Retry-After, in seconds, when it sent one. */
  retryAfterSeconds?: number;
}

interface LogBase {
  /** Sequence number of the logical request (shared by its attempts). */
  id: number;
  attempt: number;
  method: HttpMethod;
  /** Full URL, redacted. */
  url: string;
  at: number;
}

/** Everything in an event has already been through `redact`. */
export type HttpLogEvent =
  | (LogBase & {type: 'request'; headers: Record<string, string>; body?: unknown})
  | (LogBase & {
      type: 'response';
      status: number;
      headers: Record<string, string>;
      body?: unknown;
      durationMs: number;
    })
  | (LogBase & {type: 'failure'; error: string; durationMs: number})
  | (LogBase & {type: 'retry'; info: RetryInfo});

export interface HttpRequest {
  route: Route;
  origin: string;
  /** The path, already filled in (see buildPath). */
  path: string;
  query?: Record<string, string | undefined>;
  headers?: Record<string, string>;
  json?: unknown;
  form?: Record<string, string>;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
  /** How many times the request was sent. */
  attempts: number;
  context: RequestContext;
}

export interface HttpTransportOptions {
  timeoutMs: number;
  retry: RetryPolicy;
  clock: Clock;
  random: () => number;
  /** Requests go through this proxy (HTTPS_PROXY / HTTP_PROXY / NO_PROXY), else directly. */
  proxy?: ProxySettings;
  log?: (event: HttpLogEvent) => void;
  onRetry?: (info: RetryInfo) => void;
  /** The secrets held right now (tokens, client secret): replaced verbatim in logs and errors. */
  secrets: () => Iterable<string | undefined>;
  /**
   * Told of each secret the moment the transport first sees it in a request or an answer (a
   * token, a minted client secret), before anything is logged, so a log can redact it everywhere.
   */
  onSecret?: (secret: string) => void;
}

// ---------------------------------------------------------------------------------------------
// Proxy

export interface ProxySettings {
  httpProxy: string;
  httpsProxy: string;
  noProxy: string;
}

type Env = Readonly<Record<string, string | undefined>>;

function envValue(env: Env, name: string): string {
  // Lower case first, as curl does.
  return (env[name.toLowerCase()] ?? env[name] ?? '').trim();
}

/** The proxy settings in `env`, or undefined when neither HTTPS_PROXY nor HTTP_PROXY is set. */
export function proxySettingsFromEnv(env: Env): ProxySettings | undefined {
  const httpProxy = envValue(env, 'HTTP_PROXY');
  const httpsProxy = envValue(env, 'HTTPS_PROXY');
  if (httpProxy === '' && httpsProxy === '') return undefined;
  return {httpProxy, httpsProxy, noProxy: envValue(env, 'NO_PROXY')};
}

/**
 * The undici dispatcher for `env`: an EnvHttpProxyAgent when a proxy is configured, else
 * undefined (direct). Values are passed explicitly ('' for unset) so the agent never reads
 * process.env behind the caller's back. `proxyTunnel: false` sends http:// requests to the proxy
 * in absolute form, as curl does; https:// always tunnels with CONNECT.
 */
export async function createDispatcher(env: Env): Promise<Dispatcher | undefined> {
  const settings = proxySettingsFromEnv(env);
  return settings ? (await proxiedFetch(settings)).dispatcher : undefined;
}

type Fetch = typeof globalThis.fetch;

/**
 * Node 20's fetch cannot take a proxy, so with one configured requests go through the undici
 * package's fetch and EnvHttpProxyAgent. The package (1 MB) loads only then: without a proxy,
 * Node's own (precompiled) fetch serves, which keeps it off the start path.
 */
async function proxiedFetch(
  settings: ProxySettings,
): Promise<{fetch: Fetch; dispatcher: Dispatcher}> {
  const loaded = await import('undici');
  // Node gives this CommonJS package named exports and `default`; the bundle's chunk for it exports
  // only `default` (issue #10: EnvHttpProxyAgent was undefined in dist/, so no proxy worked).
  const undici = (loaded as unknown as {default?: typeof loaded}).default ?? loaded;
  const dispatcher = new undici.EnvHttpProxyAgent({...settings, proxyTunnel: false});
  const fetch = ((input: Parameters<Fetch>[0], init?: RequestInit) =>
    undici.fetch(input as never, {...(init as object), dispatcher} as never)) as unknown as Fetch;
  return {fetch, dispatcher};
}

// ---------------------------------------------------------------------------------------------
// Retry timing

/** Retry-After in delta-seconds or HTTP-date form, in ms (not capped); undefined if absent or bad. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Exponential backoff with jitter for the n-th retry (1-based). */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number): number {
  const raw = Math.min(policy.baseDelayMs * 2 ** (retry - 1), policy.maxDelayMs);
  const factor = 1 + policy.jitter * (2 * random() - 1);
  return Math.max(0, Math.round(raw * factor));
}

// ---------------------------------------------------------------------------------------------
// The transport

type Attempt =
  | {kind: 'response'; response: HttpResponse}
  | {kind: 'network'; error: NetworkError}
  | {kind: 'timeout'; error: TimeoutError};

function errorCode(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as {code?: unknown}).code;
    if (typeof code === 'string' && code !== '') return code;
    current = (current as {cause?: unknown}).cause;
  }
  return 'UNKNOWN';
}

/**
 * A failure of the network or the peer (fetch's "fetch failed"/"terminated" TypeError with its
 * cause, a system or undici error), as opposed to a bug or a bad setting in this process: those
 * (a TypeError of our own, a Node ERR_* code, an invalid proxy URL) are thrown as they are, never
 * reported as "network error" and never retried.
 */
function isNetworkFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = errorCode(error);
  if (/^ERR_/.test(code) && !/^ERR_(TLS|SSL)_/.test(code)) return false;
  if (code === 'UND_ERR_INVALID_ARG' || code === 'UND_ERR_NOT_SUPPORTED') return false;
  if (
    error instanceof TypeError ||
    error instanceof RangeError ||
    error instanceof ReferenceError ||
    error instanceof SyntaxError
  ) {
    return (
      (error.message === 'fetch failed' || error.message === 'terminated') &&
      error.cause !== undefined
    );
  }
  return true;
}

function errorDetail(error: unknown): string {
  const cause = (error as {cause?: unknown})?.cause;
  const source = cause instanceof Error ? cause : error;
  return source instanceof Error ? source.message : String(source);
}

function headerRecord(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, key) => {
    out[key] = value;
  });
  return out;
}

/**
 * The most a response body may hold: far more than any real IAM answer (a 2,000-org listing is
 * ~200 KB), far less than what would exhaust memory. Reading stops as soon as it is passed.
 */
const MAX_BODY_BYTES = 8_000_000;
const MAX_BODY_WORDS = 'the server sent more than 8 MB';

/** What the debug log records of one body, at most. */
const MAX_LOGGED_BODY_CHARS = 64 * 1024;

/** The body as text, refused (ResponseShapeError, never retried) once it passes MAX_BODY_BYTES. */
async function readCappedBody(response: Response, context: RequestContext): Promise<string> {
  const tooLarge = () => new ResponseShapeError(context, response.status, [MAX_BODY_WORDS]);
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > MAX_BODY_BYTES) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const {done, value} = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  // TextDecoder, as response.text() does: UTF-8, a leading BOM dropped.
  return new TextDecoder().decode(Buffer.concat(chunks));
}

function bodyForLog(text: string): unknown {
  if (text === '') return undefined;
  if (text.length > MAX_LOGGED_BODY_CHARS) {
    return `${text.slice(0, MAX_LOGGED_BODY_CHARS)}… (${text.length} characters in all)`;
  }
  try {
    return JSON.parse(text);
  } catch {
    return text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
  }
}

/** Shorter values under a secret key are not learned (too likely to hit ordinary text). */
const MIN_LEARNED_SECRET_LENGTH = 8;

export class HttpTransport {
  private sequence = 0;
  /** Secrets seen in requests and answers (access tokens, minted client secrets). */
  private readonly learned = new Set<string>();
  private proxied: Promise<{fetch: Fetch; dispatcher: Dispatcher}> | undefined;

  constructor(private readonly options: HttpTransportOptions) {}

  private fetcher(): Promise<Fetch> | Fetch {
    const {proxy} = this.options;
    if (!proxy) return globalThis.fetch;
    this.proxied ??= proxiedFetch(proxy);
    return this.proxied.then((proxied) => proxied.fetch);
  }

  /** Releases the proxy agent, if one was made. */
  async close(): Promise<void> {
    const proxied = this.proxied;
    this.proxied = undefined;
    if (proxied) await (await proxied).dispatcher.close();
  }

  /** The caller's secrets and every one learned from a body so far. */
  private knownSecrets(): Array<string | undefined> {
    return [...this.options.secrets(), ...this.learned];
  }

  private learn(source: unknown): void {
    for (const secret of secretValuesIn(source)) {
      if (secret.length < MIN_LEARNED_SECRET_LENGTH || this.learned.has(secret)) continue;
      this.learned.add(secret);
      try {
        this.options.onSecret?.(secret);
      } catch {
        // A failing hook must not break a request.
      }
    }
  }

  private learnFromBody(text: string): void {
    if (!/^\s*[[{]/.test(text)) return;
    try {
      this.learn(JSON.parse(text));
    } catch {
      // Not JSON: nothing under a key to learn.
    }
  }

  get clock(): Clock {
    return this.options.clock;
  }

  /** Sends the request, retrying as its route allows. Throws ApiError for any non-2xx answer. */
  async send(request: HttpRequest): Promise<HttpResponse> {
    const id = ++this.sequence;
    const {retry: policy, clock} = this.options;
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.attempt(request, id, attempt);
      const reason = this.retryReason(request.route, outcome);
      const failure = this.failure(outcome, attempt);
      if (!failure) return (outcome as {response: HttpResponse}).response;
      if (!reason || attempt > policy.maxRetries) throw failure;
      const retryAfterMs =
        outcome.kind === 'response'
          ? parseRetryAfter(outcome.response.headers.get('retry-after'), clock.now())
          : undefined;
      const delayMs =
        retryAfterMs !== undefined
          ? Math.min(retryAfterMs, policy.maxRetryAfterMs)
          : backoffDelay(attempt, policy, this.options.random);
      const info: RetryInfo = {
        endpoint: request.route.label,
        method: request.route.method,
        path: request.path,
        reason,
        retry: attempt,
        maxRetries: policy.maxRetries,
        delayMs,
        ...(outcome.kind === 'response' ? {status: outcome.response.status} : {}),
        ...(retryAfterMs !== undefined ? {retryAfterSeconds: Math.ceil(retryAfterMs / 1000)} : {}),
      };
      this.emit({
        type: 'retry',
        id,
        attempt,
        method: request.route.method,
        url: this.url(request).href,
        at: clock.now(),
        info,
      });
      this.options.onRetry?.(info);
      await clock.sleep(delayMs, request.signal);
    }
  }

  private retryReason(route: Route, outcome: Attempt): RetryReason | undefined {
    if (outcome.kind === 'response') {
      const {status} = outcome.response;
      if (status === 429) return 'rate-limited';
      if (status >= 500 && route.retry === 'idempotent') return 'server-error';
      return undefined;
    }
    // A dropped connection is retried on idempotent calls; a refused one (nothing listening, DNS)
    // and a timeout are reported at once: waiting a minute of backoff would not help the user.
    if (
      outcome.kind === 'network' &&
      route.retry === 'idempotent' &&
      outcome.error.maybeDelivered
    ) {
      return 'network';
    }
    return undefined;
  }

  private failure(outcome: Attempt, attempts: number): Error | undefined {
    if (outcome.kind !== 'response') return outcome.error;
    const {response} = outcome;
    if (response.status >= 200 && response.status < 300) return undefined;
    const {context} = response;
    const body = redact(parseErrorBody(response.text), this.knownSecrets());
    const retryAfterMs = parseRetryAfter(
      response.headers.get('retry-after'),
      this.options.clock.now(),
    );
    return new ApiError(context, {
      status: response.status,
      body,
      requiredPrivilege: requiredPrivilege(context.method, context.template),
      retryAfterSeconds: retryAfterMs === undefined ? undefined : Math.ceil(retryAfterMs / 1000),
      attempts,
    });
  }

  private url(request: HttpRequest): URL {
    const url = new URL(request.path, request.origin);
    for (const [key, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, value);
    }
    return url;
  }

  private async attempt(request: HttpRequest, id: number, attempt: number): Promise<Attempt> {
    const {clock, timeoutMs} = this.options;
    const url = this.url(request);
    const context: RequestContext = {
      endpoint: request.route.label,
      method: request.route.method,
      path: url.pathname,
      template: request.route.template,
      origin: url.origin,
    };
    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': `flexera-sa/${VERSION}`,
      ...request.headers,
    };
    let body: string | undefined;
    if (request.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(request.form).toString();
    } else if (request.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(request.json);
    }
    this.learn({headers, body: request.form ?? request.json});
    const base = {id, attempt, method: context.method, url: url.href};
    this.emit({
      ...base,
      type: 'request',
      at: clock.now(),
      headers,
      body: request.form ?? request.json,
    });

    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
    const started = clock.now();
    try {
      const fetch = await this.fetcher();
      const response = await fetch(url, {
        method: context.method,
        headers,
        body,
        signal,
        redirect: 'manual',
      });
      const text = await readCappedBody(response, context);
      this.learnFromBody(text);
      const result: HttpResponse = {
        status: response.status,
        headers: response.headers,
        text,
        attempts: attempt,
        context,
      };
      this.emit({
        ...base,
        type: 'response',
        at: clock.now(),
        status: response.status,
        headers: headerRecord(response.headers),
        body: bodyForLog(text),
        durationMs: clock.now() - started,
      });
      return {kind: 'response', response: result};
    } catch (error) {
      if (request.signal?.aborted) throw request.signal.reason;
      // Too large a body: refused as it is; sending again would only fetch it again.
      if (error instanceof ResponseShapeError) throw error;
      if (!timeout.aborted && !isNetworkFailure(error)) throw error;
      const failure = timeout.aborted
        ? ({kind: 'timeout', error: new TimeoutError(context, timeoutMs)} as const)
        : ({
            kind: 'network',
            error: new NetworkError(
              context,
              errorCode(error),
              redact(errorDetail(error), this.knownSecrets()),
              attempt,
            ),
          } as const);
      this.emit({
        ...base,
        type: 'failure',
        at: clock.now(),
        error: failure.error.message,
        durationMs: clock.now() - started,
      });
      return failure;
    }
  }

  private emit(event: HttpLogEvent): void {
    const {log} = this.options;
    if (!log) return;
    try {
      log(redact(event, this.knownSecrets()));
    } catch {
      // A failing log hook must not break a request.
    }
  }
}
