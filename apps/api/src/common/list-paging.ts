import type { Response } from 'express';
import { positiveInt } from './positive-int';

/**
 * Paging of a list whose answer stays a JSON array (as its existing callers read it): at most `limit` items,
 * and when more follow, the cursor of the next page in the `X-Next-Cursor` header and a `Link: <…>; rel="next"`.
 */
export function listLimit(limit: string | undefined, fallback: number, max: number): number {
  return Math.min(positiveInt(limit, 'limit') ?? fallback, max);
}

export function setNextPage(res: Response, path: string, query: Record<string, string | undefined>, nextCursor: string | null): void {
  if (!nextCursor) return;
  const params = new URLSearchParams(
    Object.entries({ ...query, cursor: nextCursor }).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''),
  );
  res.setHeader('X-Next-Cursor', nextCursor);
  res.setHeader('Link', `<${path}?${params.toString()}>; rel="next"`);
}
