/** Pure helpers for the sign-in screen: hosts as shown. */
import type {Endpoints} from '../../api/zones.js';
import {inert} from '../../ui/index.js';

/** An origin as shown: https:// dropped (plain http:// stays visible), inert. */
export function hostOf(origin: string): string {
  return inert(origin.replace(/^https:\/\//, ''));
}

/** "api.flexera.com · login.flexera.com", or one origin when both are the same. */
export function hostsOf(endpoints: Pick<Endpoints, 'api' | 'login'>): string {
  return endpoints.api === endpoints.login
    ? hostOf(endpoints.api)
    : `${hostOf(endpoints.api)} · ${hostOf(endpoints.login)}`;
}
