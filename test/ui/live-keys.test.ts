import {describe, expect, it} from 'vitest';
import {
  COMMON_ACTIONS,
  DIALOG_ACTIONS,
  FILTER_TYPING,
  GLOBAL_ACTIONS,
  SCREEN_ACTIONS,
  relabel,
} from '../../source/ui/keys/keymap.js';
import {Priority} from '../../source/ui/keys/key-provider.js';
import {isLive, liveHints, type KeyOwner} from '../../source/ui/keys/live-keys.js';

const frame: KeyOwner = {
  priority: Priority.Low,
  keys: [GLOBAL_ACTIONS.help, GLOBAL_ACTIONS.quit, GLOBAL_ACTIONS.back],
  takes: undefined,
};
const screen: KeyOwner = {
  priority: Priority.Normal,
  keys: [COMMON_ACTIONS.new, SCREEN_ACTIONS.copy],
  takes: undefined,
};
const list: KeyOwner = {
  priority: Priority.Normal,
  keys: [GLOBAL_ACTIONS.open, GLOBAL_ACTIONS.filter],
  takes: undefined,
};
const HINTS = [GLOBAL_ACTIONS.open, COMMON_ACTIONS.new, SCREEN_ACTIONS.copy, GLOBAL_ACTIONS.help];

describe('live keys', () => {
  it('a hint is live when its key reaches a handler that lists it', () => {
    expect(liveHints([screen, list, frame], HINTS, Priority.Normal)).toEqual(HINTS);
    // Nothing handles `/` without the list: "/ filter" is not offered.
    expect(isLive([screen, frame], GLOBAL_ACTIONS.filter)).toBe(false);
    expect(isLive([screen, list, frame], GLOBAL_ACTIONS.filter)).toBe(true);
  });

  it('a screen may word its own keys (Enter "next"): the screen layer is not held to the words', () => {
    const next = relabel(GLOBAL_ACTIONS.open, 'next');
    expect(isLive([list, frame], next)).toBe(true);
  });

  it('a field takes the typing: letters are not live, its Enter is', () => {
    const field: KeyOwner = {
      priority: Priority.Input,
      keys: [GLOBAL_ACTIONS.open],
      takes: 'text',
    };
    const owners = [field, screen, list, frame];
    expect(isLive(owners, COMMON_ACTIONS.new)).toBe(false);
    expect(isLive(owners, GLOBAL_ACTIONS.help)).toBe(false);
    expect(isLive(owners, relabel(GLOBAL_ACTIONS.open, 'create'))).toBe(true);
    expect(isLive(owners, GLOBAL_ACTIONS.back)).toBe(true);
  });

  it('a modal owns every key: its own keys lead, the screen keeps only what it words the same', () => {
    const dialog: KeyOwner = {
      priority: Priority.Modal,
      keys: [DIALOG_ACTIONS.yes, DIALOG_ACTIONS.cancel],
      takes: 'all',
    };
    const owners = [dialog, screen, list, frame];
    // "y copy" is the dialog's "y yes" now; "? help" does not open help.
    expect(liveHints(owners, HINTS, Priority.Normal)).toEqual([
      DIALOG_ACTIONS.yes,
      DIALOG_ACTIONS.cancel,
    ]);
  });

  it('the filter being typed: its keys, not the list keys', () => {
    const typing: KeyOwner = {
      priority: Priority.Input,
      keys: [FILTER_TYPING.apply, FILTER_TYPING.clear],
      takes: 'all',
    };
    const shown = liveHints([typing, screen, list, frame], HINTS, Priority.Normal);
    expect(shown.map((b) => `${b.label} ${b.hint}`)).toEqual(['Enter apply filter', 'Esc clear']);
  });

  it('a handler that does not say what it takes leaves the hints as they were', () => {
    const unknown: KeyOwner = {priority: Priority.Normal, keys: undefined, takes: undefined};
    expect(isLive([unknown, frame], SCREEN_ACTIONS.copy)).toBe(true);
    const modal: KeyOwner = {priority: Priority.Modal, keys: [], takes: 'all'};
    expect(isLive([modal, unknown, frame], SCREEN_ACTIONS.copy)).toBe(false);
  });
});
