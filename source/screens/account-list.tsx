// PLACEHOLDER while the screen is being written (replaced before this lands).
import {Text} from 'ink';
import type {OrgSummary} from '../navigation.js';

export function AccountListScreen(_props: {org: OrgSummary}) {
  return <Text>AccountListScreen is being built.</Text>;
}
