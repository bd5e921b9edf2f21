import {MutationCache, QueryCache, QueryClient, environmentManager} from '@tanstack/react-query';

/**
 * TanStack Query decides "server or browser" by `typeof window`; under Node it would assume a
 * server (infinite gcTime, no stale timers). This app is a long-lived client, so say so once,
 * and set the cache lifetimes explicitly. Retries are the API client's job: it knows which calls
 * are idempotent (API.md §4.3), so the query layer never re-sends on its own.
 */
environmentManager.setIsServer(() => false);

/**
 * How long a read stays true enough to show again. A screen entered or re-entered reads its lists
 * again when they are older than this (refetchOnMount), so an account made elsewhere (curl,
 * another person) shows up by the next visit; younger data is served from the cache, so moving
 * back and forth costs no requests. 30 s: short next to how long a person stays on a screen, long
 * next to Enter-then-Esc. Tests shorten it (ClientServices.staleTimeMs).
 */
const STALE_TIME_MS = 30_000;
/** Unused data is dropped after this long. */
const GC_TIME_MS = 10 * 60_000;

export function createQueryClient(
  options: {onError?: (error: unknown) => void; staleTimeMs?: number} = {},
): QueryClient {
  return new QueryClient({
    // Every failed read and write is seen once by the app (e.g. the refresh token revoked).
    queryCache: new QueryCache({onError: (error) => options.onError?.(error)}),
    mutationCache: new MutationCache({onError: (error) => options.onError?.(error)}),
    defaultOptions: {
      queries: {
        retry: false,
        staleTime: options.staleTimeMs ?? STALE_TIME_MS,
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

/** The cache's freshness age (createQueryClient's staleTimeMs), for checks outside a query. */
export function staleTimeOf(queryClient: QueryClient): number {
  const staleTime = queryClient.getDefaultOptions().queries?.staleTime;
  return typeof staleTime === 'number' ? staleTime : STALE_TIME_MS;
}
