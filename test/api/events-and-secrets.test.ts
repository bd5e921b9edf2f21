/**
 * API events, client secrets, capabilities and the spec's other answer forms (API.md §12): the
 * real client against the real emulator over HTTP, and through a proxy that answers the forms
 * the emulator does not give.
 */
import {afterEach, describe, expect, it} from 'vitest';
import {ApiError, ResponseShapeError} from '../../source/api/errors.js';
import {FlexeraClient} from '../../source/api/client.js';
import {isMissingEndpoint} from '../../source/api/client-secrets.js';
import {sameRef, serviceAccountRef} from '../../source/api/refs.js';
import type {ActivityEvent, EventPage} from '../../source/api/api-events.js';
import {startRewritingProxy, type RewritingProxy} from '../helpers/rewriting-proxy.js';
import {clientFor, recordingClock, requestsTo, start, type Emu} from './support.js';

const DAY = 86_400_000;
let emu: Emu | undefined;
let proxy: RewritingProxy | undefined;
const clients: FlexeraClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await proxy?.close();
  await emu?.close();
  emu = proxy = undefined;
});

function track<T extends FlexeraClient>(client: T): T {
  clients.push(client);
  return client;
}

/** A client of the demo user that talks to `origin` (the emulator or a proxy in front of it). */
function clientAt(e: Emu, origin: string) {
  return track(
    new FlexeraClient({
      endpoints: {zone: 'nam', api: origin, login: e.zones.nam.login, custom: true},
      credentials: {grant: 'refresh_token', refreshToken: e.refreshTokens.nam},
      env: {},
      clock: recordingClock(),
    }),
  );
}

async function collect(pages: AsyncIterable<EventPage>) {
  const out: EventPage[] = [];
  for await (const page of pages) out.push(page);
  return {pages: out, events: out.flatMap((page) => page.events)};
}

const lastWeek = () => ({from: Date.now() - 7 * DAY, to: Date.now()});

describe('reading API events', () => {
  it('reads a window in one paged read with an end bound, oldest first, and stops', async () => {
    emu = await start();
    const client = track(clientFor(emu));
    emu.resetRequests();
    const window = {from: Date.now() - 90 * DAY, to: Date.now()};
    const {pages, events} = await collect(client.readApiEvents(1105, window));
    const sent = requestsTo(emu, 'GET', '/iam/v1/orgs/1105/api-events');
    expect(sent).toHaveLength(pages.length);
    expect(pages.length).toBeGreaterThan(5);
    for (const request of sent) {
      const filter = new URL(request.path, 'http://x').searchParams.get('filter');
      expect(filter).toContain('timestamp le');
    }
    expect(pages.at(-1)!.progress).toBe(1);
    const progress = pages.map((page) => page.progress);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    const times = events.map((event) => event.at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    // Lenient where the service is: no principal, no path, no response code.
    expect(events.some((event) => event.principal === undefined)).toBe(true);
    expect(events.some((event) => event.path === undefined)).toBe(true);
    expect(events.some((event) => event.status === undefined)).toBe(true);
    const billing = events.filter(
      (event) => event.principal?.kind === 'service-account' && event.principal.id === 2257,
    );
    expect(billing.length).toBeGreaterThan(200);
    expect(sameRef(billing[0]!.principal!.ref!, serviceAccountRef(2257))).toBe(true);
  });

  it('follows an absolute nextPage on the same origin', async () => {
    emu = await start({forms: {nextPage: 'absolute'}});
    const client = track(clientFor(emu));
    const {pages, events} = await collect(client.readApiEvents(1105, lastWeek(), {pageSize: 20}));
    expect(pages.length).toBeGreaterThan(2);
    expect(new Set(events.map((e) => `${e.at}${e.method}${e.path}`)).size).toBeGreaterThan(40);
    // Users page the same way.
    const users = await client.listOrgUsers(1105);
    expect(users.length).toBe(emu.seed.primaryOrgUserCount);
  });

  it('ends on an empty page when the service keeps sending nextPage', async () => {
    emu = await start();
    // A service that ignores the end bound: it answers as to a read without one (§12.1).
    proxy = await startRewritingProxy(emu.zones.nam.api, {
      url: (path) => {
        const url = new URL(path, 'http://x');
        if (!url.pathname.endsWith('/api-events') || url.searchParams.has('skipToken')) return path;
        url.searchParams.set(
          'filter',
          url.searchParams.get('filter')!.replace(/ and timestamp le '[^']*'/, ''),
        );
        return `${url.pathname}${url.search}`;
      },
    });
    const client = clientAt(emu, proxy.origin);
    const {pages} = await collect(client.readApiEvents(1105, lastWeek(), {pageSize: 50}));
    expect(pages.at(-1)!.events).toEqual([]);
    expect(pages.at(-1)!.progress).toBe(1);
    expect(pages.slice(0, -1).every((page) => page.events.length > 0)).toBe(true);
  });

  it('reads string ids, a missing principal, path or code, and skips items without a time', async () => {
    emu = await start();
    proxy = await startRewritingProxy(emu.zones.nam.api, {
      body: (path, body) => {
        if (!path.includes('/api-events')) return undefined;
        type Raw = {principal?: {id?: number}; request: object};
        const page = body as {values: Raw[]};
        const [first, second, third, ...rest] = page.values;
        return {
          ...page,
          values: [
            {...first, principal: {...first!.principal, id: String(first!.principal?.id ?? 1)}},
            {...second, principal: null, request: {...second!.request, httpPath: null}},
            {...third, response: {httpStatus: ''}},
            {kind: 'iam:api-event', note: 'no timestamp'},
            ...rest,
          ],
        };
      },
    });
    const client = clientAt(emu, proxy.origin);
    const {pages, events} = await collect(client.readApiEvents(1105, lastWeek(), {pageSize: 10}));
    expect(pages[0]!.skipped).toBe(1);
    const [a, b, c] = events as [ActivityEvent, ActivityEvent, ActivityEvent];
    expect(typeof a.principal?.id).toBe('number');
    expect(b.principal).toBeUndefined();
    expect(b.path).toBeUndefined();
    expect(c.status).toBeUndefined();
  });

  it('refuses a nextPage to another origin', async () => {
    emu = await start();
    proxy = await startRewritingProxy(emu.zones.nam.api, {
      body: (path, body) =>
        path.includes('/api-events')
          ? {...(body as object), nextPage: 'https://elsewhere.example/iam/v1/orgs/1105/api-events'}
          : undefined,
    });
    const client = clientAt(emu, proxy.origin);
    await expect(collect(client.readApiEvents(1105, lastWeek()))).rejects.toBeInstanceOf(
      ResponseShapeError,
    );
  });

  it('stops when cancelled, sending nothing more', async () => {
    emu = await start();
    const client = track(clientFor(emu));
    const controller = new AbortController();
    emu.resetRequests();
    let seen = 0;
    const reading = (async () => {
      for await (const _page of client.readApiEvents(
        1105,
        {from: Date.now() - 90 * DAY, to: Date.now()},
        {
          pageSize: 10,
          signal: controller.signal,
        },
      )) {
        seen++;
        if (seen === 2) controller.abort();
      }
    })();
    await expect(reading).rejects.toThrow();
    expect(seen).toBe(2);
    expect(requestsTo(emu, 'GET', '/iam/v1/orgs/1105/api-events').length).toBeLessThanOrEqual(3);
  });

  it('says which privilege is missing (org owner or iam_admin)', async () => {
    emu = await start();
    const client = track(clientFor(emu));
    const error = await collect(client.readApiEvents(1207, lastWeek())).then(
      () => undefined,
      (e: unknown) => e as ApiError,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error!.status).toBe(403);
    expect(error!.requiredPrivilege).toBe('iam:api_event:index||common:org:own');
  });
});

describe('client secrets and capabilities', () => {
  it('adds a secret to the same client, lists them masked, deletes the old one', async () => {
    emu = await start();
    const client = track(clientFor(emu));
    const seeded = emu.seed.serviceAccounts.find((sa) => sa.id === 2257)!.clients[0]!;
    const ref = {orgId: 1105, serviceAccountId: 2257, clientId: seeded.clientId};
    expect(await client.listClientSecrets(ref)).toHaveLength(1);
    const added = await client.addClientSecret(ref);
    expect(added.client.clientId).toBe(seeded.clientId);
    expect(added.client).not.toHaveProperty('clientSecret');
    const listed = await client.listClientSecrets(ref);
    expect(listed.map((s) => s.maskedClientSecret)).toEqual([
      `****${seeded.clientSecret.slice(-4)}`,
      `****${added.clientSecret.slice(-4)}`,
    ]);
    expect(listed.every((s) => s.status === 'active')).toBe(true);
    await client.deleteOldClientSecret(ref);
    expect(await client.listClientSecrets(ref)).toHaveLength(1);
    // A 400 for the last secret is not retried and says why.
    const error = await client.deleteOldClientSecret(ref).then(
      () => undefined,
      (e: unknown) => e as ApiError,
    );
    expect(error?.status).toBe(400);
    expect(error?.attempts).toBe(1);
  });

  it('tells a deployment without the secret endpoints by its 404', async () => {
    emu = await start({forms: {clientSecrets: false}});
    const client = track(clientFor(emu));
    const seeded = emu.seed.serviceAccounts.find((sa) => sa.id === 2257)!.clients[0]!;
    const error = await client
      .listClientSecrets({orgId: 1105, serviceAccountId: 2257, clientId: seeded.clientId})
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(isMissingEndpoint(error)).toBe(true);
  });

  it('lists capabilities', async () => {
    emu = await start();
    const client = track(clientFor(emu));
    const names = (await client.listCapabilities(1105)).map((c) => c.capabilityName);
    expect(names).toContain('iam');
    expect(names).not.toContain('sbom');
  });
});

describe('access rules in the SPEC example form (§12.7)', () => {
  it('reads string ids, refs without ref:, and project rules in the unfiltered list', async () => {
    emu = await start({forms: {specExampleRules: true, projectRulesInList: true}});
    const client = track(clientFor(emu));
    const rules = await client.listAccessRules(1105);
    const project = rules.find((rule) => rule.scope?.kind === 'iam:project');
    expect(project?.scope?.id).toBe(2346);
    expect(project?.subject.ref).toBe('nam:::iam:user:121465');
    const billing = rules.filter((rule) => sameRef(rule.subject.ref, serviceAccountRef(2257)));
    expect(billing.map((rule) => rule.role.name)).toEqual(['billing_center_viewer']);
  });
});
