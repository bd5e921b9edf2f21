import {describe, expect, it} from 'vitest';
import {
  guideReducer,
  initialGuideState,
  type GuideAction,
  type GuideState,
} from '../../../source/screens/guide/state.js';

const run = (actions: GuideAction[], from: GuideState = initialGuideState) =>
  actions.reduce(guideReducer, from);

const plan = {input: {name: 'hr-sync', description: ''}, roles: ['iam_viewer']};

describe('the guided flow state', () => {
  it('keeps what was typed and picked whichever way the steps go', () => {
    const state = run([
      {type: 'fields', fields: {name: 'hr-sync', description: 'HR'}},
      {type: 'step', step: 'roles'},
      {type: 'toggle', roleName: 'iam_viewer'},
      {type: 'step', step: 'about'},
      {type: 'step', step: 'roles'},
    ]);
    expect(state.fields).toEqual({name: 'hr-sync', description: 'HR'});
    expect(state.picked).toEqual(['iam_viewer']);
    // Something is picked: the roles step opens on the list, not in the search field.
    expect(state.typing).toBe(false);
  });

  it('a refused role leaves the picks alone and says why', () => {
    const state = run([
      {type: 'toggle', roleName: 'org_owner', refusal: 'not for a service account'},
    ]);
    expect(state.picked).toEqual([]);
    expect(state.notice).toEqual({text: 'not for a service account', tone: 'warning'});
  });

  it('a run fixes its plan; going on keeps it, so a retry creates nothing twice', () => {
    const running = run([
      {type: 'message', text: 'x'},
      {type: 'overlay', overlay: 'broad'},
      {type: 'run', plan},
    ]);
    expect(running).toMatchObject({step: 'run', plan, overlay: undefined, message: undefined});
    expect(run([{type: 'fields', fields: {name: 'other', description: ''}}], running).plan).toBe(
      plan,
    );
  });

  it('dropping the plan goes back to the review with what happened', () => {
    const state = run([
      {type: 'run', plan},
      {type: 'drop-plan', message: 'Undone.'},
    ]);
    expect(state).toMatchObject({step: 'review', plan: undefined, message: 'Undone.'});
    expect(run([{type: 'step', step: 'roles'}], state).message).toBeUndefined();
  });

  it('the search adds clean text only and pops whole characters', () => {
    const state = run([
      {type: 'search-start'},
      {type: 'search-edit', edit: {kind: 'type', text: 'vi\u001b[31m'}},
      {type: 'search-edit', edit: {kind: 'type', text: '👍🏽'}},
      {type: 'search-edit', edit: {kind: 'pop'}},
    ]);
    expect(state.query).toBe('vi[31m');
  });
});
