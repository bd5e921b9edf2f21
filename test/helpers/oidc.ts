/** The emulator's token endpoint as an application would call it (plain fetch, no client). */
import type {Emulator} from '../../source/emulator/index.js';

/** Exchanges client credentials at the NAM login host (client_credentials); the HTTP status. */
export async function exchangeClient(
  emu: Emulator,
  clientId: string,
  clientSecret: string,
): Promise<number> {
  const response = await fetch(`${emu.zones.nam.login}/oidc/token`, {
    method: 'POST',
    headers: {'content-type': 'application/x-www-form-urlencoded'},
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
    }),
  });
  await response.arrayBuffer();
  return response.status;
}

/** How many token requests the emulator has answered (a verification starts with one). */
export function tokenRequests(emu: Emulator): number {
  return emu.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/oidc/token')).length;
}
