/** HTTP_PROXY / NO_PROXY through a real proxy on 127.0.0.1 (absolute-form, no CONNECT). */
import {createServer, request, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {afterAll, beforeAll, expect, it} from 'vitest';
import {clientFor, start, type Emu} from './support.js';

let emu: Emu;
let proxy: Server;
let proxyUrl: string;
const proxied: string[] = [];

beforeAll(async () => {
  emu = await start();
  proxy = createServer((req, res) => {
    // A forward proxy receives the absolute URL in the request line.
    proxied.push(`${req.method} ${req.url}`);
    const target = new URL(req.url ?? '');
    const upstream = request(
      target,
      {method: req.method, headers: {...req.headers, host: target.host}},
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      res.writeHead(502);
      res.end('proxy could not reach the target');
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});

afterAll(async () => {
  proxy?.closeAllConnections();
  await new Promise((resolve) => proxy?.close(resolve));
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
