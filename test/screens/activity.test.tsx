import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {
  activityReducer,
  initialActivityState,
  selectCalls,
  statusClassOf,
} from '../../source/screens/activity/state.js';
import {barChart} from '../../source/screens/activity/chart.js';
import type {ActivityEvent} from '../../source/api/api-events.js';
import type {OrgSummary} from '../../source/navigation.js';
import {demoOrg, renderApp, startTestEmulator, testSession} from '../helpers/app.js';

function fits(frame: string, columns: number, rows: number) {
  const lines = frame.split('\n');
  expect(lines.length).toBeLessThanOrEqual(rows - 1);
  for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(columns);
}

const routesTo = (org: OrgSummary, accountId: number) => [
  {name: 'orgs' as const},
  {name: 'accounts' as const, org},
  {name: 'account' as const, org, accountId},
  {name: 'activity' as const, org, accountId},
];

/** The first read of 90 days of history, cold, on a busy machine. */
const READ = {timeout: 20_000, label: 'the events read'};

const done = (frame: string) => / calls, \d+ errors in 90 d/.test(frame) || frame.includes('never');

describe('activity state', () => {
  const call = (status?: number): ActivityEvent => ({at: 1, method: 'GET', status});
  it('cycles the status class and selects calls by it', () => {
    let state = initialActivityState;
    const seen = [state.statusClass];
    for (let i = 0; i < 6; i++) {
      state = activityReducer(state, {type: 'cycle-status'});
      seen.push(state.statusClass);
    }
    expect(seen).toEqual(['all', '2xx', '3xx', '4xx', '5xx', 'no code', 'all']);
    const calls = [call(200), call(404), call(503), call(undefined), call(201)];
    expect(selectCalls(calls, '2xx').map((c) => c.status)).toEqual([200, 201]);
    expect(selectCalls(calls, 'no code')).toHaveLength(1);
    expect(selectCalls(calls, 'all')).toBe(calls);
    expect(statusClassOf(302)).toBe('3xx');
    expect(activityReducer(state, {type: 'toggle-chart'}).chart).toBe(false);
    expect(activityReducer(state, {type: 'curl', open: true}).overlay).toBe('curl');
  });

  it('draws bars in eighths, groups days to fit, and marks errors', () => {
    const day = (calls: number, errors = 0) => ({day: 0, calls, errors});
    const chart = barChart([day(0), day(8), day(16, 2), day(4, 1)], 4, 1);
    expect(chart.bars).toEqual([' ▄█▂']);
    expect(chart.errors).toBe('  █▄');
    const grouped = barChart(
      Array.from({length: 90}, () => day(1)),
      45,
      2,
    );
    expect(grouped.daysPerColumn).toBe(2);
    expect(grouped.bars[0]).toHaveLength(45);
    expect(grouped.bars.join('')).toMatch(/^█+$/);
  });
});

describe('activity screen', () => {
  it('u on the account opens its calls, newest first, with the chart, at 80×24', async () => {
    const emu = await startTestEmulator();
    const org = demoOrg(emu);
    const ui = renderApp(testSession(emu), {
      routes: routesTo(org, 2257).slice(0, 3),
      columns: 80,
      rows: 24,
    });
    await ui.waitForText('Clients (');
    await ui.press('u');
    const frame = await ui.waitFor(done, READ);
    fits(frame, 80, 24);
    expect(frame).toMatch(/billing-export \(2257\) · \d{3} calls, \d+ errors in 90 d · last call/);
    expect(frame).toMatch(/[▁▂▃▄▅▆▇█]{20,}/);
    expect(frame).toContain('90 d ago');
    expect(frame).toContain('status: all (s)');
    // Newest first: the first row's time is the latest shown.
    const times = [...frame.matchAll(/^(?:› | {2})(\d\d-\d\d \d\d:\d\d) /gm)].map((m) => m[1]!);
    expect(times.length).toBeGreaterThan(5);
    expect(times).toEqual([...times].sort().reverse());
    expect(frame).toContain('python-requests');
    expect(frame).toContain('198.51.100.23');
  });

  it('filters by status class with s and by path with /', async () => {
    const emu = await startTestEmulator();
    const org = demoOrg(emu);
    const ui = renderApp(testSession(emu), {routes: routesTo(org, 2258), columns: 80, rows: 24});
    await ui.waitFor(done, READ);
    await ui.press('s');
    await ui.press('s');
    await ui.press('s');
    let frame = await ui.waitForText('status: 4xx');
    const rows = frame.split('\n').filter((line) => /^(?:› | {2})\d\d-\d\d /.test(line));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toMatch(/ 4\d\d /);
    await ui.press('s', 3);
    await ui.waitForText('status: all');
    await ui.press('/');
    await ui.type('applied');
    await ui.press('enter');
    frame = await ui.waitFor((f) => f.includes('/ applied'));
    for (const row of frame.split('\n').filter((line) => /^(?:› | {2})\d\d-\d\d /.test(line)))
      expect(row).toContain('/policy/v1/o');
    fits(frame, 80, 24);
  });

  it('says when an account was never used, and when one went quiet', async () => {
    const emu = await startTestEmulator();
    const org = demoOrg(emu);
    const never = renderApp(testSession(emu), {routes: routesTo(org, 2261), columns: 80, rows: 24});
    expect(await never.waitForText('No calls in the last 90 days', READ)).toContain('never called');
    never.unmount();
    const idle = renderApp(testSession(emu), {routes: routesTo(org, 2262), columns: 80, rows: 24});
    expect(await idle.waitFor(done, READ)).toMatch(/last call 6\d d ago/);
  });

  it('shows a progress line while the history is read', async () => {
    const emu = await startTestEmulator();
    const org = demoOrg(emu);
    emu.faults.inject({
      path: '/iam/v1/orgs/1105/api-events',
      times: 3,
      fault: {type: 'latency', ms: 400},
    });
    const ui = renderApp(testSession(emu), {routes: routesTo(org, 2257), columns: 80, rows: 24});
    const reading = await ui.waitFor((f) =>
      /Reading the org's API events… \d+% of 90 days · [\d,]+ events in [1-9]/.test(f),
    );
    fits(reading, 80, 24);
    await ui.waitFor(done, READ);
  });

  it('says which privilege is needed instead of failing', async () => {
    const emu = await startTestEmulator();
    const org = {id: emu.seed.orgIds.readOnly, name: 'Initech Labs'};
    const ui = renderApp(testSession(emu), {routes: routesTo(org, 2250), columns: 80, rows: 24});
    const frame = await ui.waitForText('Reading API events needs');
    expect(frame).toContain('iam_admin or org owner');
    fits(frame, 80, 24);
  });

  it('c shows the curl of the events read, with its end bound', async () => {
    const emu = await startTestEmulator();
    const org = demoOrg(emu);
    const ui = renderApp(testSession(emu), {routes: routesTo(org, 2257), columns: 80, rows: 24});
    await ui.waitFor(done, READ);
    await ui.press('c');
    const frame = await ui.waitForText('The same with curl');
    expect(frame).toContain('/iam/v1/orgs/1105/api-events');
    expect(frame).toContain('timestamp le');
    await ui.press('esc');
    await ui.waitFor(done, READ);
  });
});
