import { QueryClient } from '@tanstack/react-query';
import { ApiError, isBusy, NetworkError } from '../api/client';

/** How often a change the API refused as busy is sent again, and the longest wait before one (whatever Retry-After says). */
export const BUSY_RETRIES = 2;
const BUSY_WAIT_MAX_MS = 10_000;

/**
 * Retries only what may succeed on its own (a dropped connection, a busy server), never a 4xx. A change (mutation) is
 * sent again only when the API said it did nothing (503 SERVER_BUSY, write admission), after the Retry-After it gave;
 * if it is still busy, the user reads its Vietnamese message and may try again.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: (count, err) => count < 2 && (err instanceof NetworkError || (err instanceof ApiError && err.status >= 500)),
        refetchOnWindowFocus: false,
      },
      mutations: {
        retry: (count, err) => count < BUSY_RETRIES && isBusy(err),
        retryDelay: (count, err) =>
          Math.min(BUSY_WAIT_MAX_MS, 1000 * (isBusy(err) && err.retryAfterSeconds !== undefined ? err.retryAfterSeconds : 2)),
      },
    },
  });
}
