/**
 * The service-account form (name, description), shared by create and edit on the account list
 * and the account detail. It validates before anything is sent (API.md §6.2 limits, no control
 * characters, no blank name) and keeps the input when the server refuses, showing why in place.
 *
 * Keys: Tab/↓ next field, Shift+Tab/↑ previous, Enter on the name goes to the description,
 * Enter on the description submits, Esc leaves: at once when nothing was typed (or nothing
 * changed), else after asking "Discard the typed name?" (y discards, n/Esc keeps editing). The
 * `n` form and the guide's first step leave this one way. While a request runs only Ctrl+C passes.
 */
import {Box, Text} from 'ink';
import {useEffect, useRef, useState, type ReactNode} from 'react';
import {describeError} from '../../errors/describe.js';
import {
  FIELD_ACTIONS,
  GLOBAL_ACTIONS,
  keyLine,
  relabel,
  type KeyBinding,
} from '../../ui/keys/keymap.js';
import {
  typedFields,
  validateAccountFields,
  type AccountFieldErrors,
  type AccountFields,
} from '../../account-fields.js';
import {SERVICE_ACCOUNT_DESCRIPTION_MAX, SERVICE_ACCOUNT_NAME_MAX} from '../../limits.js';
import {useSession} from '../../session.js';
import {
  ClipWhenShort,
  ConfirmDialog,
  ErrorBox,
  Keep,
  Priority,
  SpinnerLine,
  TextField,
  inert,
  truncateToWidth,
  useKeys,
} from '../../ui/index.js';

export type {AccountFieldErrors, AccountFields} from '../../account-fields.js';
export {accountChanges, accountInput, validateAccountFields} from '../../account-fields.js';

/** The form's keys, for the footer and the help overlay. */
export const ACCOUNT_FORM_KEYS: readonly KeyBinding[] = [
  FIELD_ACTIONS.nextField,
  relabel(GLOBAL_ACTIONS.open, 'next/submit', 'Next field; on the last field, send the form'),
  relabel(GLOBAL_ACTIONS.back, 'cancel', 'Cancel: nothing is sent (asks first when you typed)'),
];

const EMPTY: AccountFields = {name: '', description: ''};

/**
 * "Discard the typed name?", "Discard the typed name and description?", "Discard the typed name
 * and the 2 picked roles?": what Esc would drop.
 */
export function discardQuestion(fields: ReadonlyArray<keyof AccountFields>, also?: string): string {
  const parts = fields.length > 0 ? [`the typed ${fields.join(' and ')}`] : [];
  if (also !== undefined) parts.push(also);
  return `Discard ${parts.join(' and ')}?`;
}

export interface AccountFormProps {
  /** "New service account in Acme Corp", "Edit billing-export" (drawn inert). */
  readonly title: string;
  /** One line under the title, e.g. "6 of 20 service accounts in use". */
  readonly note?: string;
  /** Prefilled values (edit). */
  readonly initial?: AccountFields;
  /** What counts as nothing typed, for Esc (default `initial`, else empty fields). */
  readonly pristine?: AccountFields;
  /** Something else Esc drops, so it asks even when the fields are pristine: "the 2 picked roles". */
  readonly discardAlso?: string;
  /** A question over the form (its input kept underneath): it has the keys while shown. */
  readonly question?: ReactNode;
  /** "create", "save". */
  readonly submitLabel: string;
  readonly busy: boolean;
  readonly busyLabel: string;
  /** The server's refusal of the last submit, shown in place; the input is kept. */
  readonly error?: unknown;
  /** Called with the fields as typed, once they pass validateAccountFields. */
  readonly onSubmit: (values: AccountFields) => void;
  readonly onCancel: () => void;
  readonly width: number;
  readonly height: number;
}

type Field = keyof AccountFields;
const FIELDS: readonly Field[] = ['name', 'description'];

export function AccountForm(props: AccountFormProps) {
  const {busy, onCancel} = props;
  const [values, setValues] = useState<AccountFields>(
    () => props.initial ?? {name: '', description: ''},
  );
  // Mirrors `values` synchronously: keys can arrive before React re-renders.
  const current = useRef(values);
  const [field, setFieldState] = useState<Field>('name');
  // Mirrors `field` synchronously: an Enter that arrives before the re-render after the name's
  // Enter still reaches the name field's handler, and is meant for the description.
  const fieldNow = useRef<Field>('name');
  const setField = (next: Field) => {
    fieldNow.current = next;
    setFieldState(next);
  };
  const [errors, setErrors] = useState<AccountFieldErrors>({});
  const [discarding, setDiscarding] = useState<string | undefined>(undefined);
  const covered = discarding !== undefined || props.question !== undefined;
  // One submit per request: an Enter that arrives before `busy` is drawn must not send twice.
  // Free again once the request ends (busy off, or a new error) or the input changes.
  const sent = useRef(false);
  useEffect(() => {
    if (!busy) sent.current = false;
  }, [busy, props.error]);

  const move = (step: 1 | -1) =>
    setField(FIELDS[(FIELDS.indexOf(fieldNow.current) + step + FIELDS.length) % FIELDS.length]!);

  const change = (name: Field) => (text: string) => {
    sent.current = false;
    current.current = {...current.current, [name]: text};
    setValues(current.current);
    setErrors((previous) => ({...previous, [name]: undefined}));
  };

  const submit = () => {
    if (sent.current) return;
    const found = validateAccountFields(current.current, props.initial);
    setErrors(found);
    const first = FIELDS.find((name) => found[name] !== undefined);
    if (first !== undefined) {
      setField(first);
      return;
    }
    sent.current = true;
    props.onSubmit(current.current);
  };

  useKeys(
    (input, key) => {
      if (busy) return true;
      if (key.escape) {
        const typed = typedFields(current.current, props.pristine ?? props.initial ?? EMPTY);
        if (typed.length === 0 && props.discardAlso === undefined) onCancel();
        else setDiscarding(discardQuestion(typed, props.discardAlso));
      } else if ((key.tab && !key.shift) || key.downArrow) move(1);
      else if ((key.tab && key.shift) || key.upArrow) move(-1);
      else return false;
      return true;
    },
    // Enter is the focused field's (it submits); while sending, every key waits.
    {
      priority: Priority.Input + 1,
      isActive: !covered,
      ...(busy ? {keys: [], takes: 'all'} : {keys: ACCOUNT_FORM_KEYS}),
    },
  );

  const width = Math.max(20, props.width);
  const roomy = props.height >= 16;
  const fieldWidth = Math.min(width, 100);
  const refused = !busy && props.error !== undefined && props.error !== null;
  // On a short screen a refusal takes the hints' lines (the refusal says what to do).
  const hints = roomy || !refused;
  return (
    <Box flexDirection="column" width={width} height={props.height} overflow="hidden">
      {discarding !== undefined ? (
        <ConfirmDialog
          title={discarding}
          body="Nothing was sent."
          confirmLabel="Discard"
          cancelLabel="Keep editing"
          danger={false}
          onConfirm={onCancel}
          onCancel={() => setDiscarding(undefined)}
          width={Math.min(72, width)}
        />
      ) : (
        props.question
      )}
      {/* Hidden, not unmounted, under a question: the typed text and the cursor survive. */}
      <Box display={covered ? 'none' : 'flex'} flexDirection="column">
        <Keep>
          <Text bold>{truncateToWidth(inert(props.title), width)}</Text>
        </Keep>
        {props.note === undefined ? null : (
          <ClipWhenShort>
            <Text dimColor>{truncateToWidth(inert(props.note), width)}</Text>
          </ClipWhenShort>
        )}
        {roomy ? <Box height={1} /> : null}
        <Keep>
          <TextField
            label="Name"
            value={values.name}
            onChange={change('name')}
            onSubmit={() => (fieldNow.current === 'name' ? setField('description') : submit())}
            focus={!busy && !covered && field === 'name'}
            placeholder="e.g. billing-export"
            hint={
              hints
                ? `Required. What the application is; ${GLOBAL_ACTIONS.open.label} goes to the description.`
                : undefined
            }
            error={errors.name}
            maxLength={SERVICE_ACCOUNT_NAME_MAX}
            width={fieldWidth}
          />
          <TextField
            label="Description"
            value={values.description}
            onChange={change('description')}
            onSubmit={submit}
            focus={!busy && !covered && field === 'description'}
            placeholder="optional"
            hint={
              hints
                ? `Optional. What it does and who owns it; ${GLOBAL_ACTIONS.open.label} to ${props.submitLabel}.`
                : undefined
            }
            error={errors.description}
            maxLength={SERVICE_ACCOUNT_DESCRIPTION_MAX}
            width={fieldWidth}
          />
        </Keep>
        {roomy ? <Box height={1} /> : null}
        {busy ? (
          <SpinnerLine label={props.busyLabel} width={width} />
        ) : refused ? (
          <Keep>
            <Refusal
              error={props.error}
              submitLabel={props.submitLabel}
              width={Math.min(width, 100)}
            />
          </Keep>
        ) : null}
        {busy ? null : (
          <Text dimColor>
            {truncateToWidth(
              keyLine(
                FIELD_ACTIONS.nextField,
                relabel(GLOBAL_ACTIONS.open, `on the description: ${props.submitLabel}`),
                relabel(GLOBAL_ACTIONS.back, 'cancel'),
              ),
              width,
            )}
          </Text>
        )}
      </Box>
    </Box>
  );
}

/**
 * The server's refusal, worded by errors/describe.ts; the way to retry is the form's own (r would
 * be typed into a field), and the input is kept.
 */
function Refusal(props: {error: unknown; submitLabel: string; width: number}) {
  const session = useSession();
  const described = describeError(props.error, session.endpoints);
  return (
    <ErrorBox
      title={described.title}
      what={described.detail}
      todo={
        described.retryable
          ? `Your input is kept: press ${GLOBAL_ACTIONS.open.label} on the description to ${props.submitLabel} again.`
          : `${described.action ?? ''} Your input is kept.`.trim()
      }
      width={props.width}
    />
  );
}
