/**
 * Which keys act now, read from the key handlers themselves, so the footer cannot promise a key
 * that goes elsewhere ("y copy" while a dialog owns y, "n new" while the filter takes the typing,
 * "/ filter" with no list on screen).
 *
 * Every handler registered with `useKeys` says which keys it acts on in its current state (`keys`)
 * and what it swallows besides (`takes`: 'all' for a modal, 'text' for a field). The owner of a key
 * is the first handler, in dispatch order, that lists it or swallows it: exactly the handler the
 * dispatcher would give it to. A hint is live when its key's owner lists that key; where the owner
 * is a modal (it replaces the screen's keys), only under the same words ("y copy" is not the
 * dialog's "y yes").
 */
import type {KeyBinding, KeyToken} from './keymap.js';

/** What a handler swallows beyond the keys it lists. */
export type Takes = 'all' | 'text';

export interface KeyOwner {
  readonly priority: number;
  /** The keys it acts on now; undefined = not said (then any key may be its). */
  readonly keys: readonly KeyBinding[] | undefined;
  readonly takes: Takes | undefined;
}

function canonical(token: KeyToken): string {
  return token === ' ' ? 'space' : token;
}

/** Named keys a text field turns into editing (besides every printable character). */
const EDITING = new Set(['space', 'backspace', 'left', 'right', 'home', 'end']);

function swallows(takes: Takes | undefined, token: string): boolean {
  if (takes === 'all') return token !== 'ctrl+c';
  if (takes === 'text') return [...token].length === 1 || EDITING.has(token);
  return false;
}

function sameWords(a: KeyBinding, b: KeyBinding): boolean {
  return a === b || (a.label === b.label && a.hint === b.hint);
}

/**
 * Whether `binding` reaches a handler that acts on it as shown. `owners` are in dispatch order
 * (highest priority first, as the dispatcher calls them).
 */
export function isLive(owners: readonly KeyOwner[], binding: KeyBinding): boolean {
  for (const token of binding.keys.map(canonical)) {
    for (const owner of owners) {
      // A handler that does not say what it takes might take this key: as before, shown.
      if (owner.keys === undefined) return true;
      const claim = owner.keys.find((b) => b.keys.map(canonical).includes(token));
      if (claim !== undefined) {
        if (owner.takes !== 'all' || sameWords(claim, binding)) return true;
        break;
      }
      if (swallows(owner.takes, token)) break;
    }
  }
  return false;
}

/**
 * The footer's keys: those of the modal on top (a dialog, the filter being typed, the help), then
 * the screen's hints that are live, each once.
 */
export function liveHints(
  owners: readonly KeyOwner[],
  hints: readonly KeyBinding[],
  screenPriority: number,
): KeyBinding[] {
  const top = owners.find(
    (o) => o.takes === 'all' && o.priority > screenPriority && o.keys !== undefined,
  );
  const out: KeyBinding[] = [];
  for (const binding of [...(top?.keys ?? []), ...hints]) {
    if (out.some((b) => sameWords(b, binding))) continue;
    if (isLive(owners, binding)) out.push(binding);
  }
  return out;
}
