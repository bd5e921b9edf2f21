/**
 * The client secret on screen right now, held in memory only so that a crash of the app can still
 * offer it (source/terminal/crash.ts): it is shown once and cannot be fetched again. Set by the
 * mint hook when it hands a secret over, released when the screen that showed it goes away.
 */
import type {EndpointsInput} from './facts.js';

export interface ShownSecret {
  endpoints: EndpointsInput;
  orgId: number;
  serviceAccountId: number;
  clientId: string;
  clientSecret: string;
}

let current: ShownSecret | undefined;

/** Holds `secret`; the returned function releases it (if it is still the one held). */
export function holdShownSecret(secret: ShownSecret): () => void {
  current = secret;
  return () => {
    if (current === secret) current = undefined;
  };
}

/** The held secret, if any; it is released by taking it. */
export function takeShownSecret(): ShownSecret | undefined {
  const secret = current;
  current = undefined;
  return secret;
}
