/**
 * The built app in tmux at 80×24 walks through the screens that load as chunks of their own when
 * first shown (source/screens/routes.tsx, issue #15): org picker → account list → account detail
 * → roles → back. Each appears, and every frame seen on the way, the loading ones included, keeps
 * the breadcrumb on the first line and the footer on the last line of the frame (no jump).
 * Which code each chunk holds: test/package/screen-chunks.test.ts; keys typed while a screen
 * loads: test/ui/keys.test.tsx (a load the test controls; a real one is over too soon to type into).
 */
import {afterEach, describe, expect, it} from 'vitest';
import {TmuxSession} from '../helpers/tmux.js';

const BIN = process.env.FLEXERA_SA_TEST_BIN ?? 'dist/cli.js';
const COLUMNS = 80;
const ROWS = 24;

const sessions: TmuxSession[] = [];
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((session) => session.stop()));
});

/** Frames that broke the layout, with what was wrong. */
const broken: string[] = [];
/** Set by the first frame: before it the pane is blank (Node starting). */
let drawn = false;

/** The frame is rows − 1 lines: the breadcrumb first, the footer (zone, token) last. */
function checkLayout(screen: string): void {
  const lines = screen.split('\n');
  drawn ||= lines[0]!.startsWith('flexera-sa ›');
  if (!drawn) return;
  if (!lines[0]!.startsWith('flexera-sa ›')) broken.push(`no breadcrumb on line 1:\n${screen}`);
  if (!/sandbox/i.test(lines[ROWS - 2] ?? ''))
    broken.push(`no footer on line ${ROWS - 1}:\n${screen}`);
}

/** Waits for `test`, checking the layout of every screen seen meanwhile. */
function until(session: TmuxSession, test: (screen: string) => boolean): Promise<string> {
  return session.waitFor((screen) => {
    checkLayout(screen);
    return test(screen);
  });
}

describe('screens loaded when first shown, in the built app', () => {
  it('org picker → account list → account detail → roles → back, each drawn in the frame', async () => {
    broken.length = 0;
    drawn = false;
    const session = new TmuxSession({columns: COLUMNS, rows: ROWS});
    sessions.push(session);
    await session.start(['node', BIN, '--sandbox']);
    await until(session, (s) => s.includes('Acme Corp') && s.includes('› Orgs'));

    await session.send('Enter');
    await until(session, (s) => /› Acme Corp\s*$/m.test(s) && s.includes('billing-export'));

    await session.send('Enter');
    await until(session, (s) => /Clients \(/.test(s) && /Roles \(/.test(s));

    await session.send('a');
    await until(session, (s) => /› Roles\s*$/m.test(s) && /showing \d+–\d+ of \d+/.test(s));

    await session.send('Escape');
    const back = await until(
      session,
      (s) => !/› Roles/.test(s) && /Clients \(/.test(s) && !/Loading/.test(s),
    );
    expect(back.split('\n')[0]).toMatch(/^flexera-sa › Orgs › Acme Corp › \S/);
    expect(broken).toEqual([]);
  });
});
