/**
 * The environment a helper process gets (the keytar helper, the clipboard tools): the session's,
 * minus the app's own variables (FLEXERA_REFRESH_TOKEN may be among them) and NODE_OPTIONS (a
 * loader or --require from the parent must not run in a child that handles secrets).
 */
import type {Env} from './types.js';

export function childEnv(env: Env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined || /^FLEXERA_/i.test(key) || key.toUpperCase() === 'NODE_OPTIONS') {
      continue;
    }
    out[key] = value;
  }
  return out;
}
