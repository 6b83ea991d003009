import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { Projector } from '@kybaocao/persistence/projections/projector';
import { officeBodies, officeRule, type Action } from '@kybaocao/domain/permissions';
import { isUuid } from '@kybaocao/domain/shared';
import { enforce, permissionActor, type Actor } from '../common/actor';
import type { AuthUser } from './auth-user';
import { ACTION_KEY } from './roles';

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
    private readonly projector: Projector,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest();
    const user = req.user as AuthUser | undefined;
    if (!user) return true;
    const ask = { officeUnitId: user.officeUnitId, ...officeAskOf(req) };
    // Read with the session by the session guard (session-token.ts; one statement for both, session-scope.ts); read here otherwise.
    let paths = preloadedPathsOf(req) ?? (await officeAndIssuerPaths(this.db, ask));
    if (paths.unknown) {
      // A unit the registry's read model does not show yet (registered a moment ago): wait for the read model, then
      // look again. The hot path, where every unit is known, reads nothing more.
      await this.projector.catchUpToNow(undefined, ['org-units']);
      paths = await officeAndIssuerPaths(this.db, ask);
    }
    const facts: OfficeFacts = { officeUnitIds: paths.office ? officeBodies(paths.office) : [] };
    if (paths.issuer) facts.cycleIssuerPath = paths.issuer.map((u) => u.id);
    req.officeFacts = facts;
    const action = this.reflector.getAllAndOverride<Action | undefined>(ACTION_KEY, [ctx.getHandler(), ctx.getClass()]);
    if (action && facts.cycleIssuerPath) {
      enforce(officeRule(permissionActor({ userId: user.id, user, officeFacts: facts } as Actor), action));
    }
    return true;
  }
}

/** What the route asks of the registry besides the caller's office: the cycle in its path, or the issuer a new cycle names. */
export interface OfficeAsk {
  cycleId: string | null;
  issuerUnitId: string | null;
}

export function officeAskOf(req: {
  method?: string;
  params?: Record<string, unknown>;
  route?: { path?: string };
  body?: { issuingBody?: { unitId?: unknown } };
}): OfficeAsk {
  const cycleId = req.params?.cycleId;
  const issuer = req.body?.issuingBody?.unitId;
  return {
    cycleId: typeof cycleId === 'string' && isUuid(cycleId) ? cycleId : null,
    issuerUnitId: req.method === 'POST' && req.route?.path === '/cycles' && typeof issuer === 'string' ? issuer : null,
  };
}

/** The caller's office path and the request's issuer path, as found; `unknown` when a unit asked for is not in the registry. */
export interface OfficePaths {
  office: UnitOnPath[] | null;
  issuer: UnitOnPath[] | null;
  unknown: boolean;
}

const PRELOADED = Symbol('officePaths');
/** The session guard hands the paths it read with the session to the guard, on the request itself. */
export const preloadPaths = (req: object, paths: OfficePaths): void => void ((req as Record<symbol, unknown>)[PRELOADED] = paths);
const preloadedPathsOf = (req: object): OfficePaths | undefined => (req as Record<symbol, OfficePaths | undefined>)[PRELOADED];

/**
 * The SQL of the paths, after a `starts(tag, id)` CTE has named the office and issuer units: `up` climbs the registry
 * from each (nearest first; at most 64 levels); `paths` is one row per unit on a path, or one row with a null id for
 * a start the registry does not know. The office part is `officeStart` (SQL giving the office's id, maybe null).
 * Each level is a LIMIT 1 subquery on the key, which no plan turns into a join of the whole registry: the session's
 * statement is prepared, and a pooled connection keeps the generic plan it made, possibly on an empty registry
 * (office-paths-plan.int-spec.ts).
 */
export const pathsCtes = (officeStart: string, cycleParam: string, issuerParam: string) => `starts(tag, id) AS (
       SELECT 'office', o FROM (${officeStart}) AS office(o) WHERE o IS NOT NULL
       UNION ALL
       SELECT 'issuer', state->'issuingBody'->>'unitId' FROM cycle_heads WHERE ${cycleParam}::text IS NOT NULL AND cycle_id = ${cycleParam}::text
       UNION ALL
       SELECT 'issuer', ${issuerParam}::text WHERE ${issuerParam}::text IS NOT NULL),
     up(tag, id, parent_id, level, depth) AS (
       SELECT s.tag, o.id, o.parent_id, o.level, 0
         FROM starts s CROSS JOIN LATERAL (SELECT x.id, x.parent_id, x.level FROM org_units x WHERE x.id = s.id LIMIT 1) o
       UNION ALL
       SELECT up.tag, o.id, o.parent_id, o.level, up.depth + 1
         FROM up CROSS JOIN LATERAL (SELECT x.id, x.parent_id, x.level FROM org_units x WHERE x.id = up.parent_id LIMIT 1) o
        WHERE up.depth < 64),
     paths AS (
       SELECT s.tag, s.id AS start, up.id, up.level, up.depth FROM starts s LEFT JOIN up ON up.tag = s.tag WHERE s.id IS NOT NULL)`;

export interface PathRow {
  tag: 'office' | 'issuer';
  start: string;
  id: string | null;
  level: string | null;
}

/** The paths from their rows, in order (by tag, then nearest first). */
export function pathsOf(rows: PathRow[]): OfficePaths {
  const pathOf = (tag: 'office' | 'issuer'): UnitOnPath[] | null => {
    const mine = rows.filter((r) => r.tag === tag);
    if (mine.length === 0) return null;
    // A unit the registry does not know: itself alone.
    return mine[0].id === null ? [{ id: mine[0].start, level: '' }] : mine.map((r) => ({ id: r.id!, level: r.level! }));
  };
  return { office: pathOf('office'), issuer: pathOf('issuer'), unknown: rows.some((r) => r.id === null) };
}

/**
 * The caller's office and the request's cycle issuer (the cycle's, or the one a new cycle names), each with its
 * ancestors up the registry (nearest first; at most 64 levels), in one statement whatever is asked (#16); null for what
 * was not asked or (the cycle's issuer) not found; `unknown` when a unit asked for is not in the registry's read model.
 */
export async function officeAndIssuerPaths(db: DataSource, ask: OfficeAsk & { officeUnitId: string | null }): Promise<OfficePaths> {
  if (!ask.officeUnitId && !ask.cycleId && !ask.issuerUnitId) return { office: null, issuer: null, unknown: false };
  const rows: PathRow[] = await db.query(
    `WITH RECURSIVE ${pathsCtes('SELECT $1::text', '$2', '$3')}
     SELECT tag, start, id, level FROM paths ORDER BY tag, depth`,
    [ask.officeUnitId, ask.cycleId, ask.issuerUnitId],
  );
  return pathsOf(rows);
}

type UnitOnPath = { id: string; level: string };
