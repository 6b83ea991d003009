import { BadRequestException, CallHandler, createParamDecorator, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { type Observable, tap } from 'rxjs';
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

/** A route parameter: the caller's consistency token (see readAfterOf). */
export const ReadAfter = createParamDecorator((_: unknown, ctx: ExecutionContext) => readAfterOf(ctx.switchToHttp().getRequest<Request>()));

/** Runs every handler in a write-tracking scope and hands what it appended to the client (cookie and header). */
@Injectable()
export class WrittenPositionInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<Request>();
    const res = context.switchToHttp().getResponse<Response>();
    // next.handle() binds the handler to the async context it is called in: the scope's.
    const { result, written } = trackWrites(() => next.handle());
    const hand = () => {
      const position = written();
      if (position === null || res.headersSent) return;
      res.setHeader(WRITTEN_HEADER, position.toString());
      const previous = cookieValue(req);
      if (previous === undefined || position > previous)
        res.cookie(WRITTEN_COOKIE, position.toString(), { httpOnly: true, sameSite: 'strict', path: '/', secure: req.secure });
    };
    // Also on an error answered after a write (e.g. the workflow's signal failed): the write itself is stored.
    return result.pipe(tap({ next: hand, error: hand }));
  }
}

const cookieValue = (req: Request): bigint | undefined => {
  const v = req.cookies?.[WRITTEN_COOKIE];
  return typeof v === 'string' && /^\d{1,40}$/.test(v) ? BigInt(v) : undefined;
};
