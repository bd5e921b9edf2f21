/**
 * "The same with curl": the commands behind what a screen does, with tokens and secrets as shell
 * variables ($ACCESS_TOKEN, $CLIENT_SECRET), never their values. `c` or Esc closes it.
 */
import {Box, Text} from 'ink';
import type {CurlCommand} from '../../curl/index.js';
import {Priority, inert, theme, useKeys} from '../../ui/index.js';

export function CurlOverlay(props: {
  commands: readonly CurlCommand[];
  onClose: () => void;
  width: number;
  height: number;
}) {
  const {onClose} = props;
  useKeys(
    (input, key) => {
      if (key.escape || input === 'c') onClose();
      return true;
    },
    {priority: Priority.Modal},
  );
  const variables = [...new Set(props.commands.flatMap((command) => command.variables))];
  return (
    <Box flexDirection="column" width={props.width} height={props.height} overflow="hidden">
      <Text bold wrap="truncate-end">
        The same with curl · Esc closes
      </Text>
      {variables.length === 0 ? null : (
        <Text dimColor wrap="truncate-end">
          {`Set ${variables.map((v) => `$${v}`).join(', ')} first (never pasted here).`}
        </Text>
      )}
      {props.commands.map((command, i) => (
        <Box key={i} flexDirection="column" marginTop={1}>
          <Text color={theme.accent} wrap="truncate-end">
            {`# ${inert(command.title)}`}
          </Text>
          {command.command.split('\n').map((line, j) => (
            <Text key={j} wrap="wrap">
              {inert(line)}
            </Text>
          ))}
          {command.note === undefined ? null : (
            <Text dimColor wrap="truncate-end">{`# ${inert(command.note)}`}</Text>
          )}
        </Box>
      ))}
    </Box>
  );
}
