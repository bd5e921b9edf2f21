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
    'token',
    'secret',
    'client-secret',
    'x-api-key',
    'api-key',
    'apikey',
  ].map((key) => key.toLowerCase()),
);

/** Secret key names as they appear in text: `client_secret: x` (not bare "token:" in a sentence). */
const TEXT_KEY_ALTERNATION =
  'access_token|accessToken|refresh_token|refreshToken|id_token|idToken|client_secret|client-secret|clientSecret|encryptedSecret|password|x-api-key|api-key|apiKey';
/** ... and as pairs (`token=x`, `"secret":"x"`), where bare token and secret are keys too. */
const KEY_ALTERNATION = `${TEXT_KEY_ALTERNATION}|token|secret`;

const TEXT_RULES: Array<[RegExp, string]> = [
  // Authorization header values written out as text, quoted or not: Bearer "x", Basic 'x'.
  [/\b(Bearer|Basic)\s*"(?:[^"\\]|\\.)*"/gi, `$1 "${REDACTED}"`],
  [/\b(Bearer|Basic)\s*'[^']*'/gi, `$1 '${REDACTED}'`],
  [/\b(Bearer|Basic)\s+[^\s"',;]+/gi, `$1 ${REDACTED}`],
  // JWT-shaped strings (header.payload.signature, base64url).
  [/\beyJ[\w-]*\.[\w-]+\.[\w-]*/g, REDACTED],
  // form and query pairs: refresh_token=...
  [new RegExp(`\\b(${KEY_ALTERNATION})=[^&\\s"']*`, 'gi'), `$1=${REDACTED}`],
  // URL-encoded pairs (a form inside a query or a log): refresh_token%3D...
  [new RegExp(`\\b(${KEY_ALTERNATION})%3D(?:(?!%26)[^&\\s"'])*`, 'gi'), `$1%3D${REDACTED}`],
  // JSON pairs inside a string: "clientSecret":"..."
  [new RegExp(`("(?:${KEY_ALTERNATION})"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'gi'), `$1"${REDACTED}"`],
  // key: value written as text (YAML, a message): client_secret: x, token: "x"
  [
    new RegExp(`\\b(${TEXT_KEY_ALTERNATION})(\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'gi'),
    `$1$2"${REDACTED}"`,
  ],
  [
    new RegExp(`\\b(${TEXT_KEY_ALTERNATION})(\\s*:\\s*)(?!["\\[])[^\\s,;&"']+`, 'gi'),
    `$1$2${REDACTED}`,
  ],
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
 * The string values under secret keys anywhere in `value` (a parsed body, a form): what a response
 * or request teaches the caller to treat as a known secret from then on.
 */
export function secretValuesIn(value: unknown, out: string[] = [], depth = 0): string[] {
  if (value === null || typeof value !== 'object' || depth > 32) return out;
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === 'string' && SECRET_KEYS.has(key.toLowerCase())) {
      // "Bearer x" is the secret x.
      out.push(item.replace(/^(Bearer|Basic)\s+/i, ''));
    } else if (item && typeof item === 'object') {
      secretValuesIn(item, out, depth + 1);
    }
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
