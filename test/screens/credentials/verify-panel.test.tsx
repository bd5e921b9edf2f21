import {describe, expect, it} from 'vitest';
import type {VerifyResult} from '../../../source/hooks/verify.js';
import {VerifyPanel} from '../../../source/screens/credentials/index.js';
import {startTestEmulator} from '../../helpers/app.js';
import {renderWithSession} from './render.js';
import {flat} from '../../helpers/frames.js';
import {mintOverHttp, seedAccount} from './support.js';

describe('VerifyPanel', () => {
  it('autoStart: a client whose account holds a role passes both steps', async () => {
    const emu = await startTestEmulator();
    const orgId = emu.seed.orgIds.primary;
    const account = seedAccount(emu, (sa) => sa.roles.length > 0 && sa.clients.length < 2);
    const credentials = await mintOverHttp(emu, orgId, account.id);
    const results: VerifyResult[] = [];
    const ui = renderWithSession(
      emu,
      <VerifyPanel
        orgId={orgId}
        call="roles"
        credentials={credentials}
        autoStart
        width={100}
        onResult={(result) => results.push(result)}
      />,
    );
    const frame = flat(await ui.waitForText('Verified: these credentials work.'));
    expect(frame).toContain(`✓ exchange the client credentials at ${emu.zones.nam.login}`);
    expect(frame).toMatch(new RegExp(`✓ list roles in org ${orgId} \\(\\d+ returned\\)`));
    expect(results).toHaveLength(1);
    expect(results[0]!.ok).toBe(true);
    expect(results[0]!.identity).toMatchObject({kind: 'service-account'});
    // The call was made as the service account, with the token from the exchange.
    expect(
      emu.requests.some(
        (r) => r.path === `/iam/v1/orgs/${orgId}/roles` && r.principal === `sa-${account.id}`,
      ),
    ).toBe(true);
  });

  it('a wrong secret: the exchange is refused, in words about client credentials', async () => {
    const emu = await startTestEmulator();
    const orgId = emu.seed.orgIds.primary;
    const account = seedAccount(emu, (sa) => sa.clients.length === 1);
    const ui = renderWithSession(
      emu,
      <VerifyPanel
        orgId={orgId}
        call="roles"
        credentials={{clientId: account.clients[0]!.clientId, clientSecret: 'not-the-secret'}}
        width={100}
      />,
    );
    await ui.waitForText('v verify: exchange these credentials');
    await ui.press('v');
    const frame = flat(await ui.waitForText('Verification failed.'));
    expect(frame).toMatch(/✗ exchange the client credentials at \S+ \(401\)/);
    expect(frame).toContain('The client credentials were refused');
    expect(frame).not.toContain('list roles in org');
    expect(frame).not.toContain('not-the-secret');
  });

  it('a 500 at the login host is worded by describe.ts; v tries again', async () => {
    const emu = await startTestEmulator();
    const orgId = emu.seed.orgIds.primary;
    const account = seedAccount(emu, (sa) => sa.roles.length > 0 && sa.clients.length < 2);
    const credentials = await mintOverHttp(emu, orgId, account.id);
    const remove = emu.faults.inject({
      path: '/oidc/token',
      times: Infinity,
      fault: {type: 'status', status: 500},
    });
    const ui = renderWithSession(
      emu,
      <VerifyPanel orgId={orgId} call="roles" credentials={credentials} width={100} />,
    );
    await ui.press('v');
    const frame = flat(await ui.waitForText('Verification failed.'));
    expect(frame).toContain('had a problem (500)');
    expect(frame).toContain('Press v to try again.');
    remove();
    await ui.press('v');
    await ui.waitForText('Verified: these credentials work.');
  });

  it('shows the step under way while the login host is slow', async () => {
    const emu = await startTestEmulator();
    const orgId = emu.seed.orgIds.primary;
    const account = seedAccount(emu, (sa) => sa.roles.length > 0 && sa.clients.length < 2);
    const credentials = await mintOverHttp(emu, orgId, account.id);
    emu.faults.inject({path: '/oidc/token', fault: {type: 'latency', ms: 400}});
    const ui = renderWithSession(
      emu,
      <VerifyPanel orgId={orgId} call="roles" credentials={credentials} autoStart width={100} />,
    );
    await ui.waitForText('exchanging the client credentials at');
    expect(ui.lastFrame()).toContain('Verifying the credentials…');
    await ui.waitForText('Verified: these credentials work.');
  });

  it('v does nothing while inactive', async () => {
    const emu = await startTestEmulator();
    const orgId = emu.seed.orgIds.primary;
    const ui = renderWithSession(
      emu,
      <VerifyPanel
        orgId={orgId}
        call="roles"
        credentials={{clientId: 'x', clientSecret: 'y'}}
        isActive={false}
        width={100}
      />,
    );
    await ui.waitForText('v verify');
    emu.resetRequests();
    await ui.press('v');
    await ui.press('v');
    expect(ui.lastFrame()).not.toContain('Verif');
    expect(emu.requests).toHaveLength(0);
  });

  it('while the call is not known (the roles load), v waits and the line says so', async () => {
    const emu = await startTestEmulator();
    const orgId = emu.seed.orgIds.primary;
    const ui = renderWithSession(
      emu,
      <VerifyPanel
        orgId={orgId}
        call={undefined}
        credentials={{clientId: 'x', clientSecret: 'y'}}
        autoStart
        width={100}
      />,
    );
    await ui.waitFor((f) => flat(f).includes('the call its roles allow (reading its roles…)'));
    emu.resetRequests();
    await ui.press('v');
    expect(ui.lastFrame()).not.toContain('Verif');
    expect(emu.requests).toEqual([]);
  });
});
