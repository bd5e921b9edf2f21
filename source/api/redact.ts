/**
 * The one redaction function. Everything that may reach a log line or an error message goes
 * through it: headers, bodies, URLs, free text.
 */
export const REDACTED = '[REDACTED]';

/** Keys whose value is always a secret, wherever they appear (headers, JSON, forms). */
const SECRET_KEYS = new Set(
  [
    'authorization',
    'proxy-authorization',
    'cookie',
    'set-cookie',
    'access_token',
    'accesstoken',
    'refresh_token',
    'refreshtoken',
    'id_token',
    'idtoken',
    'client_secret',
    'clientsecret',
    'encryptedsecret',
    'password',
  ].map((key) => key.toLowerCase()),
);

const KEY_ALTERNATION =
  'access_token|accessToken|refresh_token|refreshToken|id_token|idToken|client_secret|clientSecret|encryptedSecret|password';

const TEXT_RULES: Array<[RegExp, string]> = [
  // Authorization header values written out as text.
  [/\b(Bearer|Basic)\s+[^\s"',;]+/gi, `$1 ${REDACTED}`],
  // JWT-shaped strings (header.payload.signature, base64url).
  [/\beyJ[\w-]*\.[\w-]+\.[\w-]*/g, REDACTED],
  // form and query pairs: refresh_token=...
  [new RegExp(`\\b(${KEY_ALTERNATION})=[^&\\s"']*`, 'gi'), `$1=${REDACTED}`],
  // JSON pairs inside a string: "clientSecret":"..."
  [new RegExp(`("(?:${KEY_ALTERNATION})"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'gi'), `$1"${REDACTED}"`],
  // user:password@ in URLs (proxies).
  [/(\/\/)[^/\s:@]+:[^/\s@]+@/g, `$1${REDACTED}@`],
];

/** Known secrets shorter than this are not replaced verbatim (too likely to hit ordinary text). */
const MIN_KNOWN_SECRET_LENGTH = 8;

function redactText(text: string, known: readonly string[]): string {
  let out = text;
  for (const secret of known) {
    if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  for (const [pattern, replacement] of TEXT_RULES) out = out.replace(pattern, replacement);
  return out;
}

function usableSecrets(secrets: Iterable<string | undefined>): string[] {
  const list: string[] = [];
  for (const secret of secrets) {
    if (secret && secret.length >= MIN_KNOWN_SECRET_LENGTH) list.push(secret);
  }
  // Longest first, so a secret that contains another is replaced whole.
  return list.sort((a, b) => b.length - a.length);
}

function walk(value: unknown, known: readonly string[], seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return redactText(value, known);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[Circular]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => walk(item, known, seen));
  if (value instanceof Error) {
    return {name: value.name, message: redactText(value.message, known)};
  }
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] =
      SECRET_KEYS.has(key.toLowerCase()) && item != null ? REDACTED : walk(item, known, seen);
  }
  return out;
}

/**
 * Returns a deep copy of `value` with secrets replaced by `[REDACTED]`: values under secret keys
 * (Authorization, access_token, clientSecret, ...), Bearer/Basic credentials, JWT-shaped strings,
 * secret pairs inside form, query or JSON text, URL passwords, and every occurrence of the
 * `known` secrets (the tokens and client secret the caller holds).
 */
export function redact<T>(value: T, known: Iterable<string | undefined> = []): T {
  return walk(value, usableSecrets(known), new WeakSet()) as T;
}
