import type {Core} from './context.js';
import {parseTimestamp} from './time.js';
import type {EmulatorForms, EmulatorZone} from './types.js';
import {DEFAULT_FORMS, EMULATOR_ZONES} from './types.js';

/** Test controls shared by the programmatic API (index.ts) and the admin routes (admin.ts). */

export function issueRefreshToken(
  core: Core,
  zone: EmulatorZone,
  userId: number,
  options: {expiresAt?: string; createdAt?: string} = {},
): string {
  const runtime = core.zones[zone];
  if (!runtime) throw new Error(`unknown zone "${String(zone)}"`);
  if (!runtime.state.users.has(userId))
    throw new Error(`user ${userId} does not exist in zone ${zone}`);
  const toMs = (value: string | undefined, what: string) => {
    if (value === undefined) return undefined;
    const ms = parseTimestamp(value);
    if (Number.isNaN(ms)) throw new Error(`${what} must be an RFC 3339 timestamp`);
    return ms;
  };
  return runtime.tokens.issueRefreshToken(userId, core.clock(), {
    expiresAt: toMs(options.expiresAt, 'expiresAt'),
    createdAt: toMs(options.createdAt, 'createdAt'),
  });
}

/** Revokes a refresh token in whichever zone knows it; true when one was found. */
export function revokeRefreshToken(core: Core, token: string): boolean {
  for (const zone of EMULATOR_ZONES) {
    const record = core.zones[zone].tokens.findRefreshToken(token);
    if (record) {
      record.revoked = true;
      return true;
    }
  }
  return false;
}

export function setTokenLifetime(core: Core, seconds: number): void {
  if (!Number.isInteger(seconds) || seconds < 1)
    throw new Error('token lifetime must be a whole number of seconds >= 1');
  core.tokenLifetimeSeconds = seconds;
}

/** Changes some of the forms (types.ts EmulatorForms); unknown names or wrong types are refused. */
export function setForms(core: Core, forms: Partial<EmulatorForms>): void {
  const next = {...core.forms};
  for (const [name, value] of Object.entries(forms)) {
    if (!(name in DEFAULT_FORMS)) throw new Error(`unknown form "${name}"`);
    const wanted = DEFAULT_FORMS[name as keyof EmulatorForms];
    if (
      name === 'nextPage'
        ? value !== 'relative' && value !== 'absolute'
        : typeof value !== typeof wanted
    )
      throw new Error(
        `form "${name}" must be ${name === 'nextPage' ? '"relative" or "absolute"' : typeof wanted}`,
      );
    (next as Record<string, unknown>)[name] = value;
  }
  core.forms = next;
}
