/**
 * What gives way when a screen is shorter than what it would draw. In a column of fixed height
 * (the app's body) yoga shrinks every child, and a shrunk <Text> still draws all its lines: over
 * the next one (issue 12: `v verify againle:index …` at 60×16). So:
 *
 * - <Keep>: lines that must stay whole (a question, the secret, a key line): never shrunk.
 * - <ClipWhenShort>: lines that may go (explanations, consequences, a verification's detail): when
 *   the column is short they are cut from the bottom, never drawn over what follows.
 *
 *   <Keep><Text>Delete client 0bae…?</Text></Keep>
 *   <ClipWhenShort><Text wrap="wrap">{consequences}</Text></ClipWhenShort>
 */
import React from 'react';
import type {ReactNode} from 'react';
import {Box} from 'ink';

export function Keep(props: {readonly children?: ReactNode; readonly width?: number}) {
  return (
    <Box flexDirection="column" flexShrink={0} width={props.width}>
      {props.children}
    </Box>
  );
}

export function ClipWhenShort(props: {readonly children?: ReactNode; readonly width?: number}) {
  return (
    <Box flexDirection="column" flexShrink={1} overflow="hidden" width={props.width}>
      <Box flexDirection="column" flexShrink={0}>
        {props.children}
      </Box>
    </Box>
  );
}
