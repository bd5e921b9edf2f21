/** The sign-in screen's two small lists: the zone picker and "where does this token work". */
import {Box, Text} from 'ink';
import {ZONES, type Endpoints, type ZoneId} from '../../api/zones.js';
import type {ZoneProbe} from '../../hooks/sign-in.js';
import {marks, padToWidth, theme, truncateToWidth} from '../../ui/index.js';
import {hostOf, hostsOf} from './layout.js';

export interface ZoneChoice {
  zone: ZoneId;
  endpoints: Endpoints;
}

const LABEL = 6;
const REGION = 15;

function Pointer({on}: {on: boolean}) {
  return <Text color={theme.accent}>{on ? `${marks.pointer} ` : '  '}</Text>;
}

/** NAM / EU / APAC with the hosts each would use; the cursor row is marked. */
export function ZoneList(props: {choices: readonly ZoneChoice[]; cursor: number; width: number}) {
  const room = Math.max(1, props.width - 2);
  return (
    <Box flexDirection="column">
      {props.choices.map((choice, index) => {
        const zone = ZONES[choice.zone];
        const on = index === props.cursor;
        const text = truncateToWidth(
          `${padToWidth(zone.label, LABEL)}${padToWidth(zone.region, REGION)}${hostsOf(choice.endpoints)}`,
          room,
        );
        return (
          <Box key={choice.zone} height={1} overflow="hidden">
            <Pointer on={on} />
            <Text bold={on} color={on ? theme.accent : undefined}>
              {text}
            </Text>
          </Box>
        );
      })}
    </Box>
  );
}

function verdictText(probe: ZoneProbe): {text: string; color?: string; dim?: boolean} {
  switch (probe.verdict) {
    case 'checking':
      return {text: 'checking…', dim: true};
    case 'works':
      return {text: `${marks.ok} works`, color: theme.accent};
    case 'refused':
      return {text: `${marks.error} refused`, color: theme.error};
    case 'unreachable':
      // Why is said under the list (describeError's words need the whole width).
      return {text: `${marks.warning} unreachable`, color: theme.warning};
  }
}

/** One row per zone tried: its login host and what it said; the cursor marks a zone that works. */
export function ProbeList(props: {
  probes: readonly ZoneProbe[];
  selected: ZoneId | undefined;
  width: number;
}) {
  const hostWidth = Math.max(8, Math.min(28, Math.floor((props.width - 2 - LABEL) / 2)));
  return (
    <Box flexDirection="column">
      {props.probes.map((probe) => {
        const verdict = verdictText(probe);
        const on = probe.zone === props.selected;
        const left = `${padToWidth(ZONES[probe.zone].label, LABEL)}${padToWidth(
          truncateToWidth(hostOf(probe.endpoints.login), hostWidth - 1),
          hostWidth,
        )}`;
        return (
          <Box key={probe.zone} height={1} overflow="hidden">
            <Pointer on={on} />
            <Text bold={on}>{left}</Text>
            <Text color={verdict.color} dimColor={verdict.dim}>
              {truncateToWidth(verdict.text, Math.max(1, props.width - 2 - LABEL - hostWidth))}
            </Text>
          </Box>
        );
      })}
    </Box>
  );
}
