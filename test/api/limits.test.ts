/** The documented limits, as the client reports them (API.md §6.2, §6.3). */
import {afterAll, beforeAll, expect, it} from 'vitest';
import {ApiError} from '../../source/api/errors.js';
import {clientFor, start, takeOrg, type Emu} from './support.js';

let emu: Emu;
let client: ReturnType<typeof clientFor>;

beforeAll(async () => {
  emu = await start({seed: {extraOrgs: 2}});
  client = clientFor(emu);
});

afterAll(async () => {
  await client?.close();
  await emu?.close();
});

async function refusal(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

it('refuses the 21st service account in an org', async () => {
  const orgId = takeOrg(emu);
  const existing = (await client.listServiceAccounts(orgId)).length;
  for (let n = existing; n < 20; n++) await client.createServiceAccount(orgId, {name: `app ${n}`});
  expect(await client.listServiceAccounts(orgId)).toHaveLength(20);
  const error = await refusal(client.createServiceAccount(orgId, {name: 'one too many'}));
  expect(error).toMatchObject({
    status: 400,
    goaName: 'bad_request',
    endpoint: 'create service account',
  });
  expect(error.serverMessage).toMatch(/20/);
  expect(error.message).toContain(error.serverMessage);
  expect(await client.listServiceAccounts(orgId)).toHaveLength(20);
});

it('refuses a 3rd client for one account', async () => {
  const orgId = takeOrg(emu);
  const sa = await client.createServiceAccount(orgId, {name: 'two clients'});
  await client.createClient(orgId, sa.id);
  await client.createClient(orgId, sa.id);
  const error = await refusal(client.createClient(orgId, sa.id));
  expect(error).toMatchObject({status: 400, goaName: 'bad_request', endpoint: 'create client'});
  expect(error.serverMessage).toMatch(/2/);
  expect(await client.listClients(orgId, sa.id)).toHaveLength(2);
});
