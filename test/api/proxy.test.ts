/** HTTP_PROXY / NO_PROXY through a real proxy on 127.0.0.1 (absolute-form, no CONNECT). */
import {afterAll, beforeAll, expect, it} from 'vitest';
import {RecordingProxy} from '../hostile/support.js';
import {clientFor, start, type Emu} from './support.js';

let emu: Emu;
let proxy: RecordingProxy;
let proxyUrl: string;
let proxied: string[];

beforeAll(async () => {
  emu = await start();
  proxy = await new RecordingProxy().start();
  proxyUrl = proxy.url;
  proxied = proxy.seen;
});

afterAll(async () => {
  await proxy?.close();
  await emu?.close();
});

it('sends requests through HTTP_PROXY', async () => {
  proxied.length = 0;
  const client = clientFor(emu, {env: {HTTP_PROXY: proxyUrl}});
  expect(client.proxy).toEqual({httpProxy: proxyUrl, httpsProxy: '', noProxy: ''});
  const roles = await client.listRoles(emu.seed.orgIds.primary);
  expect(roles.length).toBeGreaterThan(0);
  expect(proxied).toEqual([
    `POST ${emu.zones.nam.login}/oidc/token`,
    `GET ${emu.zones.nam.api}/iam/v1/orgs/${emu.seed.orgIds.primary}/roles`,
  ]);
  await client.close();
});

it('goes direct for hosts in NO_PROXY, and when no proxy is set', async () => {
  proxied.length = 0;
  const bypass = clientFor(emu, {env: {HTTP_PROXY: proxyUrl, NO_PROXY: '127.0.0.1'}});
  await bypass.listRoles(emu.seed.orgIds.primary);
  const direct = clientFor(emu, {env: {}});
  expect(direct.proxy).toBeUndefined();
  await direct.listRoles(emu.seed.orgIds.primary);
  expect(proxied).toEqual([]);
  await Promise.all([bypass.close(), direct.close()]);
});
