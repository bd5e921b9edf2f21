// PLACEHOLDER while the screen is being written (replaced before this lands).
import {Text} from 'ink';
import type {OrgSummary} from '../navigation.js';

export function AccountDetailScreen(_props: {org: OrgSummary; accountId: number}) {
  return <Text>AccountDetailScreen is being built.</Text>;
}
