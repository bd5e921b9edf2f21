/**
 * The screen catalogue: every screen of the real app, in the states that matter, at the stated
 * minimum (60×16), a common size (80×24) and a large one (200×50), each against the emulator over
 * real HTTP. For each state's frame:
 *
 * - it fits: no line wider than the terminal (display columns), at most rows − 1 lines;
 * - nothing overlaps and nothing leaves the terminal, read from Ink's laid-out tree
 *   (test/helpers/layout.ts);
 * - the state's essential lines are visible whole (a dialog's question, an error, the secret).
 *
 *   catalogue('clients', [
 *     {name: 'empty', start: (emu) => ({routes: …}), reach: async (ui) => …, essential: () => […]},
 *   ]);
 *
 * A secret never reaches a failure message: it is checked by a yes/no and replaced by <secret>
 * in the layout problems.
 */
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import type {Emulator, EmulatorOptions} from '../../../source/emulator/index.js';
import type {Route} from '../../../source/navigation.js';
import {displayWidth} from '../../../source/ui/text.js';
import {
  renderApp,
  startTestEmulator,
  testSession,
  type TestSessionOptions,
} from '../../helpers/app.js';
import {frameLines, type InkHandle} from '../../helpers/ink.js';
import {layoutProblems} from '../../helpers/layout.js';
import {fakeTool, tempDir} from '../credentials/support.js';

const SIZES = [
  {columns: 60, rows: 16},
  {columns: 80, rows: 24},
  {columns: 200, rows: 50},
] as const;

type Size = (typeof SIZES)[number];

export interface StateContext {
  readonly emu: Emulator;
  readonly ui: InkHandle;
  readonly size: Size;
  /** The environment the session's helper processes see (a fake clipboard tool's PATH). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Values the state's reach found (a client id, the secret read through the fake clipboard). */
  readonly found: Map<string, string>;
}

export interface ScreenState {
  readonly name: string;
  /** Sizes to skip, only where the state cannot exist there (say why). */
  readonly sizes?: readonly Size[];
  /** Emulator options (seed, forms) where the state needs them. */
  readonly emulator?: EmulatorOptions;
  /** The session and the route stack to start on (emulator already seeded). */
  start(emu: Emulator):
    | Promise<{routes?: Route[]; session?: TestSessionOptions}>
    | {
        routes?: Route[];
        session?: TestSessionOptions;
      };
  /** Keys and waits that bring the screen into the state; resolves once it is drawn. */
  reach(context: StateContext): Promise<void>;
  /** Texts that must each be visible whole (a sentence may wrap at word breaks). */
  essential(context: StateContext): readonly string[];
  /** Values that must be visible whole but may wrap (a secret): checked without printing them. */
  secret?(context: StateContext): string | undefined;
}

// A row's edges: spaces and the box-drawing of a panel's border.
const EDGES = /^[\s│╭╮╰╯─]+|[\s│╭╮╰╯─]+$/g;

/** The frame's rows joined without their edges: a value wrapped across rows reads whole. */
function joinedRows(frame: string, separator: string): string {
  const joined = frameLines(frame)
    .map((line) => line.replace(EDGES, ''))
    .join(separator);
  return separator === '' ? joined : joined.replace(/\s+/g, ' ');
}

/** A read that does not answer while the test looks: the screen shows its loading state. */
export function slowRead(emu: Emulator, path: string): void {
  emu.faults.inject({method: 'GET', path, fault: {type: 'latency', ms: 60_000}});
}

/** A read that always answers 500: the screen shows its error state. */
export function failingRead(emu: Emulator, path: string): void {
  emu.faults.inject({method: 'GET', path, times: Infinity, fault: {type: 'status', status: 500}});
}

/** The path of an account's clients in the primary org. */
export const clientsPath = (emu: Emulator, accountId: number) =>
  `/iam/v1/orgs/${emu.seed.orgIds.primary}/service-accounts/${accountId}/clients`;

/** A fake clipboard tool (xclip) for the session, so `y` hands the secret to a file the test reads. */
export async function clipboardSession(): Promise<TestSessionOptions> {
  const bin = await tempDir('flexera-sa-bin-');
  await fakeTool(bin, 'xclip');
  return {services: {env: {PATH: bin, DISPLAY: ':0'}}};
}

/** `y` copies the shown-once secret through the fake xclip; keeps it as found 'secret'. */
export async function copySecret({ui, found, env}: StateContext): Promise<void> {
  await ui.press('y');
  await waitVisible(ui, 'Copied to the clipboard');
  found.set('secret', await readFile(path.join(env.PATH!, 'xclip.stdin'), 'utf8'));
}

/** True when the frame shows `text` whole, read across wrapped rows (as a person reads it). */
export function visible(frame: string, text: string): boolean {
  return joinedRows(frame, ' ').includes(text.replace(/\s+/g, ' '));
}

/** Waits until the frame shows `text` whole (see visible). */
export function waitVisible(ui: InkHandle, text: string, timeout?: number): Promise<string> {
  return ui.waitFor((frame) => visible(frame, text), {label: JSON.stringify(text), timeout});
}

/** Every check on one drawn state; returns the problems (empty when the frame is sound). */
function frameProblems(context: StateContext, state: ScreenState): string[] {
  const {ui, size} = context;
  const frame = ui.lastFrame();
  const secret = state.secret?.(context);
  const hide = (s: string) => (secret ? s.split(secret).join('<secret>') : s);
  const problems: string[] = [];
  const lines = frameLines(frame);
  if (lines.length > size.rows - 1) {
    problems.push(`${lines.length} lines, more than ${size.rows - 1}`);
  }
  for (const line of lines) {
    if (displayWidth(line) > size.columns) {
      problems.push(`wider than ${size.columns}: ${JSON.stringify(hide(line))}`);
    }
  }
  problems.push(...layoutProblems(ui, size).map(hide));
  for (const text of state.essential(context)) {
    if (!visible(frame, text)) problems.push(`not visible whole: ${text}`);
  }
  if (secret !== undefined && !joinedRows(frame, '').includes(secret)) {
    problems.push('the secret is not visible whole');
  }
  return problems.map((problem) => `${size.columns}×${size.rows}: ${problem}`);
}

/** One describe per screen, one test per state and size. */
export function catalogue(screen: string, states: readonly ScreenState[]): void {
  describe(`screen catalogue: ${screen}`, () => {
    for (const state of states) {
      for (const size of state.sizes ?? SIZES) {
        it(`${state.name} at ${size.columns}×${size.rows}`, async () => {
          const emu = await startTestEmulator(state.emulator);
          const {routes, session} = await state.start(emu);
          const ui = renderApp(testSession(emu, session), {routes, ...size});
          const env = session?.services?.env ?? {};
          const context: StateContext = {emu, ui, size, env, found: new Map()};
          await state.reach(context);
          const problems = frameProblems(context, state);
          const secret = state.secret?.(context);
          const shown = secret ? ui.lastFrame().split(secret).join('<secret>') : ui.lastFrame();
          expect(problems, `frame:\n${shown}`).toEqual([]);
        });
      }
    }
  });
}
