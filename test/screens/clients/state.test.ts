import {describe, expect, it} from 'vitest';
import {
  clientsReducer,
  initialClientsState,
  type ClientsAction,
  type ClientsState,
} from '../../../source/screens/clients/state.js';

const run = (actions: ClientsAction[], from: ClientsState = initialClientsState) =>
  actions.reduce(clientsReducer, from);

describe('the Clients screen state', () => {
  it('a delete after the limit notice says m mints now; a plain delete does not', () => {
    const afterLimit = run([
      {type: 'limit'},
      {type: 'ask-delete', clientId: 'c1'},
      {type: 'deleted', clientId: 'c1'},
    ]);
    expect(afterLimit.limitShown).toBe(false);
    expect(afterLimit.dialog).toBeUndefined();
    expect(afterLimit.message).toBe(
      'Deleted client c1: its credentials no longer work. Press m to mint a new one.',
    );
    const plain = run([
      {type: 'ask-delete', clientId: 'c2'},
      {type: 'deleted', clientId: 'c2'},
    ]);
    expect(plain.message).toBe('Deleted client c2: its credentials no longer work.');
  });

  it('a failed delete keeps the dialog with the error; asking again or closing clears it', () => {
    const failed = run([
      {type: 'ask-delete', clientId: 'c1'},
      {type: 'delete-failed', error: 'x'},
    ]);
    expect(failed.dialog).toEqual({kind: 'delete', clientId: 'c1'});
    expect(failed.deleteError).toBe('x');
    expect(run([{type: 'close-dialog'}], failed).deleteError).toBeUndefined();
    expect(run([{type: 'ask-delete', clientId: 'c1'}], failed).deleteError).toBeUndefined();
  });

  it('minting clears the limit and the message, and a new secret starts on the panel', () => {
    const state = run([
      {type: 'limit'},
      {type: 'message', text: 'hello'},
      {type: 'handoff-view', view: 'write'},
      {type: 'mint-started'},
    ]);
    expect(state.limitShown).toBe(false);
    expect(state.message).toBeUndefined();
    expect(run([{type: 'minted'}], state).handoffView).toBe('panel');
  });

  it('keeps the same state object when the focus does not move', () => {
    const focused = run([{type: 'focus', clientId: 'c1'}]);
    expect(clientsReducer(focused, {type: 'focus', clientId: 'c1'})).toBe(focused);
  });
});
