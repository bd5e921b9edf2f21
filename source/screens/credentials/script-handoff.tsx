/**
 * The curl view's own hand-off (ScrollText in script mode): `y` copies the WHOLE script, not the
 * lines in view, through the same clipboard path as a secret (a tool, tmux's buffer, OSC 52); `w`
 * asks for a file name (a free `./flexera-sa-curl.sh` offered) and writes a NEW 0600 file, saying
 * where. The script holds no secret: only shell variables (curl/commands.ts).
 */
import {Box, Text, useStdout} from 'ink';
import {useEffect, useRef, useState} from 'react';
import {
  SecretFileError,
  copyToClipboard,
  suggestFreeScriptFileName,
  writeScriptFile,
} from '../../handoff/index.js';
import {useSession} from '../../session.js';
import {SpinnerLine, TextField, inert, marks, theme, wrap} from '../../ui/index.js';
import {GLOBAL_ACTIONS, SCREEN_ACTIONS, keyLine, relabel} from '../../ui/keys/keymap.js';

export const SCRIPT_COPY = relabel(SCREEN_ACTIONS.copy, 'copy all', 'Copy the whole script');
export const SCRIPT_WRITE = relabel(
  SCREEN_ACTIONS.write,
  'write file',
  'Write the whole script to a new file (mode 0600, never overwrites)',
);

/** A screen's footer while its curl view is open: the view's keys, nothing of the screen below. */
export const CURL_VIEW_HINTS = [
  SCRIPT_COPY,
  SCRIPT_WRITE,
  relabel(GLOBAL_ACTIONS.back, 'close', 'Close the curl view'),
];

interface Notice {
  readonly text: string;
  readonly ok: boolean;
}

export interface ScriptHandoff {
  /** The write form is open (it has the keys but Esc). */
  readonly writing: boolean;
  readonly copy: () => void;
  readonly openWrite: () => void;
  readonly closeWrite: () => void;
  /** Lines the form and the notice take now. */
  readonly rows: number;
  readonly view: React.ReactNode;
}

export function useScriptHandoff(options: {
  readonly script: string;
  readonly width: number;
  readonly isActive: boolean;
  /** Of the write field: above the view's own keys. */
  readonly priority: number;
}): ScriptHandoff {
  const {script, width} = options;
  const session = useSession();
  const {stdout} = useStdout();
  const [writing, setWriting] = useState(false);
  const [path, setPath] = useState('');
  const [edited, setEdited] = useState(false);
  const [busy, setBusy] = useState<'copy' | 'write' | undefined>();
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<Notice>();
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );
  const lineCount = script.split('\n').length;

  // A free name, unless the user typed before it was found.
  const typed = useRef(false);
  useEffect(() => {
    if (!writing || edited) return;
    void suggestFreeScriptFileName().then((name) => {
      if (mounted.current && !typed.current) setPath(name);
    });
  }, [writing, edited]);

  const copy = () => {
    if (busy) return;
    setBusy('copy');
    void copyToClipboard(script, {env: session.services.env, stdout}).then((result) => {
      if (!mounted.current) return;
      setBusy(undefined);
      setNotice({
        text: `The whole script (${lineCount} lines): ${result.certain ? '' : 'not confirmed: '}${result.message}`,
        ok: result.certain,
      });
    });
  };

  const submit = (raw: string) => {
    if (busy) return;
    setBusy('write');
    setError(undefined);
    writeScriptFile({path: raw, script}).then(
      (written) => {
        if (!mounted.current) return;
        setBusy(undefined);
        setWriting(false);
        setNotice({
          text: `Wrote the whole script (${lineCount} lines) to ${written} (mode 0600).`,
          ok: true,
        });
      },
      (failure: unknown) => {
        if (!mounted.current) return;
        setBusy(undefined);
        setError(
          failure instanceof SecretFileError
            ? failure.message
            : `Writing the file failed (${failure instanceof Error ? failure.message : String(failure)}).`,
        );
      },
    );
  };

  const noticeLines =
    notice && !writing
      ? wrap(`${notice.ok ? marks.ok : marks.warning} ${notice.text}`, width, {maxLines: 2})
      : [];
  const formRows = writing ? 3 + (busy === 'write' ? 1 : 0) : 0;
  const view = (
    <Box flexDirection="column" width={width}>
      {writing ? (
        <TextField
          label="Write the whole script to a new file (mode 0600, never overwrites)"
          value={path}
          onChange={(next) => {
            typed.current = true;
            setPath(next);
            setEdited(true);
            setError(undefined);
          }}
          onSubmit={submit}
          focus={options.isActive && busy !== 'write'}
          priority={options.priority}
          placeholder="./flexera-sa-curl.sh"
          hint={keyLine(
            relabel(GLOBAL_ACTIONS.open, 'writes'),
            relabel(GLOBAL_ACTIONS.back, 'cancels'),
          )}
          error={error}
          width={width}
        />
      ) : null}
      {busy === 'write' ? <SpinnerLine label="Writing…" width={width} /> : null}
      {busy === 'copy' ? <SpinnerLine label="Copying the script…" width={width} /> : null}
      {noticeLines.map((line, index) => (
        <Text key={index} color={notice?.ok ? theme.accent : theme.warning}>
          {inert(line)}
        </Text>
      ))}
    </Box>
  );
  return {
    writing,
    copy,
    openWrite: () => {
      typed.current = false;
      setWriting(true);
      setEdited(false);
      setPath('');
      setError(undefined);
    },
    closeWrite: () => {
      if (busy !== 'write') setWriting(false);
    },
    rows: formRows + noticeLines.length + (busy === 'copy' ? 1 : 0),
    view,
  };
}
