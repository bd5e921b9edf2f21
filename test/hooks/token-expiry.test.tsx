import {describe, expect, it} from 'vitest';
import {tokenExpiry} from '../../source/hooks/token-expiry.js';
import {renderApp, startTestEmulator, testSession} from '../helpers/app.js';

const DAY = 86_400_000;
const now = Date.parse('2026-11-27T12:00:00Z');
const at = (days: number) => new Date(now + days * DAY).toISOString();

describe('refresh-token expiry', () => {
  it('is quiet far from the end and warns from 30 days before', () => {
    expect(tokenExpiry([{id: 'a', expiresAt: at(200)}], now)).toMatchObject({
      daysLeft: 200,
      warning: false,
      text: '200 d left',
    });
    expect(tokenExpiry([{id: 'a', expiresAt: at(30.5)}], now)?.warning).toBe(true);
    expect(tokenExpiry([{id: 'a', expiresAt: at(-1)}], now)?.text).toContain('expired');
    expect(tokenExpiry([{id: 'a'}], now)).toBeUndefined();
  });

  it('takes the latest of several tokens and says so', () => {
    const expiry = tokenExpiry(
      [
        {id: 'a', expiresAt: at(3)},
        {id: 'b', expiresAt: at(20)},
      ],
      now,
    );
    expect(expiry?.daysLeft).toBe(20);
    expect(expiry?.text).toContain('(latest)');
  });

  it('shows the warning in the footer when the API says the token ends soon', async () => {
    const emu = await startTestEmulator();
    const user = emu.seed.demoUser.nam.id;
    const soon = new Date(Date.now() + 12 * DAY + 3_600_000).toISOString();
    const token = emu.issueRefreshToken('nam', user, {expiresAt: soon});
    // Revoke the seeded token so the list holds only the short-lived one.
    emu.revokeRefreshToken(emu.refreshTokens.nam);
    const ui = renderApp(testSession(emu, {refreshToken: token}), {
      routes: [{name: 'orgs'}],
      columns: 140,
      rows: 24,
    });
    const frame = await ui.waitForText('expires in 12 d');
    expect(frame).toContain('create a new one soon');
    // The warning colour is not the only sign (NO_COLOR): a mark says it too.
    expect(frame).toContain('! token expires in 12 d');
  });
});
