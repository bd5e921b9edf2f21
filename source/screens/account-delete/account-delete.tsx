/**
 * Deleting a service account, from the list or the detail: the user types the account's exact
 * name, and the dialog says what goes with it (its clients stop working, its roles are revoked:
 * API.md §6.2 / §9, the server cascades both).
 */
import {describeError, errorLine} from '../../errors/describe.js';
import type {ServiceAccount} from '../../api/schemas.js';
import {useDeleteServiceAccount} from '../../hooks/mutations.js';
import {useSession} from '../../session.js';
import {ConfirmDialog, formatCount, sanitizeTyped} from '../../ui/index.js';
import {DIALOG_ACTIONS} from '../../ui/keys/keymap.js';

/**
 * What the user must type to confirm: the name as a text field can hold it (control characters
 * cannot be typed; a field drops them), or the id when nothing typeable is left of the name.
 */
export function deleteConfirmText(account: Pick<ServiceAccount, 'id' | 'name'>): string {
  const typeable = sanitizeTyped(account.name);
  return typeable.trim() === '' ? String(account.id) : typeable;
}

/** The consequences, one line each. `clientCount` undefined/null: not known. */
export function deleteConsequences(
  clientCount: number | undefined | null,
  roleNames: readonly string[],
): string[] {
  const lines: string[] = [];
  if (clientCount === undefined || clientCount === null) {
    lines.push('Its clients stop working: applications using them lose access at once.');
  } else if (clientCount === 0) {
    lines.push('It has no clients, so no application loses access.');
  } else {
    const clients =
      clientCount === 1 ? 'Its 1 client stops' : `Its ${formatCount(clientCount)} clients stop`;
    lines.push(
      `${clients} working: applications using ${clientCount === 1 ? 'it' : 'them'} lose access at once.`,
    );
  }
  if (roleNames.length === 0) lines.push('It holds no roles.');
  else {
    const shown = roleNames.slice(0, 4).join(', ');
    const more = roleNames.length > 4 ? ` and ${roleNames.length - 4} more` : '';
    lines.push(`Its roles are revoked: ${shown}${more}.`);
  }
  lines.push('This cannot be undone.');
  return lines;
}

/** The failure is shown from remove.error. */
const ignore = () => undefined;

export interface DeleteAccountDialogProps {
  readonly orgId: number;
  readonly account: ServiceAccount;
  readonly clientCount: number | undefined | null;
  readonly roleNames: readonly string[];
  readonly onDeleted: (account: ServiceAccount) => void;
  readonly onCancel: () => void;
  readonly width: number;
}

export function DeleteAccountDialog(props: DeleteAccountDialogProps) {
  const session = useSession();
  const remove = useDeleteServiceAccount(props.orgId);
  const {account, onDeleted} = props;
  const confirmText = deleteConfirmText(account);
  const error = remove.error
    ? errorLine(describeError(remove.error, session.endpoints))
    : undefined;
  return (
    <ConfirmDialog
      title={`Delete service account ${account.name} (${account.id})?`}
      body={deleteConsequences(props.clientCount, props.roleNames)}
      confirmLabel="Delete"
      requireText={confirmText}
      prompt={
        confirmText === account.name
          ? undefined
          : confirmText === String(account.id)
            ? `Type its id ${confirmText} to delete it, or press ${DIALOG_ACTIONS.cancel.label} to cancel`
            : `Type ${confirmText} (its name without control characters) to delete it, or press ${DIALOG_ACTIONS.cancel.label} to cancel`
      }
      busy={remove.isPending}
      busyLabel={`Deleting ${account.name}…`}
      error={error}
      // mutateAsync: onDeleted runs even if this dialog unmounted when the account left the cache.
      onConfirm={() => remove.mutateAsync(account).then(() => onDeleted(account), ignore)}
      onCancel={props.onCancel}
      width={Math.min(72, props.width)}
    />
  );
}
