/**
 * What covers a step of the guided flow: the recipe as curl, the broad-role confirmation, the
 * undo question after a failure, and the leave question (did you save the secret? / leave?).
 */
import type {Role} from '../../api/schemas.js';
import type {VerifyCall} from '../../api/verify.js';
import {describeError} from '../../errors/describe.js';
import type {RecipeMade, RecipePlan} from '../../hooks/guide.js';
import {broadReason} from '../../roles/index.js';
import {useSession} from '../../session.js';
import {ConfirmDialog} from '../../ui/index.js';
import {DIALOG_ACTIONS} from '../../ui/keys/keymap.js';
import {
  SaveSecretDialog,
  SavedElsewhereDialog,
  ScrollText,
  type HandoffEvent,
} from '../credentials/index.js';
import {curlBlocksText, recipeCurlBlocks, undoCurlBlock} from './curl.js';
import type {GuideOverlay as Overlay} from './state.js';
import {existsLines} from './views.js';

export interface GuideOverlayProps {
  readonly overlay: Overlay;
  readonly plan: RecipePlan;
  readonly made: RecipeMade;
  readonly orgId: number;
  readonly orgLabel: string;
  readonly broadPicked: readonly Role[];
  readonly verifyCall: VerifyCall;
  readonly failed: boolean;
  readonly undoing: boolean;
  readonly undoError: unknown;
  readonly handedOff: readonly HandoffEvent[];
  /** The broad roles were confirmed: run. */
  readonly onGrant: () => void;
  readonly onUndo: () => void;
  /** Leave for the account (forgets the secret). */
  readonly onFinish: () => void;
  /** The user said they saved the secret elsewhere: on to verify. */
  readonly onSavedElsewhere: () => void;
  readonly onClose: () => void;
  readonly width: number;
  readonly rows: number;
}

export function GuideOverlay(props: GuideOverlayProps) {
  const session = useSession();
  const {made, plan, width} = props;
  switch (props.overlay) {
    case 'curl': {
      const blocks = recipeCurlBlocks(session.endpoints, {
        orgId: props.orgId,
        name: plan.input.name,
        description: plan.input.description,
        roles: plan.roles,
        accountId: made.account?.id,
        clientId: made.client?.clientId,
        verifyCall: made.client ? props.verifyCall : undefined,
      });
      if (props.failed && made.account) {
        blocks.push(undoCurlBlock(session.endpoints, props.orgId, made.account.id));
      }
      return (
        <ScrollText
          title="The recipe with curl (secrets only as $ACCESS_TOKEN / $CLIENT_SECRET)"
          script
          text={curlBlocksText(blocks)}
          height={props.rows}
          width={width}
          onClose={props.onClose}
        />
      );
    }
    case 'broad': {
      const broad = props.broadPicked;
      return (
        <ConfirmDialog
          title={`Grant ${broad.length} broad role${broad.length === 1 ? '' : 's'} to "${plan.input.name}"?`}
          body={broad
            .slice(0, 3)
            .map((role) => `${role.name}: ${broadReason(role) ?? 'broad'}.`)
            .concat(broad.length > 3 ? [`…and ${broad.length - 3} more.`] : [])}
          requireText="grant"
          confirmLabel="Grant"
          prompt={`Type grant to create it all, or press ${DIALOG_ACTIONS.cancel.label} to go back to the review`}
          onConfirm={props.onGrant}
          onCancel={props.onClose}
          width={Math.min(76, width)}
        />
      );
    }
    case 'undo': {
      if (!made.account) return null;
      const problem =
        props.undoError === null || props.undoError === undefined
          ? undefined
          : describeError(props.undoError, session.endpoints);
      return (
        <ConfirmDialog
          title={`Delete "${made.account.name}" (${made.account.id})?`}
          body={[
            'Its roles and clients go with it: nothing of this setup is left.',
            'What you typed and picked is kept, to try again.',
          ]}
          confirmLabel="Delete"
          busy={props.undoing}
          busyLabel="Deleting the account…"
          error={problem && [problem.title, problem.detail].filter(Boolean).join(': ')}
          onConfirm={props.onUndo}
          onCancel={props.onClose}
          width={Math.min(76, width)}
        />
      );
    }
    case 'saved-elsewhere':
      return (
        <SavedElsewhereDialog
          nextWords="go on to verify"
          onSaved={props.onSavedElsewhere}
          onBack={props.onClose}
          width={width}
        />
      );
    case 'leave':
      // Only asked while the secret is held (the hand-off and verify steps): leaving forgets it.
      return (
        <SaveSecretDialog
          handedOff={props.handedOff}
          lines={existsLines(made, props.orgLabel).map((line) => line.trim())}
          leaveWords="leaves, forgets the secret and opens the account"
          stayWords="stays"
          onLeave={props.onFinish}
          onStay={props.onClose}
          width={width}
        />
      );
  }
}
