/**
 * The states every data-driven screen shares: loading (a spinner), failed (the error in place,
 * worded by errors/describe.ts, with r to retry), and loaded.
 */
import type {UseQueryResult} from '@tanstack/react-query';
import {Box} from 'ink';
import type {ReactNode} from 'react';
import {describeError} from '../../errors/describe.js';
import {GLOBAL_ACTIONS, matchAction} from '../../ui/keys/keymap.js';
import {useSession} from '../../session.js';
import {ErrorBox, Priority, SpinnerLine, useKeys} from '../../ui/index.js';

const REFRESH = {refresh: GLOBAL_ACTIONS.refresh};

/** An error in place: what happened and what to do; never a stack. */
export function ApiErrorBox(props: {error: unknown; width?: number; retryable?: boolean}) {
  const session = useSession();
  const description = describeError(props.error, session.endpoints);
  return (
    <ErrorBox
      title={description.title}
      what={description.detail}
      todo={description.action}
      retry={
        description.retryable && props.retryable !== false ? GLOBAL_ACTIONS.refresh : undefined
      }
      width={props.width}
    />
  );
}

/** `r` refetches the given queries (screens that list things offer it). */
export function useRefreshKey(refetch: () => unknown, isActive = true): void {
  useKeys(
    (input, key) => {
      if (matchAction(input, key, REFRESH) !== 'refresh') return false;
      void refetch();
      return true;
    },
    {priority: Priority.Normal, isActive, keys: REFRESH},
  );
}

export function QueryState<T>(props: {
  query: Pick<UseQueryResult<T>, 'data' | 'error' | 'isPending' | 'isError'>;
  /** "your orgs", "service accounts". */
  what: string;
  width?: number;
  children: (data: T) => ReactNode;
}) {
  const {query} = props;
  if (query.isPending) {
    return <SpinnerLine label={`Loading ${props.what}…`} width={props.width} />;
  }
  if (query.isError || query.data === undefined) {
    return (
      <Box flexDirection="column">
        <ApiErrorBox error={query.error} width={props.width} />
      </Box>
    );
  }
  return <>{props.children(query.data)}</>;
}
