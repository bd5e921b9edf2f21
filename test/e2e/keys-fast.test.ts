/**
 * The built app in tmux, keys sent as separate writes a few milliseconds apart (each send-keys is
 * its own write to the terminal) with no wait for the screen in between, ends on the same screen
 * and the same state as the same keys sent one by one, each after the screen answered.
 */
import {afterEach, describe, expect, it} from 'vitest';
import {TmuxSession} from '../helpers/tmux.js';

const BIN = process.env.FLEXERA_SA_TEST_BIN ?? 'dist/cli.js';

const sessions: TmuxSession[] = [];
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((session) => session.stop()));
});

/** Orgs → Acme Corp → filter "inv" → apply → open the match → its roles → back. */
const KEYS: Array<{
  keys: string[];
  literal?: boolean;
  then: string | RegExp | ((s: string) => boolean);
  /** The screen after these keys waits for the network: the fast run waits for it too. */
  network?: boolean;
}> = [
  {keys: ['Enter'], then: 'billing-export', network: true},
  {keys: ['/'], then: /^\/\s*$/m},
  {keys: ['i', 'n', 'v'], literal: true, then: /^\/ inv/m},
  {keys: ['Enter'], then: (screen) => screen.includes('/ inv') && !screen.includes('Enter apply')},
  {keys: ['Enter'], then: /Clients \(/, network: true},
  {keys: ['a'], then: /› Roles/},
  {
    keys: ['Escape'],
    then: (screen) =>
      /Acme Corp › inventory-sync\s*$/m.test(screen) && !/reading|Loading/.test(screen),
  },
];

async function start(): Promise<TmuxSession> {
  const session = new TmuxSession({columns: 100, rows: 30});
  sessions.push(session);
  await session.start(['node', BIN, '--sandbox']);
  await session.waitFor('Acme Corp');
  return session;
}

const matches = (screen: string, then: string | RegExp | ((s: string) => boolean)) =>
  typeof then === 'string'
    ? screen.includes(then)
    : typeof then === 'function'
      ? then(screen)
      : then.test(screen);

describe('keys sent fast in a real terminal', () => {
  it('end where the same keys sent slowly end', async () => {
    const slow = await start();
    for (const step of KEYS) {
      for (const key of step.keys) await slow.send(key, step.literal);
      await slow.waitFor((screen) => matches(screen, step.then));
    }
    const slowScreen = await slow.screen();

    // The same keys with no wait between them, except where a screen waits for the network
    // (keys typed at a list that has not loaded yet are not typed ahead).
    const fast = await start();
    for (const step of KEYS) {
      for (const key of step.keys) await fast.send(key, step.literal);
      if (step.network === true) await fast.waitFor((screen) => matches(screen, step.then));
    }
    // The same screen, once its reads are done.
    const fastScreen = await fast
      .waitFor((screen) => screen === slowScreen)
      .catch(async () => fast.screen());
    expect(fastScreen).toBe(slowScreen);
  });
});
