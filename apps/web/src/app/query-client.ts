import { QueryClient } from '@tanstack/react-query';
import { ApiError, NetworkError } from '../api/client';

/** Retries only what may succeed on its own (a dropped connection, a busy server), never a 4xx. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: (count, err) => count < 2 && (err instanceof NetworkError || (err instanceof ApiError && err.status >= 500)),
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}
