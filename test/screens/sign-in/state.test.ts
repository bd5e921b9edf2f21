import {describe, expect, it} from 'vitest';
import {
  initialSignInForm,
  signInFormReducer,
  type SignInFormAction,
  type SignInFormState,
} from '../../../source/screens/sign-in/state.js';

const run = (actions: SignInFormAction[], from: SignInFormState) =>
  actions.reduce(signInFormReducer, from);

describe('the sign-in form state', () => {
  it('starts on the zone picker only when there is a choice, at the session zone', () => {
    expect(initialSignInForm(true, 2)).toEqual({stage: 'zone', cursor: 2, value: ''});
    expect(initialSignInForm(false, -1)).toEqual({stage: 'token', cursor: 0, value: ''});
  });

  it('moves within the zones and stops at both ends', () => {
    const start = initialSignInForm(true, 0);
    expect(run([{type: 'move', by: -1, count: 3}], start).cursor).toBe(0);
    const down = {type: 'move', by: 1, count: 3} as const;
    expect(run([down, down, down, down], start).cursor).toBe(2);
  });

  it('Esc in the field forgets what was typed and its error', () => {
    const typed = run(
      [{type: 'pick-zone'}, {type: 'submit', error: 'empty'}, {type: 'type', value: 'abc'}],
      initialSignInForm(true, 0),
    );
    expect(typed).toMatchObject({stage: 'token', value: 'abc', fieldError: undefined});
    expect(run([{type: 'to-zones'}], typed)).toMatchObject({stage: 'zone', value: ''});
  });

  it('sending empties the field; an empty send says why', () => {
    const start = run([{type: 'type', value: 'tok'}], initialSignInForm(false, 0));
    expect(run([{type: 'submit'}], start)).toMatchObject({value: '', fieldError: undefined});
    expect(run([{type: 'submit', error: 'empty'}], start).fieldError).toBe('empty');
  });
});
