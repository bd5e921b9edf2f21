/**
 * "The same with curl": the commands behind what a screen does, with tokens and secrets as shell
 * variables ($ACCESS_TOKEN, $CLIENT_SECRET), never their values, laid out so a copy from the
 * screen runs. It scrolls; `c` or Esc closes it.
 */
import {curlBlocksText, type CurlCommand} from '../../curl/index.js';
import {Priority, useKeys} from '../../ui/index.js';
import {SCREEN_ACTIONS, matchKey, relabel} from '../../ui/keys/keymap.js';
import {ScrollText} from '../credentials/scroll-text.js';

const CLOSE = relabel(SCREEN_ACTIONS.curl, 'close', 'Close the curl commands');

export function CurlOverlay(props: {
  commands: readonly CurlCommand[];
  onClose: () => void;
  width: number;
  height: number;
}) {
  const {onClose} = props;
  // `c` closes it as it opened it; no other key reaches the screen below. Just under the
  // ScrollText's own keys (scroll, Esc), which it takes first.
  useKeys(
    (input, key) => {
      if (matchKey(input, key, CLOSE.keys[0]!)) onClose();
      return true;
    },
    {priority: Priority.Modal - 1, keys: [CLOSE], takes: 'all'},
  );
  return (
    <ScrollText
      title="The same with curl"
      text={curlBlocksText(props.commands.map((command) => ({command})))}
      script
      width={props.width}
      height={props.height}
      onClose={onClose}
      priority={Priority.Modal}
    />
  );
}
