/**
 * THE key map: every key the app reacts to, as named actions with their keys, how the key is shown
 * ("↑/k"), a footer word ("filter") and a help sentence. The footer, the help overlay and every input
 * handler read this one table, so a key and its label cannot drift apart.
 *
 * Screens add their own actions with `defineActions({...})`, which refuses (throws at module load)
 * any key already taken by the global map, so a screen can never reuse ↑ ↓ j k g G Enter Esc / ? r q.
 *
 * Ink 6 quirks are handled here, once:
 * - Backspace arrives as `key.delete` (\x7f) on most terminals, `key.backspace` only for \b.
 * - Esc arrives with `key.meta = true` (and `key.escape`), so "meta" alone is not "Alt".
 * - Shift+letter arrives as the upper-case letter with `key.shift`.
 */
import type {Key} from 'ink';

/** Named keys; any other token must be exactly one literal character ('k', 'G', '/', '?'). */
type NamedKey =
  | 'up'
  | 'down'
  | 'left'
  | 'right'
  | 'enter'
  | 'esc'
  | 'space'
  | 'tab'
  | 'shiftTab'
  | 'backspace'
  | 'pageUp'
  | 'pageDown'
  | 'home'
  | 'end'
  | `ctrl+${string}`;

/** A named key or one literal character. */
export type KeyToken = NamedKey | (string & {});

export interface KeyBinding {
  /** Keys that trigger the action. */
  readonly keys: readonly KeyToken[];
  /** How the keys are shown: "↑/k", "Enter", "/". */
  readonly label: string;
  /** One or two words for the footer: "new", "filter". */
  readonly hint: string;
  /** A sentence for the help overlay. */
  readonly description: string;
}

export type ActionMap = Readonly<Record<string, KeyBinding>>;

const bind = (
  keys: readonly KeyToken[],
  label: string,
  hint: string,
  description: string,
): KeyBinding => ({keys, label, hint, description});

/** Navigation and app-wide keys: the same meaning on every screen. */
export const GLOBAL_ACTIONS = {
  up: bind(['up', 'k'], '↑/k', 'up', 'Move up'),
  down: bind(['down', 'j'], '↓/j', 'down', 'Move down'),
  first: bind(['g', 'home'], 'g/Home', 'first', 'Jump to the first item'),
  last: bind(['G', 'end'], 'G/End', 'last', 'Jump to the last item'),
  pageUp: bind(['pageUp'], 'PgUp', 'page up', 'Move one page up'),
  pageDown: bind(['pageDown'], 'PgDn', 'page down', 'Move one page down'),
  open: bind(['enter'], 'Enter', 'open', 'Open or confirm'),
  back: bind(['esc'], 'Esc', 'back', 'Go back (closes an overlay or clears a filter first)'),
  filter: bind(['/'], '/', 'filter', 'Filter the list (Enter applies, Esc clears)'),
  help: bind(['?'], '?', 'help', 'Help: show or hide the keys for this screen'),
  refresh: bind(['r'], 'r', 'refresh', 'Refresh: read it again from the server'),
  quit: bind(['q'], 'q', 'quit', 'Quit (not while typing in a field)'),
  interrupt: bind(
    ['ctrl+c'],
    'Ctrl+C',
    'quit',
    'Quit now (asks for a second press while a change is in flight)',
  ),
} as const satisfies ActionMap;

/** The keys that move in a list or scroll a text: a line, a page, to either end. */
export const MOVE_ACTIONS = {
  up: GLOBAL_ACTIONS.up,
  down: GLOBAL_ACTIONS.down,
  first: GLOBAL_ACTIONS.first,
  last: GLOBAL_ACTIONS.last,
  pageUp: GLOBAL_ACTIONS.pageUp,
  pageDown: GLOBAL_ACTIONS.pageDown,
} as const satisfies ActionMap;

/** Standard screen actions: a screen that offers them uses these keys and no others. */
export const COMMON_ACTIONS = {
  new: bind(['n'], 'n', 'new', 'Create a new one'),
  edit: bind(['e'], 'e', 'edit', 'Edit the selected one'),
  delete: bind(['d'], 'd', 'delete', 'Delete the selected one (asks first)'),
  toggle: bind(['space'], 'Space', 'toggle', 'Toggle: check or uncheck the selected item'),
} as const satisfies ActionMap;

/** The whole built-in map. */
export const KEYMAP = {...GLOBAL_ACTIONS, ...COMMON_ACTIONS} as const;

function canonical(token: KeyToken): string {
  return token === ' ' ? 'space' : token;
}

const RESERVED = new Map<string, string>();
for (const [name, binding] of Object.entries(KEYMAP)) {
  for (const token of binding.keys) RESERVED.set(canonical(token), name);
}
// Arrows left/right and Tab belong to fields and dialogs (move the cursor, switch a choice).
for (const token of ['left', 'right', 'tab', 'shiftTab', 'backspace'])
  RESERVED.set(token, 'editing');

/**
 * Declare a screen's own actions. Throws when a key is already a global/common key or is used twice
 * in `actions`, so the clash is found when the module loads, not by a user.
 */
export function defineActions<const A extends ActionMap>(actions: A): A {
  const seen = new Map<string, string>();
  for (const [name, binding] of Object.entries(actions)) {
    if (binding.keys.length === 0) throw new Error(`Action "${name}" has no key`);
    for (const token of binding.keys) {
      assertToken(token);
      const key = canonical(token);
      const taken = RESERVED.get(key) ?? seen.get(key);
      if (taken !== undefined) {
        throw new Error(`Key "${token}" of action "${name}" is already used by "${taken}"`);
      }
      seen.set(key, name);
    }
  }
  return actions;
}

const NAMED = new Set([
  'up',
  'down',
  'left',
  'right',
  'enter',
  'esc',
  'space',
  'tab',
  'shiftTab',
  'backspace',
  'pageUp',
  'pageDown',
  'home',
  'end',
]);

function assertToken(token: string): void {
  if ([...token].length === 1 || NAMED.has(token) || /^ctrl\+[a-z]$/.test(token)) return;
  throw new Error(`Unknown key "${token}": use one character or a named key`);
}

/**
 * Keys screens commonly need, declared once so every screen uses the same letter
 * (curl is `c`, so copying is `y` as in "yank").
 */
export const SCREEN_ACTIONS = defineActions({
  mint: bind(['m'], 'm', 'mint', 'Mint a new client (clientId + secret)'),
  verify: bind(['v'], 'v', 'verify', 'Verify the credentials against the zone'),
  curl: bind(['c'], 'c', 'curl', 'Show a curl command that uses these credentials'),
  reveal: bind(['s'], 's', 'show/hide', 'Show or hide the secret'),
  copy: bind(['y'], 'y', 'copy', 'Copy to the clipboard'),
  write: bind(['w'], 'w', 'write file', 'Write to a new file (mode 0600, never overwrites)'),
});

/** Esc. (Ink 6 also sets key.meta for it: never read meta alone as Alt.) */
export function isEscape(key: Key): boolean {
  return key.escape;
}

/** Backspace in Ink 6: \x7f is reported as key.delete, \b as key.backspace. */
export function isBackspace(key: Key): boolean {
  return key.backspace || key.delete;
}

/** Alt/Option held (Esc also sets meta in Ink 6, so it is excluded). */
function isAlt(key: Key): boolean {
  return key.meta && !key.escape;
}

/** A key press that is text to insert (a letter, a digit, punctuation, or a paste). */
export function isTextInput(input: string, key: Key): boolean {
  if (input === '' || key.ctrl || isAlt(key) || key.escape || key.return || key.tab) return false;
  if (isBackspace(key)) return false;
  return !(key.upArrow || key.downArrow || key.leftArrow || key.rightArrow);
}

/** Whether one key token matches this key press. */
export function matchKey(input: string, key: Key, token: KeyToken): boolean {
  switch (token) {
    case 'up':
      return key.upArrow;
    case 'down':
      return key.downArrow;
    case 'left':
      return key.leftArrow;
    case 'right':
      return key.rightArrow;
    case 'enter':
      return key.return;
    case 'esc':
      return key.escape;
    case 'space':
    case ' ':
      return input === ' ' && !key.ctrl && !isAlt(key);
    case 'tab':
      return key.tab && !key.shift;
    case 'shiftTab':
      return key.tab && key.shift;
    case 'backspace':
      return isBackspace(key);
    case 'pageUp':
      return key.pageUp;
    case 'pageDown':
      return key.pageDown;
    case 'home':
      return key.home;
    case 'end':
      return key.end;
    default:
      if (token.startsWith('ctrl+')) return key.ctrl && input === token.slice(5);
      return input === token && !key.ctrl && !isAlt(key);
  }
}

/** The name of the first action in `actions` whose keys match this key press, else undefined. */
export function matchAction<A extends ActionMap>(
  input: string,
  key: Key,
  actions: A,
): (keyof A & string) | undefined {
  for (const name of Object.keys(actions) as Array<keyof A & string>) {
    const binding = actions[name];
    if (binding !== undefined && binding.keys.some((token) => matchKey(input, key, token))) {
      return name;
    }
  }
  return undefined;
}

/** Ctrl+C: the dispatcher hands it only to Critical handlers (useCtrlC). */
export function isInterrupt(input: string, key: Key): boolean {
  return GLOBAL_ACTIONS.interrupt.keys.some((token) => matchKey(input, key, token));
}

/** "n new" — how one binding appears in the footer. */
export function hintText(binding: KeyBinding): string {
  return `${binding.label} ${binding.hint}`;
}

/** "Enter verify it · Esc leave": a line of key hints on screen, built from the bindings. */
export function keyLine(...bindings: readonly KeyBinding[]): string {
  return bindings.map(hintText).join(' · ');
}

/**
 * A binding under a screen's own words ("Enter next" rather than "Enter open"). The keys stay
 * those of `base`, a binding of this map that already passed the clash check, so a re-labelled
 * key can never take a key that belongs to something else.
 */
export function relabel(
  base: KeyBinding,
  hint: string,
  description = base.description,
): KeyBinding {
  return {...base, hint, description};
}

/** The bindings of `names` taken from `actions`, in that order (for footer hints). */
export function pick<A extends ActionMap>(actions: A, ...names: Array<keyof A>): KeyBinding[] {
  return names.map((name) => actions[name]).filter((b): b is A[keyof A] => b !== undefined);
}

/** Keys of fields and forms (reserved above as "editing"). */
export const FIELD_ACTIONS = {
  nextField: bind(
    ['tab', 'down'],
    'Tab/↓',
    'next field',
    'Move to the next field (Shift+Tab/↑: previous)',
  ),
  tab: bind(['tab'], 'Tab', 'switch', 'Switch'),
} as const satisfies ActionMap;

/**
 * Keys of a yes/no dialog. The dialog is modal (nothing below sees a key while it is open), so y
 * and n do not clash with a screen's y (copy) or n (new).
 */
export const DIALOG_ACTIONS = {
  choose: bind(
    ['left', 'right', 'tab', 'h', 'l'],
    '←/→',
    'move ›',
    'Move the › between the choices',
  ),
  yes: bind(['y', 'Y'], 'y', 'yes', 'Yes, at once'),
  no: bind(['n', 'N'], 'n', 'no', 'No, at once'),
  select: relabel(GLOBAL_ACTIONS.open, 'presses ›', 'Presses the choice marked ›'),
  cancel: relabel(GLOBAL_ACTIONS.back, 'cancel', 'Cancel: nothing is done'),
} as const satisfies ActionMap;

/** While a list's filter is typed (every other key is text for it). */
export const FILTER_TYPING = {
  apply: relabel(GLOBAL_ACTIONS.open, 'apply filter', 'Keep the filter and go back to the list'),
  clear: relabel(GLOBAL_ACTIONS.back, 'clear', 'Clear the filter'),
} as const satisfies ActionMap;

/** ↑ and ↓ together, where they scroll a text rather than move in a list. */
export const SCROLL = bind(['up', 'down'], '↑↓', 'scroll', 'Scroll');
/** ↑ ↓ and the page keys together, for a text longer than a page. */
export const SCROLL_PAGES = bind(
  ['up', 'down', 'pageUp', 'pageDown'],
  '↑↓ PgUp PgDn',
  'scroll',
  'Scroll a line or a page',
);

/** The global keys shown in the help overlay's first section. */
export const GLOBAL_HELP: readonly KeyBinding[] = [
  bind(['up', 'down', 'k', 'j'], '↑↓ j k', 'move', 'Move up and down'),
  bind(['g', 'G'], 'g G', 'first/last', 'Jump to the first / last item (also Home / End)'),
  bind(['pageUp', 'pageDown'], 'PgUp PgDn', 'page', 'Move one page'),
  GLOBAL_ACTIONS.open,
  GLOBAL_ACTIONS.back,
  GLOBAL_ACTIONS.filter,
  GLOBAL_ACTIONS.refresh,
  GLOBAL_ACTIONS.help,
  GLOBAL_ACTIONS.quit,
  GLOBAL_ACTIONS.interrupt,
];
