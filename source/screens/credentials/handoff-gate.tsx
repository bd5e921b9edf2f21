/**
 * The hand-off gate every flow that mints shares (Clients, the guided setup, both rotations): a
 * flow does not move past the hand-off (verify, the next step, deleting the old client) until the
 * secret went somewhere — written to a file, or copied where a tool confirmed it — or the user
 * says, explicitly, that they saved it elsewhere. An unconfirmed copy (OSC 52) does not count:
 * nothing says it arrived. The app snippet holds no secret, so showing it does not count either.
 */
import {ConfirmDialog} from '../../ui/index.js';
import type {HandoffEvent} from './secret-handoff.js';

/** True once the secret went somewhere the user can get it back from, or they said so. */
export function handedOffSomewhere(events: readonly HandoffEvent[]): boolean {
  return events.some(
    (event) => event.kind === 'written' || event.kind === 'elsewhere' || event.certain,
  );
}

const SAVED_ELSEWHERE_QUESTION = 'Did you save the new secret elsewhere?';

/** Asked when a flow would go past the hand-off before the secret went anywhere. */
export function SavedElsewhereDialog(props: {
  /** What y does: "go on to verify". */
  readonly nextWords: string;
  readonly onSaved: () => void;
  readonly onBack: () => void;
  readonly width: number;
}) {
  return (
    <ConfirmDialog
      title={SAVED_ELSEWHERE_QUESTION}
      body={[
        'It was not written to a file here, nor copied for certain, and it cannot be shown again.',
      ]}
      confirmLabel="Saved it, go on"
      cancelLabel="Back to the hand-off"
      keyWords={{yes: `I saved it elsewhere, ${props.nextWords}`, no: 'back to the hand-off'}}
      danger={false}
      onConfirm={props.onSaved}
      onCancel={props.onBack}
      width={Math.min(76, props.width)}
    />
  );
}
