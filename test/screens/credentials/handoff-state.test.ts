import {describe, expect, it} from 'vitest';
import {
  handoffReducer,
  initialHandoffState,
  type HandoffAction,
  type HandoffState,
} from '../../../source/screens/credentials/handoff/state.js';

const run = (actions: HandoffAction[], from: HandoffState = initialHandoffState) =>
  actions.reduce(handoffReducer, from);

describe('the secret hand-off state', () => {
  it('a suggested name fills the path only for the current format and until the user types', () => {
    const opened = run([{type: 'open-write'}]);
    expect(opened.view).toBe('write');
    const suggested = run([{type: 'suggested', path: './a-client.env', format: 'env'}], opened);
    expect(suggested.form.path).toBe('./a-client.env');
    // A late answer for the format the user already left is ignored.
    const toggled = run(
      [{type: 'toggle-format'}, {type: 'suggested', path: './a-client.env', format: 'env'}],
      opened,
    );
    expect(toggled.form).toMatchObject({format: 'json', path: ''});
    const typed = run(
      [
        {type: 'typed', path: './mine.env'},
        {type: 'suggested', path: './a-client.env', format: 'env'},
      ],
      opened,
    );
    expect(typed.form).toMatchObject({path: './mine.env', edited: true});
  });

  it('reopening the write form starts afresh but keeps the last format', () => {
    const state = run([
      {type: 'open-write'},
      {type: 'toggle-format'},
      {type: 'typed', path: './x.json'},
      {type: 'write-start'},
      {type: 'write-failed', message: 'exists'},
      {type: 'view', view: 'panel'},
      {type: 'open-write'},
    ]);
    expect(state.form).toEqual({path: '', format: 'json', edited: false, busy: false});
  });

  it('a failed write keeps the form open with the error; typing or Tab clears it', () => {
    const failed = run([
      {type: 'open-write'},
      {type: 'write-start'},
      {type: 'write-failed', message: 'File exists: ./x.env'},
    ]);
    expect(failed.view).toBe('write');
    expect(failed.form).toMatchObject({busy: false, error: 'File exists: ./x.env'});
    expect(run([{type: 'typed', path: './y.env'}], failed).form.error).toBeUndefined();
    expect(run([{type: 'toggle-format'}], failed).form.error).toBeUndefined();
  });

  it('a written file goes back to the panel and names the file and its format', () => {
    const state = run([
      {type: 'open-write'},
      {type: 'toggle-format'},
      {type: 'write-start'},
      {type: 'written', path: '/tmp/a.json', format: 'json'},
    ]);
    expect(state.view).toBe('panel');
    expect(state.form.busy).toBe(false);
    expect(state.notice).toEqual({text: 'Wrote /tmp/a.json (JSON, mode 0600).', tone: 'ok'});
  });

  it('an unconfirmed copy says so; a confirmed one does not', () => {
    const copying = run([{type: 'copy-start'}]);
    expect(copying.copying).toBe(true);
    expect(run([{type: 'copied', message: 'Copied.', certain: true}], copying)).toMatchObject({
      copying: false,
      notice: {text: 'Copied.', tone: 'ok'},
    });
    expect(
      run([{type: 'copied', message: 'Sent to xclip.', certain: false}], copying).notice,
    ).toEqual({text: 'Not confirmed: Sent to xclip.', tone: 'unsure'});
  });
});
