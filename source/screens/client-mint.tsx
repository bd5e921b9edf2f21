// PLACEHOLDER while the screen is being written (replaced before this lands).
import {Text} from 'ink';
import type {OrgSummary} from '../navigation.js';

export function ClientMintScreen(_props: {org: OrgSummary; accountId: number}) {
  return <Text>ClientMintScreen is being built.</Text>;
}
