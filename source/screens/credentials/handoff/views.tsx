/** What the secret hand-off draws under its panel: the last notice and the write form. */
import {Box, Text} from 'ink';
import type {Dispatch} from 'react';
import {SpinnerLine, TextField, inert, marks, theme} from '../../../ui/index.js';
import {GLOBAL_ACTIONS, keyLine, relabel} from '../../../ui/keys/keymap.js';
import {EXPOSURE_ACTIONS, FORMAT_TOGGLE} from './input.js';
import {formatName, type HandoffAction, type Notice, type WriteForm} from './state.js';

export function NoticeLine({notice}: {readonly notice: Notice}) {
  return (
    <Text color={notice.tone === 'ok' ? theme.accent : theme.warning} wrap="wrap">
      {inert(`${notice.tone === 'ok' ? marks.ok : marks.warning} ${notice.text}`)}
    </Text>
  );
}

export function WriteFormView(props: {
  readonly form: WriteForm;
  readonly dispatch: Dispatch<HandoffAction>;
  readonly onSubmit: (path: string) => void;
  readonly focus: boolean;
  readonly width: number;
}) {
  const {form, width} = props;
  return (
    <Box flexDirection="column" width={width}>
      <TextField
        label={`Write to a new file as ${formatName(form.format)} (mode 0600, never overwrites)`}
        value={form.path}
        onChange={(path) => props.dispatch({type: 'typed', path})}
        onSubmit={props.onSubmit}
        focus={props.focus}
        placeholder="./credentials.env"
        hint={keyLine(
          relabel(GLOBAL_ACTIONS.open, 'writes'),
          relabel(FORMAT_TOGGLE, `${formatName(form.format === 'json' ? 'env' : 'json')} instead`),
          relabel(GLOBAL_ACTIONS.back, 'cancels'),
        )}
        width={width}
      />
      {form.exposure ? (
        <Box flexDirection="column" width={width}>
          <Text color={theme.warning} wrap="wrap">
            {inert(
              `${marks.warning} ${form.exposure.target} is in the git work tree ${form.exposure.workTree} and not ignored: one "git add ." from a leak.`,
            )}
          </Text>
          <Text wrap="wrap">
            {inert(
              keyLine(
                relabel(EXPOSURE_ACTIONS.perUser, `write ${form.exposure.perUserPath} instead`),
                EXPOSURE_ACTIONS.here,
                EXPOSURE_ACTIONS.cancel,
              ),
            )}
          </Text>
        </Box>
      ) : null}
      {form.busy ? <SpinnerLine label="Writing…" width={width} /> : null}
      {form.error ? (
        <Text color={theme.error} wrap="wrap">
          {inert(`${marks.error} ${form.error}`)}
        </Text>
      ) : null}
    </Box>
  );
}
