/**
 * NO_COLOR (no-color.org) on the built app in a real terminal: with it set, the screen carries no
 * colour codes at all, and its meaning stays in words and marks; FORCE_COLOR wins over it; without
 * either, the same screen is coloured (so the check can fail).
 */
import {afterEach, describe, expect, it} from 'vitest';
import {TmuxSession} from '../helpers/tmux.js';

const BIN = process.env.FLEXERA_SA_TEST_BIN ?? 'dist/cli.js';

const sessions: TmuxSession[] = [];
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((session) => session.stop()));
});

/** SGR colour parameters (foreground, background, 256/true colour) in tmux's `capture-pane -e`. */
function colourCodes(screen: string): string[] {
  const found: string[] = [];
  // eslint-disable-next-line no-control-regex -- reading escape sequences is the point here
  for (const [, params] of screen.matchAll(/\x1b\[([0-9;:]*)m/g)) {
    const list = params!.split(/[;:]/).map(Number);
    for (let i = 0; i < list.length; i++) {
      const p = list[i]!;
      if (p === 38 || p === 48) found.push(`${p};…`);
      if ((p >= 30 && p <= 37) || (p >= 40 && p <= 47) || (p >= 90 && p <= 97) || p >= 100)
        found.push(String(p));
      if (p === 38 || p === 48) i += list[i + 1] === 5 ? 2 : 4;
    }
  }
  return found;
}

async function firstScreen(env: Record<string, string>): Promise<string> {
  const session = new TmuxSession({columns: 100, rows: 30, env: {TERM: 'xterm-256color', ...env}});
  sessions.push(session);
  await session.start(['node', BIN, '--sandbox']);
  await session.waitFor('Acme Corp');
  // The list with its marks and the footer's key hints, coloured in normal runs.
  await session.send('Enter');
  await session.waitFor('billing-export');
  return session.screen({escapes: true});
}

describe('NO_COLOR', () => {
  it('without it the account list is coloured (the check below can fail)', async () => {
    expect(colourCodes(await firstScreen({})).length).toBeGreaterThan(0);
  });

  it('with NO_COLOR=1 no colour code reaches the terminal, and the marks and words stay', async () => {
    const screen = await firstScreen({NO_COLOR: '1'});
    expect(colourCodes(screen)).toEqual([]);
    expect(screen).toContain('›');
    expect(screen).toContain('billing-export');
  });

  it('FORCE_COLOR wins over NO_COLOR', async () => {
    expect(
      colourCodes(await firstScreen({NO_COLOR: '1', FORCE_COLOR: '1'})).length,
    ).toBeGreaterThan(0);
  });
});
