import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { parseIfMatch } from './if-match';

/** What a write carries besides its body: the version the client last read and its retry key. */
export interface WriteOptions {
  /** If-Match: the ETag the client last read; a stale one gets 409 with the current version. */
  expectedVersion?: number;
  /** Idempotency-Key: a retried request with the same key is stored once. */
  idempotencyKey?: string;
  /**
   * Prefer: return=minimal (RFC 7240): the client does not want the resource back (it reads it again, or not at all);
   * a route that honours it answers 204 with the new version's ETag and Preference-Applied, and reads nothing for it.
   */
  returnMinimal?: boolean;
}

/** Whether a Prefer header (one or several, comma-separated preferences with parameters) asks for return=minimal. */
export function prefersMinimal(prefer: unknown): boolean {
  const values = Array.isArray(prefer) ? prefer : [prefer];
  return values.some(
    (v) =>
      typeof v === 'string' &&
      v
        .split(',')
        .map((p) =>
          p
            .split(';')[0]
            .trim()
            .toLowerCase()
            .replace(/\s*=\s*/, '='),
        )
        .includes('return=minimal'),
  );
}

/** The request's write options from its If-Match and Idempotency-Key headers (400 for a malformed If-Match). */
export function writeOptionsOf(headers: Record<string, unknown>): WriteOptions {
  const key = headers['idempotency-key'];
  return {
    expectedVersion: parseIfMatch(headers['if-match'] as string | undefined),
    idempotencyKey: typeof key === 'string' && key ? key : undefined,
    ...(prefersMinimal(headers['prefer']) ? { returnMinimal: true } : {}),
  };
}

/** `@WriteOpts() opts: WriteOptions` — If-Match and Idempotency-Key of the request. */
export const WriteOpts = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): WriteOptions => writeOptionsOf(ctx.switchToHttp().getRequest().headers),
);
