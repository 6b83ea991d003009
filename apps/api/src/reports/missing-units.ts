import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Projector } from '@kybaocao/persistence/projections/projector';
import { Actor, authorize } from '../common/actor';
import { CyclesService } from '../cycles/cycles.service';
import type { MissingUnitsPageDto } from './report-checks.dto';
import { REPORT_READ_MODELS } from './report.repository';

/** The checks answer lists this many units with no approved submission (the cycle's unit order); the rest are counted. */
export const MISSING_UNITS_LISTED = 50;
/** A page of …/report/checks/missing-units. */
export const MISSING_UNITS_PAGE_SIZE = 100;

/** The first `limit` of the cycle's units (in its order) not in `approved`, and how many there are. One pass, O(units). */
export function missingUnitsOf(unitOrder: readonly string[], approved: Iterable<string>, limit = MISSING_UNITS_LISTED) {
  const done = new Set(approved);
  const listed: string[] = [];
  let total = 0;
  for (const id of unitOrder) {
    if (done.has(id)) continue;
    if (listed.length < limit) listed.push(id);
    total++;
  }
  return { listed, total };
}

/**
 * The cycle's units with no approved submission, a page at a time, with their registry names: the anti-join of the
 * cycle's units (in the cycle's order) against the approvals read model runs in PostgreSQL, so the answer and what
 * the API reads are one page whatever the number of units.
 */
@Injectable()
export class MissingUnits {
  constructor(
    private readonly cycles: CyclesService,
    private readonly projector: Projector,
    private readonly db: DataSource,
  ) {}

  async page(cycleId: string, actor: Actor, page = 1): Promise<MissingUnitsPageDto> {
    await this.cycles.cycleHead(cycleId); // 404 for no such cycle
    authorize(actor, 'report.checks');
    await this.projector.catchUpToNow(undefined, REPORT_READ_MODELS);
    // The cycle's units from its memberships (in the cycle's order), never its folded stream.
    const rows: { unit_id: string; unit_name: string | null; total: number }[] = await this.db.query(
      `WITH missing AS (
         SELECT cm.unit_id AS id, cm.position AS n FROM cycle_memberships cm
          WHERE cm.cycle_id = $1::text AND cm.assigned
            AND NOT EXISTS (SELECT 1 FROM submission_approvals a WHERE a.cycle_id = $1::uuid AND a.unit_id = cm.unit_id))
       SELECT m.id AS unit_id, COALESCE(o.short_name, o.canonical_name) AS unit_name, (SELECT count(*) FROM missing)::int AS total
         FROM missing m LEFT JOIN org_units o ON o.id = m.id
        ORDER BY m.n LIMIT $2 OFFSET $3`,
      [cycleId, MISSING_UNITS_PAGE_SIZE, (page - 1) * MISSING_UNITS_PAGE_SIZE],
    );
    const total = rows[0]?.total ?? (await this.count(cycleId));
    return {
      cycleId,
      page,
      pageSize: MISSING_UNITS_PAGE_SIZE,
      total,
      units: rows.map((r) => ({ unitId: r.unit_id, unitName: r.unit_name ?? r.unit_id })),
    };
  }

  /** A page past the end has no rows to carry the count. */
  private async count(cycleId: string): Promise<number> {
    const [{ total }] = await this.db.query(
      `SELECT count(*)::int AS total FROM cycle_memberships cm
        WHERE cm.cycle_id = $1::text AND cm.assigned
          AND NOT EXISTS (SELECT 1 FROM submission_approvals a WHERE a.cycle_id = $1::uuid AND a.unit_id = cm.unit_id)`,
      [cycleId],
    );
    return total;
  }
}
