/**
 * A spinner line that holds the keys while it shows (useHoldKeys): for a short read that decides
 * what the next keys act on (the account count before a create form), so a name typed meanwhile
 * lands in the form, not on the list's one-letter keys.
 */
import {SpinnerLine, useHoldKeys} from '../../ui/index.js';

export function HeldSpinner(props: {readonly label: string; readonly width: number}) {
  useHoldKeys();
  return <SpinnerLine label={props.label} width={props.width} />;
}
