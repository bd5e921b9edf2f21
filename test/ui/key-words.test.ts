/**
 * One word for each action (issue 12): a key's footer word (`hint`) is the word its help sentence
 * uses, a screen's footer and help say the same word for the same key, and README's key table and
 * its key mentions ("`x` delete") say the footer word of that key on the screen they describe.
 */
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {NetworkError} from '../../source/api/errors.js';
import {ZONES} from '../../source/api/zones.js';
import * as accountDetail from '../../source/screens/account-detail/input.js';
import * as accountList from '../../source/screens/account-list/input.js';
import {ACTIVITY_HELP, ACTIVITY_HINTS, OPEN_ACTIVITY} from '../../source/screens/activity/keys.js';
import * as clients from '../../source/screens/clients/input.js';
import * as guide from '../../source/screens/guide/input.js';
import {
  CHANGES_HELP,
  CHANGES_HINTS,
  OPEN_ORG_CHANGES,
} from '../../source/screens/org-changes/keys.js';
import {ORG_PICKER_HELP, ORG_PICKER_HINTS} from '../../source/screens/org-picker/keys.js';
import * as rolePicker from '../../source/screens/role-picker/input.js';
import * as rotate from '../../source/screens/rotate/input.js';
import * as signIn from '../../source/screens/sign-in/input.js';
import {
  DIALOG_ACTIONS,
  GLOBAL_HELP,
  type ActionMap,
  type KeyBinding,
} from '../../source/ui/keys/keymap.js';
import {REPO} from '../secrets/helpers/keyring.js';

const list = (keys: ActionMap | readonly KeyBinding[]): KeyBinding[] =>
  Array.isArray(keys) ? [...keys] : Object.values(keys as ActionMap);

const retryable = new NetworkError(
  {
    endpoint: 'exchange the refresh token',
    method: 'POST',
    path: '/oidc/token',
    template: '/oidc/token',
    origin: 'http://127.0.0.1:9',
  },
  'ECONNREFUSED',
  'refused',
  1,
);
const endpoints = {zone: 'nam', ...ZONES.nam} as never;

interface ScreenKeys {
  /** What the help overlay lists for the screen. */
  help: KeyBinding[];
  /** Every footer the screen shows, in any state. */
  footers: KeyBinding[][];
}

/** Each screen's help and footers, under the name README gives the screen (**Name**). */
const SCREENS: Record<string, ScreenKeys> = {
  'Sign in': {
    help: [...signIn.HELP],
    footers: (
      [
        {step: 'idle'},
        {step: 'checking', endpoints},
        {step: 'refused', endpoints, error: retryable},
        {step: 'failed', endpoints, error: retryable},
        {step: 'probing', endpoints, probes: []},
      ] as const
    ).flatMap((state) =>
      (['zone', 'token'] as const).map((stage) => [
        ...signIn.hintsFor(state as never, stage, true, true),
      ]),
    ),
  },
  Orgs: {help: list(ORG_PICKER_HELP), footers: [list(ORG_PICKER_HINTS)]},
  'Service accounts': {
    help: list(accountList.HELP),
    footers: [list(accountList.HINTS), list(accountList.CLOSE_HINTS)],
  },
  Account: {
    help: list(accountDetail.HELP),
    footers: [list(accountDetail.HINTS), list(accountDetail.CLOSE_HINTS)],
  },
  Roles: {
    help: list(rolePicker.HELP),
    footers: (['pick', 'preview', 'curl', 'applying'] as const).flatMap((stage) => [
      list(rolePicker.pickerHints(stage, false, false)),
      list(rolePicker.pickerHints(stage, true, false)),
    ]),
  },
  Clients: {
    help: list(clients.HELP),
    footers: [list(clients.LIST_HINTS), list(clients.MINTED_HINTS)],
  },
  'Guided setup': {
    help: list(guide.HELP),
    footers: (['about', 'roles', 'review', 'run', 'handoff', 'verify'] as const).flatMap((step) => [
      list(guide.guideHints(step, false, false)),
      list(guide.guideHints(step, true, true)),
    ]),
  },
  Rotation: {
    help: list(rotate.HELP),
    footers: [...Object.values(rotate.HINTS).map(list), list(rotate.START_HINTS)],
  },
  Activity: {help: list(ACTIVITY_HELP), footers: [list(ACTIVITY_HINTS)]},
  Changes: {help: list(CHANGES_HELP), footers: [list(CHANGES_HINTS)]},
};

/** The keys that open a screen from another one (`u` activity, `h` changes). */
const OPENERS = [OPEN_ACTIVITY, OPEN_ORG_CHANGES];

const STEP_KEYS = new Set(['enter', 'esc', 'tab', 'shiftTab', 'up', 'down', 'left', 'right']);
const word = (hint: string) => hint.toLowerCase().split(/[\s/]+/)[0]!;

describe('one word for each action', () => {
  it('every help sentence uses its key footer word (what the help overlay shows)', () => {
    const bindings = [
      ...GLOBAL_HELP,
      ...list(DIALOG_ACTIONS),
      ...OPENERS,
      ...Object.values(SCREENS).flatMap((s) => [...s.help, ...s.footers.flat()]),
    ];
    const missing = [
      ...new Set(
        bindings
          .filter((b) => !b.description.toLowerCase().includes(word(b.hint).replace(/s$/, '')))
          .map((b) => `${b.label} ${b.hint}: "${b.description}"`),
      ),
    ];
    expect(missing).toEqual([]);
  });

  it("a screen's footer says the same word for a key as its help", () => {
    const drift: string[] = [];
    for (const [name, screen] of Object.entries(SCREENS)) {
      for (const footer of screen.footers.flat()) {
        // Enter, Esc, Tab and arrows take the words of the step or field they act in; a letter
        // (or / ? Space) is one action on a screen.
        if (footer.keys.some((k) => STEP_KEYS.has(k))) continue;
        const help = screen.help.find((b) => b.keys.some((k) => footer.keys.includes(k)));
        if (help && help.hint !== footer.hint) {
          drift.push(
            `${name}: footer "${footer.label} ${footer.hint}", help "${help.label} ${help.hint}"`,
          );
        }
      }
    }
    expect([...new Set(drift)]).toEqual([]);
  });
});

/** README's part about the screens and their keys (ends where "Scripting" starts). */
function readmeKeysSection(): string {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  const start = readme.indexOf('### The screens');
  const end = readme.indexOf('## Scripting');
  expect(start).toBeGreaterThan(0);
  expect(end).toBeGreaterThan(start);
  // Outside code blocks: those are screens drawn by the app.
  return readme.slice(start, end).replace(/```[\s\S]*?```/g, '');
}

const NAMED: Record<string, string> = {
  '↑': 'up',
  '↓': 'down',
  PgUp: 'pageUp',
  PgDn: 'pageDown',
  Enter: 'enter',
  Esc: 'esc',
  'Ctrl+C': 'ctrl+c',
  Space: 'space',
};
const token = (key: string) => NAMED[key] ?? key;

/** The bindings of a key on a screen; for a key the screen lacks, its bindings anywhere. */
function bindingsFor(screen: string | undefined, key: string): KeyBinding[] {
  const has = (b: KeyBinding) => b.keys.includes(token(key));
  const own = screen ? SCREENS[screen] : undefined;
  const here = own ? [...own.help, ...own.footers.flat()].filter(has) : [];
  if (here.length > 0) return here;
  return [
    ...GLOBAL_HELP,
    ...OPENERS,
    ...Object.values(SCREENS).flatMap((s) => [...s.help, ...s.footers.flat()]),
  ].filter(has);
}

describe('README says the words of the key map', () => {
  it('the key table: each key does what its footer word says', () => {
    const rows = readmeKeysSection()
      .split('\n')
      .filter((line) => /^\| [^-]/.test(line) && !line.startsWith('| key'))
      .map((line) => line.split('|').map((cell) => cell.trim()))
      .map(([, keys, does]) => ({keys: keys!, does: does!}));
    expect(rows.length).toBeGreaterThanOrEqual(8);
    const drift: string[] = [];
    for (const {keys, does} of rows) {
      const first = keys.length === 1 ? keys : keys.split(/[\s,/]+/)[0]!;
      const bindings = GLOBAL_HELP.filter((b) => b.keys.includes(token(first)));
      if (bindings.length === 0) drift.push(`${keys}: no such global key`);
      else if (!bindings.some((b) => does.startsWith(b.hint))) {
        drift.push(
          `${keys}: README "${does}", the footer "${bindings.map((b) => b.hint).join('/')}"`,
        );
      }
    }
    expect(drift).toEqual([]);
  });

  it('each "`key` word" names the action by its footer word, on the screen it describes', () => {
    const text = readmeKeysSection();
    const screens = Object.keys(SCREENS);
    const drift: string[] = [];
    let screen: string | undefined;
    let checked = 0;
    // Bold screen names switch the screen; a key in backticks followed by words is a mention.
    const pattern = /\*\*([^*]+)\*\*|`([^`\s]{1,6})` ([a-z][\w./-]*(?: [\w./-]+)*)/g;
    for (const match of text.matchAll(pattern)) {
      if (match[1] !== undefined) {
        if (screens.includes(match[1])) screen = match[1];
        continue;
      }
      const [, , key, words] = match;
      const bindings = bindingsFor(screen, key!);
      if (bindings.length === 0) continue; // not a key of the app (`NO_COLOR=1`, a value)
      checked += 1;
      if (!bindings.some((b) => `${words} `.startsWith(`${b.hint} `) || words === b.hint)) {
        drift.push(
          `${screen ?? '?'}: README "\`${key}\` ${words!.slice(0, 30)}", the footer "${bindings.map((b) => `${b.label} ${b.hint}`).join('" or "')}"`,
        );
      }
    }
    expect(checked).toBeGreaterThan(15);
    expect(drift).toEqual([]);
  });
});
