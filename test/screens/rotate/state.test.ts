import {describe, expect, it} from 'vitest';
import {
  initialRotateState,
  rotateReducer,
  type RotateAction,
  type RotateState,
} from '../../../source/screens/rotate/state.js';

const run = (actions: RotateAction[], from: RotateState = initialRotateState) =>
  actions.reduce(rotateReducer, from);

describe('the rotation state', () => {
  it('starts from the first client list only: one client is the old one, two ask to retire', () => {
    const one = run([{type: 'start', clientIds: ['a']}]);
    expect(one).toMatchObject({phase: 'mint', oldId: 'a'});
    // Later answers (which include the new client) do not restart it.
    expect(run([{type: 'start', clientIds: ['a', 'b']}], one)).toBe(one);
    expect(run([{type: 'start', clientIds: ['a', 'b']}]).phase).toBe('retire');
    expect(run([{type: 'start', clientIds: []}]).phase).toBeUndefined();
  });

  it('retiring one of two makes the other the old client and goes on to mint', () => {
    const state = run([
      {type: 'start', clientIds: ['a', 'b']},
      {type: 'ask-retire', clientId: 'a'},
      {type: 'delete-failed', error: 'refused'},
      {type: 'ask-retire', clientId: 'a'},
      {type: 'retired', stays: 'b'},
    ]);
    expect(state).toMatchObject({phase: 'mint', oldId: 'b', dialog: undefined});
    expect(state.deleteError).toBeUndefined();
    expect(state.message).toBe('Retired a: its credentials no longer work.');
  });

  it('Enter on verify goes on only once the new client works', () => {
    const minted = run([
      {type: 'start', clientIds: ['a']},
      {type: 'minted', clientId: 'n'},
      {type: 'go', phase: 'verify'},
    ]);
    expect(minted).toMatchObject({phase: 'verify', newId: 'n', verified: undefined});
    const refused = run([{type: 'verified', ok: false}, {type: 'verify-next'}], minted);
    expect(refused.phase).toBe('verify');
    expect(refused.message).toMatch(/^Verify the new client first \(v\)/);
    const ok = run([{type: 'verified', ok: true}, {type: 'verify-next'}], refused);
    expect(ok).toMatchObject({phase: 'switch', message: undefined});
  });

  it('a new mint forgets the last verification; the delete step starts without an old error', () => {
    const state = run([
      {type: 'verified', ok: true},
      {type: 'delete-failed', error: 'x'},
      {type: 'minted', clientId: 'n2'},
    ]);
    expect(state.verified).toBeUndefined();
    expect(run([{type: 'go', phase: 'delete'}], state).deleteError).toBeUndefined();
  });

  it('with one client, secret endpoints make it in place; a 404 (or 2 clients) keeps two clients', () => {
    expect(run([{type: 'start', clientIds: ['a'], secrets: true}])).toMatchObject({
      phase: 'mint',
      mode: 'in-place',
      oldId: 'a',
    });
    expect(run([{type: 'start', clientIds: ['a'], secrets: false}]).mode).toBe('two-client');
    expect(run([{type: 'start', clientIds: ['a', 'b'], secrets: true}])).toMatchObject({
      phase: 'retire',
      mode: 'two-client',
    });
  });

  it('in place, the hand-off goes on only once the secret went somewhere or the user says so', () => {
    const handoff = run([
      {type: 'start', clientIds: ['a'], secrets: true},
      {type: 'minted', clientId: 'a'},
    ]);
    expect(handoff).toMatchObject({phase: 'handoff', oldId: 'a', newId: 'a'});
    const asked = run([{type: 'handoff-next', handedOff: false}], handoff);
    expect(asked).toMatchObject({phase: 'handoff', dialog: 'saved-elsewhere'});
    expect(run([{type: 'close-dialog'}], asked)).toMatchObject({
      phase: 'handoff',
      dialog: undefined,
    });
    expect(run([{type: 'saved-elsewhere'}], asked)).toMatchObject({
      phase: 'verify',
      dialog: undefined,
    });
    expect(run([{type: 'handoff-next', handedOff: true}], handoff).phase).toBe('verify');
  });

  it('with two clients the hand-off waits the same way: no verify before a hand-off', () => {
    const handoff = run([
      {type: 'start', clientIds: ['a'], secrets: false},
      {type: 'minted', clientId: 'n'},
    ]);
    const asked = run([{type: 'handoff-next', handedOff: false}], handoff);
    expect(asked).toMatchObject({phase: 'handoff', dialog: 'saved-elsewhere'});
    expect(run([{type: 'saved-elsewhere'}], asked).phase).toBe('verify');
    expect(run([{type: 'handoff-next', handedOff: true}], handoff).phase).toBe('verify');
  });
});
