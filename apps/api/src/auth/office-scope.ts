import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { officeBodies, officeRule, type Action } from '@kybaocao/domain/permissions';
import { enforce, permissionActor, type Actor } from '../common/actor';
import type { AuthUser } from './auth-user';
import { ACTION_KEY } from './roles';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A unit and its ancestors up the registry, nearest first (a unit the registry does not know: itself alone). */
export async function unitPath(db: DataSource, unitId: string): Promise<{ id: string; level: string }[]> {
  const rows: { id: string; level: string }[] = await db.query(
    `WITH RECURSIVE up(id, parent_id, level, depth) AS (
       SELECT id, parent_id, level, 0 FROM org_units WHERE id = $1
       UNION ALL
       SELECT o.id, o.parent_id, o.level, up.depth + 1 FROM org_units o JOIN up ON o.id = up.parent_id WHERE up.depth < 64)
     SELECT id, level FROM up ORDER BY depth`,
    [unitId],
  );
  return rows.length ? rows : [{ id: unitId, level: '' }];
}

/** What the request carries once the guard ran: the caller's office bodies, and the issuer path of the cycle in the route. */
export interface OfficeFacts {
  officeUnitIds: string[];
  cycleIssuerPath?: string[];
}

export const officeFactsOf = (req: { officeFacts?: OfficeFacts }): OfficeFacts | undefined => req.officeFacts;

/**
 * Global, after the role guard: ties the request to offices. Loads the caller's office bodies (a Ban Dân vận
 * works for its Huyện ủy) and, on a route under /cycles/{cycleId} (or POST /cycles, the issuer asked for), the
 * cycle's issuer and its ancestors; then checks the office part of the route's action (libs/domain permissions:
 * the issuing office acts, offices above read, others neither). The use cases' own checks see the same facts
 * through the Actor (see permissionActor), so one rule decides both here and there.
 */
@Injectable()
export class OfficeScopeGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly db: DataSource,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest();
    const user = req.user as AuthUser | undefined;
    if (!user) return true;
    const facts: OfficeFacts = { officeUnitIds: user.officeUnitId ? officeBodies(await unitPath(this.db, user.officeUnitId)) : [] };
    const cycleId = req.params?.cycleId;
    const issuer =
      typeof cycleId === 'string' && UUID.test(cycleId)
        ? await this.issuerOf(cycleId)
        : req.method === 'POST' && req.route?.path === '/cycles' && typeof req.body?.issuingBody?.unitId === 'string'
          ? (req.body.issuingBody.unitId as string)
          : undefined;
    if (issuer) facts.cycleIssuerPath = (await unitPath(this.db, issuer)).map((u) => u.id);
    req.officeFacts = facts;
    const action = this.reflector.getAllAndOverride<Action | undefined>(ACTION_KEY, [ctx.getHandler(), ctx.getClass()]);
    if (action && facts.cycleIssuerPath) {
      enforce(officeRule(permissionActor({ userId: user.id, user, officeFacts: facts } as Actor), action));
    }
    return true;
  }

  private async issuerOf(cycleId: string): Promise<string | undefined> {
    const [row] = await this.db.query(`SELECT state->'issuingBody'->>'unitId' AS issuer FROM cycle_heads WHERE cycle_id = $1`, [cycleId]);
    return row?.issuer ?? undefined;
  }
}
