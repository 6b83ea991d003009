import { createParamDecorator, ExecutionContext, UnauthorizedException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EventMetadata } from '../../../../libs/persistence/src/event-store/event-store';

export interface Actor {
  userId: string;
  role: string;
  correlationId: string;
  /** Id of this request: the causation of the events it appends. */
  requestId: string;
}

/**
 * Who is calling. Until accounts and sessions land (issue #5) the caller names itself in `X-User-Id`
 * (and `X-User-Role`); the header is required so that every event still records an actor.
 */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const req = ctx.switchToHttp().getRequest();
  const userId = String(req.headers['x-user-id'] ?? '').trim();
  if (!userId) {
    throw new UnauthorizedException({ statusCode: 401, error: 'ACTOR_REQUIRED', message: 'X-User-Id header is required', messageVi: 'Cần đăng nhập.' });
  }
  const correlationId = String(req.headers['x-correlation-id'] ?? '') || randomUUID();
  return { userId: userId.normalize('NFC'), role: String(req.headers['x-user-role'] ?? 'user'), correlationId, requestId: randomUUID() };
});

export function metadataOf(actor: Actor, unitId?: string): EventMetadata {
  return { actor: { userId: actor.userId, role: actor.role }, correlationId: actor.correlationId, causationId: actor.requestId, ...(unitId ? { unitId } : {}) };
}
