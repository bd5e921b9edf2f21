/**
 * Pieces the screens that mint and delete clients share: the question before a client is deleted
 * (what stops working, what else is true, and that `c` shows the curl command), and a failed
 * mint with the key that tries again.
 */
import {Text} from 'ink';
import {ConfirmDialog, theme} from '../../ui/index.js';
import {SCREEN_ACTIONS} from '../../ui/keys/keymap.js';
import {ApiErrorBox} from '../shared/index.js';

export function DeleteClientDialog(props: {
  title: string;
  /** What deleting it changes, one line each. */
  consequences: readonly string[];
  deleting: boolean;
  /** Default "Deleting…". */
  busyLabel?: string;
  error: string | undefined;
  onConfirm: () => void;
  onCancel: () => void;
  isActive?: boolean;
  width: number;
}) {
  return (
    <ConfirmDialog
      title={props.title}
      body={[...props.consequences, `${SCREEN_ACTIONS.curl.label} shows the curl command.`]}
      confirmLabel="Delete"
      busy={props.deleting}
      busyLabel={props.busyLabel ?? 'Deleting…'}
      error={props.error}
      onConfirm={props.onConfirm}
      onCancel={props.onCancel}
      isActive={props.isActive}
      width={Math.min(76, props.width)}
    />
  );
}

export function MintFailed(props: {error: unknown; width: number}) {
  return (
    <>
      <ApiErrorBox error={props.error} width={props.width} retryable={false} />
      <Text color={theme.accent}>{`Press ${SCREEN_ACTIONS.mint.label} to try again.`}</Text>
    </>
  );
}
