import { BadRequestException, createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import onHeaders from 'on-headers';
import { trackWrites } from '@kybaocao/persistence/event-store/written-positions';

/**
 * The consistency token (read-your-own-writes). A request that appends events answers with the highest global
 * position it wrote: in the cookie `kbc_written` (a browser; only ever raised) and the `X-Written-Position` header
 * (an API client sends the highest it received back in the same header). The board's reads wait for their read
 * models only up to the caller's token: a coordinator sees their own approval at once, and never waits for the
 * stream of other users' submissions (issue #16). Without a token they read what the read models hold.
 */
export const WRITTEN_COOKIE = 'kbc_written';
export const WRITTEN_HEADER = 'X-Written-Position';

/** The caller's token (the higher of cookie and header; the projector clamps it to the log's end); undefined without one. */
export function readAfterOf(req: Pick<Request, 'cookies' | 'header'>): bigint | undefined {
  const given = [req.cookies?.[WRITTEN_COOKIE], req.header(WRITTEN_HEADER)].filter((v): v is string => typeof v === 'string' && v !== '');
  let best: bigint | undefined;
  for (const v of given) {
    if (!/^\d{1,40}$/.test(v))
      throw new BadRequestException({
        statusCode: 400,
        error: 'WRITTEN_POSITION_INVALID',
        message: `${WRITTEN_HEADER} (or the ${WRITTEN_COOKIE} cookie) must be a non-negative integer, got "${v.slice(0, 40)}"`,
        messageVi: 'Mã vị trí dữ liệu đã ghi không hợp lệ; vui lòng tải lại trang.',
      });
    const p = BigInt(v);
    if (best === undefined || p > best) best = p;
  }
  return best;
}

/** The OpenAPI description of the token on a read that waits for the caller's own writes (common/read-your-writes.ts). */
export const ApiReadAfter = () =>
  ApiHeader({
    name: WRITTEN_HEADER,
    required: false,
    description:
      "the highest X-Written-Position this client was answered (a browser sends the kbc_written cookie instead): the read waits until the read models it reads hold the client's own writes; without it, it answers from them as they stand",
  });

/** A route parameter: the caller's consistency token (see readAfterOf). */
export const ReadAfter = createParamDecorator((_: unknown, ctx: ExecutionContext) => readAfterOf(ctx.switchToHttp().getRequest<Request>()));

/**
 * Express middleware: runs the rest of the request in a write-tracking scope and, just before the answer's headers
 * go out (`on-headers`, the hook expressjs's own compression and morgan use), hands what it appended to the client
 * (cookie and header) — also on an error answered after a write (e.g. the workflow's signal failed: the write itself
 * is stored). A middleware rather than a Nest interceptor: the submission routes run no interceptor chain (rxjs and
 * async-context binding cost ~4 % of a submission's CPU, issue #16).
 */
export function writtenPositionMiddleware(req: Request, res: Response, next: NextFunction): void {
  // A synchronous route (the OpenAPI document) answers inside next(): the hook reads the scope through the reader
  // trackWrites hands in, never through its return value, which does not exist yet then.
  trackWrites((written) => {
    onHeaders(res, () => {
      const position = written();
      if (position === null) return;
      res.setHeader(WRITTEN_HEADER, position.toString());
      const previous = cookieValue(req);
      if (previous === undefined || position > previous)
        res.cookie(WRITTEN_COOKIE, position.toString(), { httpOnly: true, sameSite: 'strict', path: '/', secure: req.secure });
    });
    next();
  });
}

const cookieValue = (req: Request): bigint | undefined => {
  const v = req.cookies?.[WRITTEN_COOKIE];
  return typeof v === 'string' && /^\d{1,40}$/.test(v) ? BigInt(v) : undefined;
};
