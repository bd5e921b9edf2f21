// PLACEHOLDER while the screen is being written (replaced before this lands).
import {Text} from 'ink';
import type {OrgSummary} from '../navigation.js';

export function GuideScreen(_props: {org: OrgSummary}) {
  return <Text>GuideScreen is being built.</Text>;
}
