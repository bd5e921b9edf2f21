import {QueryClientProvider, type QueryClient} from '@tanstack/react-query';
import {createContext, useContext, useState, type ReactNode} from 'react';
import type {FlexeraClient} from '../api/client.js';
import {createQueryClient} from './query-client.js';

const ClientContext = createContext<FlexeraClient | undefined>(undefined);

/**
 * Wraps the app: one FlexeraClient and one query cache for it. A new session (sign-in, another
 * zone) mounts a new provider (keyed by the caller), so no cached answer crosses identities.
 */
export function ApiProvider(props: {
  client: FlexeraClient;
  queryClient?: QueryClient;
  onError?: (error: unknown) => void;
  children: ReactNode;
}) {
  const [queryClient] = useState(
    () => props.queryClient ?? createQueryClient({onError: props.onError}),
  );
  return (
    <ClientContext.Provider value={props.client}>
      <QueryClientProvider client={queryClient}>{props.children}</QueryClientProvider>
    </ClientContext.Provider>
  );
}

/** For the hook layer only: screens use the typed hooks, never the client. */
export function useFlexeraClient(): FlexeraClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useFlexeraClient needs an <ApiProvider> above it');
  return client;
}
