/**
 * <SecretHandoff>: a freshly minted client's credentials, handed off once (DESIGN.md, Secrets):
 * the SecretPanel (clientId shown, secret masked until `s`), `y` copy to the clipboard, `w` write
 * a NEW 0600 file (.env or JSON; never overwrites; errors shown in place), `a` the snippet for the
 * application (env names and token request; the secret only as a variable).
 *
 * The secret lives in the parent (it decides when to forget it); this component holds it only as
 * a prop while mounted and puts it nowhere else but the clipboard tool's stdin, the file, or the
 * screen after `s`.
 */
import {Box, Text, useStdout} from 'ink';
import {useEffect, useRef, useState} from 'react';
import {
  SecretFileError,
  appSnippet,
  copyToClipboard,
  suggestFreeSecretFileName,
  writeSecretFile,
  type SecretFileFormat,
} from '../../handoff/index.js';
import {
  FIELD_ACTIONS,
  GLOBAL_ACTIONS,
  SCREEN_ACTIONS,
  defineActions,
  keyLine,
  relabel,
  type KeyBinding,
} from '../../ui/keys/keymap.js';
import {useSession} from '../../session.js';
import {
  Priority,
  SecretPanel,
  SpinnerLine,
  TextField,
  inert,
  marks,
  theme,
  useKeys,
  useLatest,
  type SecretAction,
} from '../../ui/index.js';
import {ScrollText} from './scroll-text.js';

/** The hand-off's own key (s, y, w are SCREEN_ACTIONS). */
export const HANDOFF_ACTIONS = defineActions({
  snippet: {
    keys: ['a'],
    label: 'a',
    hint: 'app snippet',
    description:
      'Show the snippet for your application: env names and the token request, the secret only as a variable',
  },
});

/** Tab in the write form (not a screen key: Tab belongs to fields and dialogs). */
const FORMAT_TOGGLE = relabel(
  FIELD_ACTIONS.tab,
  '.env/JSON',
  'In the write form: switch the file format between .env and JSON',
);

/** Every key of the hand-off, for a screen's help overlay. */
export const HANDOFF_HELP: readonly KeyBinding[] = [
  SCREEN_ACTIONS.reveal,
  SCREEN_ACTIONS.copy,
  SCREEN_ACTIONS.write,
  FORMAT_TOGGLE,
  HANDOFF_ACTIONS.snippet,
];

/** Under the hand-off in a flow (rotation, the guided setup): what Enter and Esc do there. */
export const HANDOFF_NEXT_KEYS = keyLine(
  relabel(GLOBAL_ACTIONS.open, 'verify it'),
  relabel(GLOBAL_ACTIONS.back, 'leave (asks first)'),
);

export type HandoffView = 'panel' | 'write' | 'snippet';

/** Where the secret went (never the secret itself). */
export type HandoffEvent =
  | {kind: 'copied'; method: string; certain: boolean}
  | {kind: 'written'; path: string; format: SecretFileFormat};

export interface HandoffCredentials {
  clientId: string;
  clientSecret: string;
}

export interface SecretHandoffProps {
  readonly credentials: HandoffCredentials;
  readonly orgId: number;
  readonly serviceAccountId: number;
  /** Names the suggested file (`./<name>-client.env`). */
  readonly accountName: string;
  /** Panel title; default "New client for <accountName>". */
  readonly title?: string;
  /** Keys handled while true (default true). */
  readonly isActive?: boolean;
  readonly width: number;
  /** Lines it may use (the snippet view scrolls within them). */
  readonly height: number;
  /** Where a relative file name is suggested and written; default process.cwd(). */
  readonly cwd?: string;
  /** Told when the secret was copied or written. */
  readonly onHandedOff?: (event: HandoffEvent) => void;
  /** Told when the write form or the snippet opens or closes (gate the screen's own keys). */
  readonly onViewChange?: (view: HandoffView) => void;
}

interface Notice {
  text: string;
  tone: 'ok' | 'unsure';
}

interface WriteForm {
  path: string;
  format: SecretFileFormat;
  /** The user typed in the path: a format switch no longer replaces it. */
  edited: boolean;
  busy: boolean;
  error?: string;
}

export function SecretHandoff(props: SecretHandoffProps) {
  const {credentials, orgId, serviceAccountId, accountName, width, height} = props;
  const isActive = props.isActive ?? true;
  const session = useSession();
  const {stdout} = useStdout();
  const [view, setViewState] = useState<HandoffView>('panel');
  const [notice, setNotice] = useState<Notice | undefined>();
  const [copying, setCopying] = useState(false);
  const [form, setForm] = useState<WriteForm>({
    path: '',
    format: 'env',
    edited: false,
    busy: false,
  });
  const latest = useLatest(props);
  const copyingRef = useRef(false);
  const writingRef = useRef(false);
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );

  const setView = (next: HandoffView) => {
    setViewState(next);
    latest.current.onViewChange?.(next);
  };

  const suggest = (format: SecretFileFormat) => {
    void suggestFreeSecretFileName(accountName, format, props.cwd).then((path) => {
      if (!mounted.current) return;
      setForm((f) => (f.edited || f.format !== format ? f : {...f, path}));
    });
  };

  const copy = () => {
    if (copyingRef.current) return;
    copyingRef.current = true;
    setCopying(true);
    void copyToClipboard(credentials.clientSecret, {env: session.services.env, stdout}).then(
      (result) => {
        copyingRef.current = false;
        if (!mounted.current) return;
        setCopying(false);
        setNotice({
          text: result.certain ? result.message : `Not confirmed: ${result.message}`,
          tone: result.certain ? 'ok' : 'unsure',
        });
        if (result.method !== 'none') {
          latest.current.onHandedOff?.({
            kind: 'copied',
            method: result.method,
            certain: result.certain,
          });
        }
      },
    );
  };

  const openWrite = () => {
    setForm((f) => ({path: '', format: f.format, edited: false, busy: false}));
    setView('write');
  };

  // A free file name for the format, until the user types their own.
  useEffect(() => {
    if (view === 'write' && !form.edited) suggest(form.format);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [view, form.format, form.edited]);

  const submitWrite = (raw: string) => {
    if (writingRef.current) return;
    writingRef.current = true;
    const format = form.format;
    setForm((f) => ({...f, busy: true, error: undefined}));
    writeSecretFile({
      path: raw,
      format,
      endpoints: session.endpoints,
      orgId,
      serviceAccountId,
      clientId: credentials.clientId,
      clientSecret: credentials.clientSecret,
      cwd: props.cwd,
    }).then(
      (written) => {
        writingRef.current = false;
        if (!mounted.current) return;
        setForm((f) => ({...f, busy: false}));
        setNotice({
          text: `Wrote ${written} (${format === 'json' ? 'JSON' : '.env'}, mode 0600).`,
          tone: 'ok',
        });
        setView('panel');
        latest.current.onHandedOff?.({kind: 'written', path: written, format});
      },
      (error: unknown) => {
        writingRef.current = false;
        if (!mounted.current) return;
        const message =
          error instanceof SecretFileError
            ? error.message
            : `Writing the file failed (${error instanceof Error ? error.message : String(error)}).`;
        setForm((f) => ({...f, busy: false, error: message}));
      },
    );
  };

  // The write form's own keys: Esc closes it, Tab switches the format (the field leaves both).
  useKeys(
    (_input, key) => {
      if (form.busy) return key.escape || key.tab;
      if (key.escape) {
        setView('panel');
        return true;
      }
      if (key.tab) {
        setForm((f) => ({...f, format: f.format === 'env' ? 'json' : 'env', error: undefined}));
        return true;
      }
      return false;
    },
    {isActive: isActive && view === 'write', priority: Priority.Input + 1},
  );

  const actions: SecretAction[] = [
    {binding: SCREEN_ACTIONS.copy, onAction: copy, disabled: copying},
    {binding: SCREEN_ACTIONS.write, onAction: openWrite},
    {binding: HANDOFF_ACTIONS.snippet, onAction: () => setView('snippet')},
  ];

  if (view === 'snippet') {
    const snippet = appSnippet({
      endpoints: session.endpoints,
      orgId,
      clientId: credentials.clientId,
    });
    return (
      <ScrollText
        title="App snippet (the secret appears only as a variable)"
        text={snippet.text}
        height={height}
        width={width}
        isActive={isActive}
        onClose={() => setView('panel')}
      />
    );
  }

  const formatLabel = form.format === 'json' ? 'JSON' : '.env';
  return (
    <Box flexDirection="column" width={width}>
      <SecretPanel
        title={props.title ?? `New client for ${accountName}`}
        fields={[
          {label: 'clientId', value: credentials.clientId},
          {label: 'clientSecret', value: credentials.clientSecret, secret: true},
        ]}
        actions={actions}
        isActive={isActive && view === 'panel'}
        width={width}
      />
      {copying ? <SpinnerLine label="Copying to the clipboard…" width={width} /> : null}
      {notice && !copying && view === 'panel' ? (
        <Text color={notice.tone === 'ok' ? theme.accent : theme.warning} wrap="wrap">
          {inert(`${notice.tone === 'ok' ? marks.ok : marks.warning} ${notice.text}`)}
        </Text>
      ) : null}
      {view === 'write' ? (
        <Box flexDirection="column" width={width}>
          <TextField
            label={`Write to a new file as ${formatLabel} (mode 0600, never overwrites)`}
            value={form.path}
            onChange={(path) => setForm((f) => ({...f, path, edited: true, error: undefined}))}
            onSubmit={submitWrite}
            focus={isActive && !form.busy}
            placeholder="./credentials.env"
            hint={keyLine(
              relabel(GLOBAL_ACTIONS.open, 'writes'),
              relabel(FORMAT_TOGGLE, `${form.format === 'json' ? '.env' : 'JSON'} instead`),
              relabel(GLOBAL_ACTIONS.back, 'cancels'),
            )}
            width={width}
          />
          {form.busy ? <SpinnerLine label="Writing…" width={width} /> : null}
          {form.error ? (
            <Text color={theme.error} wrap="wrap">
              {inert(`${marks.error} ${form.error}`)}
            </Text>
          ) : null}
        </Box>
      ) : null}
    </Box>
  );
}

/** One line naming where the secret went, for a "did you save it?" question. */
export function handoffSummary(events: readonly HandoffEvent[]): string | undefined {
  const parts: string[] = [];
  for (const event of events) {
    if (event.kind === 'written') parts.push(`written to ${event.path}`);
  }
  const copies = events.filter((e) => e.kind === 'copied');
  if (copies.some((e) => e.certain)) parts.push('copied to the clipboard');
  else if (copies.length > 0) parts.push('sent to the clipboard (not confirmed)');
  return parts.length === 0 ? undefined : `So far it was ${parts.join(', ')}.`;
}
