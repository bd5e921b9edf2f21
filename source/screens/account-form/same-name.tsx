/**
 * Before a create: is the name already taken in the org? Whether names must be unique is not
 * documented (API.md §6.2, [?]); the emulator, our one choice, allows two accounts with one name.
 * Two "billing-export" accounts are a trap either way (people and scripts find accounts by
 * name), so the `n` form and the guide's create step ask first, naming the account that exists.
 * The org's list is read fresh for this (a cached list misses an account made elsewhere a moment
 * ago); the `accounts create` command refuses instead (same rule: sameNameAccount).
 */
import {useRef, useState} from 'react';
import {sameNameAccount} from '../../account-fields.js';
import type {ServiceAccount} from '../../api/schemas.js';
import {useReadServiceAccountsNow} from '../../hooks/queries.js';
import {ConfirmDialog} from '../../ui/index.js';

interface Question {
  readonly existing: ServiceAccount;
  readonly proceed: () => void;
}

export interface SameNameGuard {
  /**
   * Reads the org's accounts fresh, then runs `proceed` when no account has `name`, or asks
   * (`question`) when one has. A failed read runs nothing and is in `error`.
   */
  readonly check: (name: string, proceed: () => void) => void;
  readonly checking: boolean;
  readonly error: unknown;
  /** The open question, if any. */
  readonly question: Question | undefined;
  /** y: create anyway. */
  readonly confirm: () => void;
  /** n / Esc: nothing is created. */
  readonly cancel: () => void;
  /** Forgets a failed read and an open question (a new form starts clean). */
  readonly reset: () => void;
}

export const CHECKING_NAME = "Checking the name against the org's accounts…";

export function useSameNameGuard(orgId: number): SameNameGuard {
  const readNow = useReadServiceAccountsNow(orgId);
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [question, setQuestion] = useState<Question | undefined>(undefined);
  // One check at a time: an Enter that arrives before `checking` is drawn starts nothing more.
  const running = useRef(false);

  const check = (name: string, proceed: () => void) => {
    if (running.current) return;
    running.current = true;
    setChecking(true);
    setError(undefined);
    // A failed read decides nothing (the cached list may miss an account made elsewhere).
    readNow().then(
      (accounts) => {
        running.current = false;
        setChecking(false);
        const existing = sameNameAccount(accounts, name);
        if (existing === undefined) proceed();
        else setQuestion({existing, proceed});
      },
      (failure: unknown) => {
        running.current = false;
        setChecking(false);
        setError(failure);
      },
    );
  };

  return {
    check,
    checking,
    error,
    question,
    confirm: () => {
      const proceed = question?.proceed;
      setQuestion(undefined);
      proceed?.();
    },
    cancel: () => setQuestion(undefined),
    reset: () => {
      setError(undefined);
      setQuestion(undefined);
    },
  };
}

export function SameNameDialog(props: {
  readonly question: Question;
  readonly orgLabel: string;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
  readonly width: number;
}) {
  const {existing} = props.question;
  return (
    <ConfirmDialog
      title={`"${existing.name}" already exists (id ${existing.id}). Create another?`}
      body={[
        `${props.orgLabel} has a service account with this name. A second one can be made, but whoever looks "${existing.name}" up by name may find the wrong one.`,
        'Nothing was created yet. A new name tells them apart.',
      ]}
      confirmLabel="Create another"
      cancelLabel="Back to the form"
      danger
      onConfirm={props.onConfirm}
      onCancel={props.onCancel}
      width={Math.min(76, props.width)}
    />
  );
}
