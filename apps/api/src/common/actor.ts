import { ConflictException, createParamDecorator, ExecutionContext } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { canonicalize } from 'json-canonicalize';
import { can, type Action, type Decision, type PermissionActor, type PermissionResource } from '@kybaocao/domain/permissions';
import { deepNfc } from './nfc';
import type { EventMetadata } from '@kybaocao/persistence/event-store/event-store';
import type { AuthUser } from '../auth/auth-user';
import { forbidden } from '../auth/guards';
import type { Role } from '../auth/roles';
import type { OfficeFacts } from '../auth/office-scope';

/** The authenticated caller of one request, with what its events record. */
export interface Actor {
  userId: string;
  user: AuthUser;
  correlationId: string;
  /** Id of this request: the causation of the events it appends. */
  requestId: string;
  /** With an Idempotency-Key: what identifies the request, so that a key reused for another one is refused. */
  requestFingerprint?: string;
  /** The caller's office bodies and the request's cycle issuer (auth/office-scope.ts). */
  officeFacts?: OfficeFacts;
}

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const req = ctx.switchToHttp().getRequest();
  const user = req.user as AuthUser;
  const header = String(req.headers['x-correlation-id'] ?? '');
  return {
    userId: user.id,
    user,
    correlationId: /^[\w.-]{1,100}$/.test(header) ? header : randomUUID(),
    requestId: randomUUID(),
    ...(req.officeFacts ? { officeFacts: req.officeFacts } : {}),
    ...(req.headers['idempotency-key'] ? { requestFingerprint: requestFingerprint(req) } : {}),
  };
});

/** SHA-256 of method, path and the body's canonical JSON (NFC: a retry typed on another keyboard is the same request). */
export function requestFingerprint(req: { method: string; path: string; body?: unknown }): string {
  return createHash('sha256')
    .update(`${req.method} ${req.path}\n${canonicalize(deepNfc(req.body ?? null))}`)
    .digest('hex');
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

/** The caller as the permission rules see it. */
export const permissionActor = (actor: Actor): PermissionActor => ({
  userId: actor.userId,
  username: actor.user.username,
  roles: actor.user.roles,
  unitIds: actor.user.unitIds,
  officeUnitId: actor.user.officeUnitId,
  officeUnitIds: actor.officeFacts?.officeUnitIds ?? [],
  ...(actor.officeFacts?.cycleIssuerPath ? { requestCycle: { cycleIssuerPath: actor.officeFacts.cycleIssuerPath } } : {}),
});

/** Throws what a refusal of the permission rules means over HTTP: 403 for role and scope, 409 with the rule's code for phase and state. */
export function enforce(decision: Decision): void {
  if (decision.allowed) return;
  if (decision.reason === 'role' || decision.reason === 'scope') throw forbidden(decision.message, decision.messageVi);
  throw new ConflictException({
    statusCode: 409,
    error: decision.code,
    message: decision.message,
    messageVi: decision.messageVi,
    ...(decision.details ?? {}),
  });
}

/** May the caller do this action on this resource? Throws the refusal (see enforce). */
export function authorize(actor: Actor, action: Action, resource: PermissionResource = {}): void {
  enforce(can(permissionActor(actor), action, resource));
}
