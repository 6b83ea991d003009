import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { canonicalize } from 'json-canonicalize';
import { deepNfc } from './nfc';
import type { EventMetadata } from '../../../../libs/persistence/src/event-store/event-store';
import type { AuthUser } from '../auth/auth-user';
import { forbidden } from '../auth/guards';
import type { Role } from '../auth/roles';

/** The authenticated caller of one request, with what its events record. */
export interface Actor {
  userId: string;
  user: AuthUser;
  correlationId: string;
  /** Id of this request: the causation of the events it appends. */
  requestId: string;
  /** With an Idempotency-Key: what identifies the request, so that a key reused for another one is refused. */
  requestFingerprint?: string;
}

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const req = ctx.switchToHttp().getRequest();
  const user = req.user as AuthUser;
  const header = String(req.headers['x-correlation-id'] ?? '');
  return {
    userId: user.id, user, correlationId: /^[\w.-]{1,100}$/.test(header) ? header : randomUUID(), requestId: randomUUID(),
    ...(req.headers['idempotency-key'] ? { requestFingerprint: requestFingerprint(req) } : {}),
  };
});

/** SHA-256 of method, path and the body's canonical JSON (NFC: a retry typed on another keyboard is the same request). */
export function requestFingerprint(req: { method: string; path: string; body?: unknown }): string {
  return createHash('sha256').update(`${req.method} ${req.path}\n${canonicalize(deepNfc(req.body ?? null))}`).digest('hex');
}

export function metadataOf(actor: Actor, unitId?: string): EventMetadata {
  return {
    actor: { userId: actor.userId, role: actor.user.roles.join(',') },
    username: actor.user.username,
    correlationId: actor.correlationId,
    causationId: actor.requestId,
    ...(actor.requestFingerprint ? { requestFingerprint: actor.requestFingerprint } : {}),
    ...(unitId ? { unitId } : {}),
  };
}

export const hasRole = (actor: Actor, ...roles: Role[]) => actor.user.roles.some((r) => roles.includes(r));

/** A reporter acts only for the units they report for. */
export function requireReporterOf(actor: Actor, unitId: string): void {
  if (!hasRole(actor, 'reporter') || !actor.user.unitIds.includes(unitId)) {
    throw forbidden(`user ${actor.user.username} does not report for unit ${unitId}`, 'Bạn không phải cán bộ báo cáo của đơn vị này.');
  }
}
