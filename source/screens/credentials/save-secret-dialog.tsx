/**
 * "Did you save the secret?": asked before a screen lets go of a minted secret (leaving, or
 * finishing a flow). Says where the secret went so far, then the screen's own lines; y leaves and
 * forgets, n or Esc stays, Enter presses the marked choice (as in any ConfirmDialog).
 */
import {ConfirmDialog} from '../../ui/index.js';
import {handoffSummary, type HandoffEvent} from './secret-handoff.js';

export const SAVE_SECRET_QUESTION = 'Did you save the secret? It cannot be shown again.';

export interface SaveSecretDialogProps {
  /** Default SAVE_SECRET_QUESTION. */
  readonly title?: string;
  readonly handedOff: readonly HandoffEvent[];
  /** What else is true at this moment ("Both clients stay live…"). */
  readonly lines?: readonly string[];
  /** What y does, in words: "leaves and forgets it". */
  readonly leaveWords: string;
  /** What n does: "stays". */
  readonly stayWords: string;
  readonly onLeave: () => void;
  readonly onStay: () => void;
  readonly width: number;
}

export function SaveSecretDialog(props: SaveSecretDialogProps) {
  return (
    <ConfirmDialog
      title={props.title ?? SAVE_SECRET_QUESTION}
      body={[
        handoffSummary(props.handedOff) ?? 'You have not copied it or written it to a file here.',
        ...(props.lines ?? []),
      ]}
      confirmLabel="Leave and forget"
      cancelLabel="Stay"
      keyWords={{yes: props.leaveWords, no: props.stayWords}}
      onConfirm={props.onLeave}
      onCancel={props.onStay}
      width={Math.min(76, props.width)}
    />
  );
}
