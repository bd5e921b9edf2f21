/**
 * Answers the emulator does not give: a gateway's HTML error, an Okta-shaped token error, a
 * success of the wrong shape, a nextPage to another origin. Served by a small real HTTP server.
 */
import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {afterAll, beforeAll, expect, it} from 'vitest';
import {FlexeraClient} from '../../source/api/client.js';
import {ApiError, ResponseShapeError} from '../../source/api/errors.js';
import {recordingClock} from './support.js';

let server: Server;
let origin: string;
const accessToken = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"u-9"}').toString('base64url')}.`;

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = req.url ?? '';
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const form = new URLSearchParams(body);
      if (url === '/oidc/token' && form.get('refresh_token') === 'okta-shaped-refusal') {
        res.writeHead(400, {'content-type': 'application/json'});
        res.end(
          '{"error":"invalid_grant","error_description":"The refresh token is invalid or expired."}',
        );
      } else if (url === '/oidc/token' && req.headers['content-type']?.includes('form')) {
        res.setHeader('content-type', 'application/json');
        res.end(
          JSON.stringify({access_token: accessToken, expires_in: 3600, token_type: 'Bearer'}),
        );
      } else if (url === '/okta/oidc/token') {
        res.writeHead(400, {'content-type': 'application/json'});
        res.end(
          '{"error":"invalid_grant","error_description":"The refresh token is invalid or expired."}',
        );
      } else if (url.startsWith('/iam/v1/orgs/1/roles')) {
        res.writeHead(502, {'content-type': 'text/html'});
        res.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
      } else if (url.startsWith('/iam/v1/orgs/1/projects')) {
        res.setHeader('content-type', 'application/json');
        res.end('{"values":[{"id":"not-a-number","name":7}]}');
      } else if (url.startsWith('/iam/v1/orgs/1/users')) {
        res.setHeader('content-type', 'application/json');
        res.end(
          '{"values":[],"nextPage":"https://elsewhere.example/iam/v1/orgs/1/users?skipToken=x"}',
        );
      } else {
        res.writeHead(404, {'content-type': 'text/plain'});
        res.end('no such thing');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function client(refreshToken = 'gateway-test-refresh-token') {
  return new FlexeraClient({
    endpoints: {zone: 'nam', api: origin, login: origin, custom: true},
    credentials: {grant: 'refresh_token', refreshToken},
    env: {},
    clock: recordingClock(),
    random: () => 0.5,
    retry: {maxRetries: 1},
  });
}

it('reads an HTML gateway error after the retries', async () => {
  const c = client();
  const error = (await c.listRoles(1).catch((e: unknown) => e)) as ApiError;
  expect(error).toBeInstanceOf(ApiError);
  expect(error).toMatchObject({
    status: 502,
    goaName: undefined,
    serverMessage: '502 Bad Gateway',
    attempts: 2,
  });
  await c.close();
});

it('reads an Okta-shaped token error', async () => {
  const c = client('okta-shaped-refusal');
  const error = (await c.tokens.getAccessToken().catch((e: unknown) => e)) as ApiError;
  expect(error).toBeInstanceOf(ApiError);
  expect(error).toMatchObject({status: 400, goaName: 'invalid_grant', endpoint: 'token exchange'});
  expect(error.serverMessage).toBe('The refresh token is invalid or expired.');
  await c.close();
});

it('names the endpoint and fields of a malformed success, not the values', async () => {
  const c = client();
  const error = (await c.listProjects(1).catch((e: unknown) => e)) as ResponseShapeError;
  expect(error).toBeInstanceOf(ResponseShapeError);
  expect(error.endpoint).toBe('list projects');
  expect(error.message).not.toContain('not-a-number');
  expect(error.issues.length).toBeGreaterThan(0);
  await c.close();
});

it('refuses to follow nextPage to another origin', async () => {
  const c = client();
  const error = await c.listOrgUsers(1).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ResponseShapeError);
  expect((error as Error).message).toContain('another origin');
  await c.close();
});
