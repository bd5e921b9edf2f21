import {QueryClientProvider, type QueryClient} from '@tanstack/react-query';
import {createContext, useContext, useState, type ReactNode} from 'react';
import type {FlexeraClient} from '../api/client.js';
import {createQueryClient} from './query-client.js';

const ClientContext = createContext<FlexeraClient | undefined>(undefined);
const ReportContext = createContext<(error: unknown) => void>(() => undefined);

/**
 * Wraps the app: one FlexeraClient and one query cache for it. A new session (sign-in, another
 * zone) mounts a new provider (keyed by the caller), so no cached answer crosses identities.
 */
export function ApiProvider(props: {
  client: FlexeraClient;
  queryClient?: QueryClient;
  onError?: (error: unknown) => void;
  /** How long a read stays fresh (default STALE_TIME_MS; tests shorten it). */
  staleTimeMs?: number;
  children: ReactNode;
}) {
  const [queryClient] = useState(
    () =>
      props.queryClient ??
      createQueryClient({onError: props.onError, staleTimeMs: props.staleTimeMs}),
  );
  return (
    <ClientContext.Provider value={props.client}>
      <ReportContext.Provider value={props.onError ?? noReport}>
        <QueryClientProvider client={queryClient}>{props.children}</QueryClientProvider>
      </ReportContext.Provider>
    </ClientContext.Provider>
  );
}

const noReport = () => undefined;

/**
 * For hooks that catch an error themselves (one result per change) but must still let the app
 * see it, as the caches do for every other failure.
 */
export function useReportApiError(): (error: unknown) => void {
  return useContext(ReportContext);
}

/** For the hook layer only: screens use the typed hooks, never the client. */
export function useFlexeraClient(): FlexeraClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useFlexeraClient needs an <ApiProvider> above it');
  return client;
}
