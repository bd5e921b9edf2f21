import {createHash, randomBytes, timingSafeEqual} from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * Every secret the emulator hands out comes from here: random per start, never a literal.
 * Letters and digits only (about 5.95 bits each), so a secret never starts like a command-line flag.
 */
export function randomSecret(length = 43): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length)) {
      // 248 = 4 * 62: rejecting the rest keeps every character equally likely.
      if (byte < 248 && out.length < length) out += ALPHABET[byte % 62];
    }
  }
  return out;
}

export function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** Constant-time comparison of a presented secret with a stored hash. */
function secretMatches(presented: string, storedHash: Buffer): boolean {
  const hash = sha256(presented);
  return hash.length === storedHash.length && timingSafeEqual(hash, storedHash);
}

/** A hash to compare against when the client id is unknown, so both paths cost the same. */
const DUMMY_HASH = sha256(randomSecret());

/** A fresh client secret and what the emulator keeps of it (the hash and the mask, API.md §12.3). */
export function newClientSecret(createdAt: string): {
  secret: string;
  record: {hash: Buffer; masked: string; createdAt: string};
} {
  const secret = randomSecret();
  return {secret, record: {hash: sha256(secret), masked: `****${secret.slice(-4)}`, createdAt}};
}

/** Whether `presented` is one of the client's active secrets (every one is compared). */
export function clientSecretMatches(
  presented: string,
  secrets: ReadonlyArray<{hash: Buffer}> | undefined,
): boolean {
  let ok = false;
  for (const {hash} of secrets?.length ? secrets : [{hash: DUMMY_HASH}])
    if (secretMatches(presented, hash)) ok = true;
  return ok && secrets !== undefined && secrets.length > 0;
}
