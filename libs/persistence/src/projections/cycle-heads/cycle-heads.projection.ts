import { cycleDecider, type CycleEvent, type CycleState, type OpenedCycleState, type UnitDeadline } from '@kybaocao/domain/cycle';
import { analyzeAfterBulkLoad, BULK_LOAD_ROWS } from '../../bulk-load-statistics';
import type { RecordedEvent } from '../../event-store/event-store';
import { pages, UNIT_PAGE } from '../pages';
import { reportHeadsProjection } from '../report-heads/report-heads.projection';
import { rebuildInline } from '../inline-rebuild';

/** Anything that runs SQL: an EntityManager, a QueryRunner (migrations). */
export interface Sql {
  query(sql: string, params?: unknown[]): Promise<any>;
}

/**
 * A read model the event store keeps in the transaction of the append itself (Marten's "inline" projection),
 * so readers see exactly the stream's state: no lag, no wait for the projector.
 */
export interface InlineProjection {
  readonly name: string;
  /** Stream type whose appends it follows (`cycle` for `cycle-<id>`). */
  readonly streamType: string;
  /** Event types it reacts to: an append with none of them leaves it alone. */
  readonly handles: readonly string[];
  apply(m: Sql, streamId: string, events: readonly RecordedEvent[]): Promise<void>;
}

/** The cycle without its unit list: what every command on one unit needs, whatever the number of units. */
export type CycleHead = Omit<OpenedCycleState, 'assignedUnits'>;

export interface CycleMembership {
  unitId: string;
  baseDeadline: string;
  /** After the last extension. */
  effectiveDeadline: string;
  /** Order of assignment (the order units appear in breakdowns). */
  position: number;
}

const withoutUnits = (s: OpenedCycleState): CycleHead => {
  const { assignedUnits: _units, ...head } = s;
  return head;
};

/**
 * `cycle_heads` (the folded cycle state without its units, and the stream version) and `cycle_memberships`
 * (one row per unit: assigned or not, base and effective deadline), written in the append's transaction.
 * The head is folded by the domain's own `evolve` over an empty unit list, so it cannot drift from the decider.
 */
export const cycleHeadsProjection: InlineProjection = {
  name: 'cycle-heads',
  streamType: 'cycle',
  handles: [
    'CycleOpened',
    'UnitsAssigned',
    'UnitUnassigned',
    'UnitDeadlineExtended',
    'SubmissionWindowClosed',
    'CyclePhaseAdvanced',
    'CycleCancelled',
  ] satisfies CycleEvent['type'][],
  async apply(m, streamId, events) {
    const cycleId = streamId.slice('cycle-'.length);
    const [row] = await m.query(`SELECT state FROM cycle_heads WHERE cycle_id = $1`, [cycleId]);
    let state: CycleState = row ? { ...row.state, assignedUnits: [] } : cycleDecider.initialState();
    for (const recorded of events) {
      if (!this.handles.includes(recorded.type)) continue;
      const e = { type: recorded.type, data: recorded.data } as CycleEvent;
      state = cycleDecider.evolve(state, e);
      switch (e.type) {
        case 'CycleOpened':
        case 'UnitsAssigned':
          await assign(m, cycleId, e.data.units);
          break;
        case 'UnitUnassigned':
          await m.query(`UPDATE cycle_memberships SET assigned = false WHERE cycle_id = $1 AND unit_id = $2`, [cycleId, e.data.unitId]);
          break;
        case 'UnitDeadlineExtended':
          await m.query(`UPDATE cycle_memberships SET effective_deadline = $3 WHERE cycle_id = $1 AND unit_id = $2`, [
            cycleId,
            e.data.unitId,
            e.data.newDeadline,
          ]);
          break;
        default:
          break;
      }
    }
    if (state.status === 'not_opened') return;
    const version = events[events.length - 1].version;
    await m.query(
      `INSERT INTO cycle_heads (cycle_id, version, state) VALUES ($1, $2, $3)
       ON CONFLICT (cycle_id) DO UPDATE SET version = EXCLUDED.version, state = EXCLUDED.state`,
      [cycleId, version, withoutUnits(state)],
    );
  },
};

/**
 * Units (re)assigned a page per statement (UNIT_PAGE), in order; a re-assigned unit starts again from its new base
 * deadline, last in order (each page's positions follow the highest one so far, the previous pages' included).
 */
async function assign(m: Sql, cycleId: string, units: readonly UnitDeadline[]): Promise<void> {
  for (const page of pages(units, UNIT_PAGE)) await assignPage(m, cycleId, page);
  // A national cycle's opening: every submission's membership check plans for its units from the next one on.
  if (units.length >= BULK_LOAD_ROWS) await analyzeAfterBulkLoad(m, ['cycle_memberships']);
}

async function assignPage(m: Sql, cycleId: string, units: readonly UnitDeadline[]): Promise<void> {
  await m.query(
    `INSERT INTO cycle_memberships (cycle_id, unit_id, assigned, base_deadline, effective_deadline, position)
     SELECT $1, u.unit_id, true, u.base_deadline, u.base_deadline,
            coalesce((SELECT max(position) FROM cycle_memberships WHERE cycle_id = $1), 0) + u.ord
       FROM unnest($2::text[], $3::date[]) WITH ORDINALITY AS u(unit_id, base_deadline, ord)
     ON CONFLICT (cycle_id, unit_id) DO UPDATE SET assigned = true, base_deadline = EXCLUDED.base_deadline,
       effective_deadline = EXCLUDED.effective_deadline, position = EXCLUDED.position`,
    [cycleId, units.map((u) => u.unitId), units.map((u) => u.baseDeadline)],
  );
}

/** Every inline projection, by stream type. */
export const INLINE_PROJECTIONS: readonly InlineProjection[] = [cycleHeadsProjection, reportHeadsProjection];

/** Queries of the cycle heads, named by intent: each reads one row, whatever the number of units. */
export const cycleHeadQueries = {
  /** The cycle without its units and its stream version, or null when there is no such cycle. */
  async head(m: Sql, cycleId: string): Promise<{ head: CycleHead; version: number } | null> {
    const [row] = await m.query(`SELECT state, version FROM cycle_heads WHERE cycle_id = $1`, [cycleId]);
    return row ? { head: row.state, version: row.version } : null;
  },

  /**
   * The cycle, one unit's assignment (null when the unit is not, or no longer, assigned) and the unit as the
   * registry names it (null when the registry does not know it): one statement, three primary-key lookups.
   */
  async forUnit(
    m: Sql,
    cycleId: string,
    unitId: string,
  ): Promise<{ head: CycleHead; version: number; unit: CycleMembership | null; registered: { name: string; kind: string } | null } | null> {
    const [row] = await m.query(
      `SELECT h.state, h.version, cm.unit_id, cm.base_deadline::text AS base_deadline, cm.effective_deadline::text AS effective_deadline,
              cm.position, o.canonical_name, o.kind
         FROM cycle_heads h
         LEFT JOIN cycle_memberships cm ON cm.cycle_id = h.cycle_id AND cm.unit_id = $2 AND cm.assigned
         LEFT JOIN org_units o ON o.id = $2
        WHERE h.cycle_id = $1`,
      [cycleId, unitId],
    );
    if (!row) return null;
    const unit = row.unit_id
      ? { unitId: row.unit_id, baseDeadline: row.base_deadline, effectiveDeadline: row.effective_deadline, position: Number(row.position) }
      : null;
    const registered =
      row.canonical_name === null || row.canonical_name === undefined ? null : { name: row.canonical_name, kind: row.kind };
    return { head: row.state, version: row.version, unit, registered };
  },

  /**
   * The ids of the units assigned to the cycle, in the cycle's order (the folded state's assignedUnits order: a
   * re-assigned unit comes last): what a consolidation lists its units by. One index range, no stream folded.
   */
  async unitOrder(m: Sql, cycleId: string): Promise<string[]> {
    const rows: { unit_id: string }[] = await m.query(
      `SELECT unit_id FROM cycle_memberships WHERE cycle_id = $1 AND assigned ORDER BY position`,
      [cycleId],
    );
    return rows.map((r) => r.unit_id);
  },

  /**
   * The assigned units whose submission is approved, read from the log itself (each unit's submission stream through
   * the (stream_id, version) index; an approval is final): leaving review is decided on the source of truth, never on
   * the board's read model, which may lag behind a burst of approvals.
   */
  async approvedUnitIds(m: Sql, cycleId: string): Promise<string[]> {
    const rows: { unit_id: string }[] = await m.query(
      `SELECT cm.unit_id FROM cycle_memberships cm
        WHERE cm.cycle_id = $1 AND cm.assigned
          AND EXISTS (SELECT 1 FROM events e WHERE e.stream_id = 'submission-' || $1 || ':' || cm.unit_id AND e.event_type = 'SubmissionApproved')
        ORDER BY cm.position`,
      [cycleId],
    );
    return rows.map((r) => r.unit_id);
  },

  /** Which of `unitIds` are assigned to the cycle (a reporter's units, say). */
  async assignedAmong(m: Sql, cycleId: string, unitIds: readonly string[]): Promise<string[]> {
    if (unitIds.length === 0) return [];
    const rows = await m.query(
      `SELECT unit_id FROM cycle_memberships WHERE cycle_id = $1 AND assigned AND unit_id = ANY($2::text[]) ORDER BY position`,
      [cycleId, unitIds],
    );
    return rows.map((r: { unit_id: string }) => r.unit_id);
  },
};

/** Rebuilds the inline read models of every cycle from the log (the migration that creates them backfills with it). */
export const rebuildCycleHeads = (m: Sql): Promise<number> => rebuildInline(m, cycleHeadsProjection, ['cycle_memberships', 'cycle_heads']);
