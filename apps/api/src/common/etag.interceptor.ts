import { CallHandler, ExecutionContext, Injectable, NestInterceptor, UseInterceptors } from '@nestjs/common';
import type { Response } from 'express';
import { map, type Observable } from 'rxjs';

/** Sets `ETag: "<n>"` from the response's version field (the stream version a client sends back in If-Match). */
@Injectable()
class EtagInterceptor implements NestInterceptor {
  constructor(private readonly field: string) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(map((body) => {
      const version = (body as Record<string, unknown> | undefined)?.[this.field];
      if (typeof version === 'number') context.switchToHttp().getResponse<Response>().setHeader('ETag', `"${version}"`);
      return body;
    }));
  }
}

/** On a controller or route: the response's `field` (default `streamVersion`) becomes its ETag. */
export const Etag = (field = 'streamVersion') => UseInterceptors(new EtagInterceptor(field));
