// PLACEHOLDER while the screen is being written (replaced before this lands).
import {Text} from 'ink';
import type {OrgSummary} from '../navigation.js';

export function RotateScreen(_props: {org: OrgSummary; accountId: number}) {
  return <Text>RotateScreen is being built.</Text>;
}
