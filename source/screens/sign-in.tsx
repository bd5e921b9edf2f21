// PLACEHOLDER while the screen is being written (replaced before this lands).
import {Text} from 'ink';

export function SignInScreen() {
  return <Text>SignInScreen is being built.</Text>;
}
