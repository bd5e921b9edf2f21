import {MutationCache, QueryCache, QueryClient, environmentManager} from '@tanstack/react-query';

/**
 * TanStack Query decides "server or browser" by `typeof window`; under Node it would assume a
 * server (infinite gcTime, no stale timers). This app is a long-lived client, so say so once,
 * and set the cache lifetimes explicitly. Retries are the API client's job: it knows which calls
 * are idempotent (API.md §4.3), so the query layer never re-sends on its own.
 */
environmentManager.setIsServer(() => false);

/** Data younger than this is served from the cache when a screen is revisited. */
export const STALE_TIME_MS = 60_000;
/** Unused data is dropped after this long. */
const GC_TIME_MS = 10 * 60_000;

export function createQueryClient(options: {onError?: (error: unknown) => void} = {}): QueryClient {
  return new QueryClient({
    // Every failed read and write is seen once by the app (e.g. the refresh token revoked).
    queryCache: new QueryCache({onError: (error) => options.onError?.(error)}),
    mutationCache: new MutationCache({onError: (error) => options.onError?.(error)}),
    defaultOptions: {
      queries: {
        retry: false,
        staleTime: STALE_TIME_MS,
        gcTime: GC_TIME_MS,
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
        // A screen revisited while data is fresh must not ask the API again (issue #6).
        refetchOnMount: true,
      },
      mutations: {retry: false, gcTime: 0},
    },
  });
}
