/** Temp directories and a real minted client for the hand-off tests. */
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {FlexeraClient} from '../../source/api/client.js';
import {serviceAccountRef} from '../../source/api/refs.js';
import type {Endpoints} from '../../source/api/zones.js';
import type {Emulator} from '../../source/emulator/index.js';

export async function tempDir(): Promise<{dir: string; remove: () => Promise<void>}> {
  const dir = await mkdtemp(path.join(tmpdir(), 'flexera-sa-handoff-'));
  return {dir, remove: () => rm(dir, {recursive: true, force: true})};
}

export function emulatorEndpoints(emu: Emulator): Endpoints {
  return {zone: 'nam', api: emu.zones.nam.api, login: emu.zones.nam.login, custom: true};
}

export interface Minted {
  orgId: number;
  serviceAccountId: number;
  clientId: string;
  clientSecret: string;
}

/** Creates an account holding `policy_viewer` in the NAM demo org and mints a client for it. */
export async function mintClient(emu: Emulator, name: string): Promise<Minted> {
  const client = new FlexeraClient({
    endpoints: emulatorEndpoints(emu),
    credentials: {grant: 'refresh_token', refreshToken: emu.refreshTokens.nam},
    env: {},
  });
  try {
    const orgId = emu.seed.orgIds.primary;
    const sa = await client.createServiceAccount(orgId, {name});
    await client.grantRole(orgId, {
      role: {name: 'policy_viewer'},
      subjectRef: serviceAccountRef(sa.id),
    });
    const {client: created, clientSecret} = await client.createClient(orgId, sa.id);
    return {orgId, serviceAccountId: sa.id, clientId: created.clientId, clientSecret};
  } finally {
    await client.close();
  }
}
