/** Catalogue set-up over the emulator's HTTP API, as the demo user (no app involved). */
import type {Emulator} from '../../../source/emulator/index.js';

async function demoToken(emu: Emulator): Promise<string> {
  const response = await fetch(`${emu.zones.nam.login}/oidc/token`, {
    method: 'POST',
    headers: {'content-type': 'application/x-www-form-urlencoded'},
    body: new URLSearchParams({grant_type: 'refresh_token', refresh_token: emu.refreshTokens.nam}),
  });
  const {access_token: accessToken} = (await response.json()) as {access_token: string};
  return accessToken;
}

/** Creates a service account in the primary org; returns its id. */
export async function createAccount(
  emu: Emulator,
  name: string,
  description?: string,
): Promise<number> {
  const orgId = emu.seed.orgIds.primary;
  const response = await fetch(`${emu.zones.nam.api}/iam/v1/orgs/${orgId}/service-accounts`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${await demoToken(emu)}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({name, ...(description === undefined ? {} : {description})}),
  });
  await response.arrayBuffer();
  if (response.status !== 201) throw new Error(`create answered ${response.status}`);
  return Number(response.headers.get('location')!.split('/').pop());
}

/** A name long enough to be cut at every size the catalogue draws (but within the API's 512). */
export const LONG_NAME =
  'quarterly-cloud-cost-allocation-export-for-the-finance-data-warehouse-in-eu-west-and-apac-regions-with-a-very-long-suffix-for-tests';
export const LONG_DESCRIPTION =
  'Exports the allocated cloud cost of every business unit to the finance warehouse each night, then reconciles it against the invoices of the month, and files a ticket when the totals differ by more than one percent.';
