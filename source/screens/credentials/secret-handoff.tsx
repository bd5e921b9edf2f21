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
import {Box, useStdout} from 'ink';
import {useEffect, useReducer, useRef} from 'react';
import {mkdir} from 'node:fs/promises';
import {homedir} from 'node:os';
import path from 'node:path';
import {
  SecretFileError,
  appSnippet,
  copyToClipboard,
  suggestFreeSecretFileName,
  writeSecretFile,
  type SecretFileFormat,
} from '../../handoff/index.js';
import {gitExposure, perUserSecretDir} from '../../handoff/git-exposure.js';
import {freeFileName, resolveSecretPath} from '../../handoff/secret-file.js';
import {SCREEN_ACTIONS} from '../../ui/keys/keymap.js';
import {useSession} from '../../session.js';
import {SecretPanel, SpinnerLine, useLatest, type SecretAction} from '../../ui/index.js';
import {HANDOFF_ACTIONS, useWriteFormInput} from './handoff/input.js';
import {handoffReducer, initialHandoffState, type HandoffView} from './handoff/state.js';
import {NoticeLine, WriteFormView} from './handoff/views.js';
import {ScrollText} from './scroll-text.js';

export {HANDOFF_ACTIONS, HANDOFF_HELP, HANDOFF_NEXT_KEYS} from './handoff/input.js';
export type {HandoffView} from './handoff/state.js';

/** Where the secret went (never the secret itself). */
export type HandoffEvent =
  | {kind: 'copied'; method: string; certain: boolean}
  | {kind: 'written'; path: string; format: SecretFileFormat}
  /** The user said they saved it elsewhere (handoff-gate.tsx). */
  | {kind: 'elsewhere'};

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

export function SecretHandoff(props: SecretHandoffProps) {
  const {credentials, orgId, serviceAccountId, accountName, width, height} = props;
  const isActive = props.isActive ?? true;
  const session = useSession();
  const {stdout} = useStdout();
  const [state, dispatch] = useReducer(handoffReducer, initialHandoffState);
  const {view, form, copying, notice} = state;
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

  const show = (next: HandoffView) => {
    dispatch({type: 'view', view: next});
    latest.current.onViewChange?.(next);
  };

  const copy = () => {
    if (copyingRef.current) return;
    copyingRef.current = true;
    dispatch({type: 'copy-start'});
    void copyToClipboard(credentials.clientSecret, {env: session.services.env, stdout}).then(
      (result) => {
        copyingRef.current = false;
        if (!mounted.current) return;
        dispatch({type: 'copied', message: result.message, certain: result.certain});
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
    dispatch({type: 'open-write'});
    latest.current.onViewChange?.('write');
  };

  // A free file name for the format, until the user types their own.
  useEffect(() => {
    if (view !== 'write' || form.edited) return;
    const format = form.format;
    void suggestFreeSecretFileName(accountName, format, props.cwd).then((path) => {
      if (mounted.current) dispatch({type: 'suggested', path, format});
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [view, form.format, form.edited]);

  const write = (target: string, format: SecretFileFormat) =>
    writeSecretFile({
      path: target,
      format,
      endpoints: session.endpoints,
      orgId,
      serviceAccountId,
      clientId: credentials.clientId,
      clientSecret: credentials.clientSecret,
      cwd: props.cwd,
    });

  /**
   * Writes where the user said, unless that file would sit unignored in a git work tree: then
   * the form asks first (the per-user folder, here anyway, or cancel). `where` answers it.
   */
  const submitWrite = (raw: string, where?: 'per-user' | 'here') => {
    if (writingRef.current) return;
    writingRef.current = true;
    const format = form.format;
    const exposure = form.exposure;
    dispatch({type: 'write-start'});
    const env = session.services.env;
    const attempt = async (): Promise<string | undefined> => {
      if (where === 'per-user' && exposure) {
        await mkdir(path.dirname(exposure.perUserPath), {recursive: true, mode: 0o700});
        return write(exposure.perUserPath, format);
      }
      if (where !== 'here' && raw.trim() !== '') {
        const target = resolveSecretPath(
          raw,
          props.cwd ?? process.cwd(),
          process.env.HOME ?? homedir(),
        );
        const exposed = await gitExposure(target, env);
        if (exposed) {
          const dir = perUserSecretDir(env);
          const name = path.basename(target);
          const ext = path.extname(name);
          const free = await freeFileName(
            name.slice(0, name.length - ext.length),
            ext.slice(1),
            dir,
          );
          const perUserPath = path.join(dir, free);
          if (mounted.current) {
            dispatch({
              type: 'exposed',
              exposure: {target, workTree: exposed.workTree, perUserPath},
            });
          }
          return undefined;
        }
      }
      return write(exposure && where === 'here' ? exposure.target : raw, format);
    };
    attempt().then(
      (written) => {
        writingRef.current = false;
        if (!mounted.current || written === undefined) return;
        dispatch({type: 'written', path: written, format});
        latest.current.onViewChange?.('panel');
        latest.current.onHandedOff?.({kind: 'written', path: written, format});
      },
      (error: unknown) => {
        writingRef.current = false;
        if (!mounted.current) return;
        const message =
          error instanceof SecretFileError
            ? error.message
            : `Writing the file failed (${error instanceof Error ? error.message : String(error)}).`;
        dispatch({type: 'write-failed', message});
      },
    );
  };

  useWriteFormInput({
    state,
    dispatch,
    show,
    isActive,
    onExposureAnswer: (answer) => submitWrite(form.path, answer),
  });

  const actions: SecretAction[] = [
    {binding: SCREEN_ACTIONS.copy, onAction: copy, disabled: copying},
    {binding: SCREEN_ACTIONS.write, onAction: openWrite},
    {binding: HANDOFF_ACTIONS.snippet, onAction: () => show('snippet')},
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
        onClose={() => show('panel')}
      />
    );
  }

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
      {notice && !copying && view === 'panel' ? <NoticeLine notice={notice} /> : null}
      {view === 'write' ? (
        <WriteFormView
          form={form}
          dispatch={dispatch}
          onSubmit={(raw) => submitWrite(raw)}
          focus={isActive && !form.busy && !form.exposure}
          width={width}
        />
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
  if (events.some((e) => e.kind === 'elsewhere')) parts.push('saved elsewhere (you said so)');
  return parts.length === 0 ? undefined : `So far it was ${parts.join(', ')}.`;
}
