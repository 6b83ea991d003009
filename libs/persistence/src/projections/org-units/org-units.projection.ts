import { EntityManager } from 'typeorm';
import { analyzeAfterBulkLoad, BULK_LOAD_ROWS } from '../../bulk-load-statistics';
import { evolveOrgUnit, initialOrgUnitState, OrgUnit, OrgUnitEvent, OrgUnitState } from '@kybaocao/domain/org-units';
import { RecordedEvent } from '../../event-store/event-store';
import { Projection } from '../projector';
import { BOARD_UNIT_COPY_LOCK } from '../cycle-board/cycle-board.batch';

const HANDLES: OrgUnitEvent['type'][] = ['UnitRegistered', 'UnitRenamed', 'UnitAliasAdded', 'UnitMoved', 'UnitClosed'];

/** The org_units table: one row per unit, the state of its stream folded by the domain's own evolve. */
export const orgUnitsProjection: Projection = {
  name: 'org-units',
  handles: HANDLES,
  async apply(m: EntityManager, events: RecordedEvent[]) {
    const changed = new Set<string>();
    for (const e of events) {
      const [row] = await m.query(`SELECT * FROM org_units WHERE id = $1`, [e.data.unitId]);
      const before: OrgUnitState = !row
        ? initialOrgUnitState()
        : row.active_to
          ? { status: 'closed', unit: fromRow(row), closure: { reason: '' } }
          : { status: 'active', unit: fromRow(row) };
      const after = evolveOrgUnit(before, { type: e.type, data: e.data } as OrgUnitEvent);
      const unit = (after as { unit?: OrgUnit }).unit;
      if (!unit) continue;
      await m.query(
        `INSERT INTO org_units (id, parent_id, level, kind, canonical_name, short_name, aliases, active_from, active_to, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (id) DO UPDATE SET parent_id = $2, level = $3, kind = $4, canonical_name = $5, short_name = $6,
           aliases = $7, active_from = $8, active_to = $9, version = $10`,
        [
          unit.id,
          unit.parentId,
          unit.level,
          unit.kind,
          unit.canonicalName,
          unit.shortName ?? null,
          unit.aliases,
          unit.activeFrom,
          unit.activeTo ?? null,
          e.version,
        ],
      );
      changed.add(unit.id);
    }
    if (changed.size) await copyToBoard(m, [...changed]);
    // A registry import: the session's and the lists' statements plan for the registry's new size from the next run on.
    if (changed.size >= BULK_LOAD_ROWS) await analyzeAfterBulkLoad(m, ['org_units']);
  },
  async reset(m: EntityManager) {
    await m.query(`DELETE FROM org_units`);
    await copyToBoard(m, null);
  },
};

/**
 * The board's copy of each changed unit's name, kind, level and interval (cycle_units, every cycle), in the
 * same transaction; with `null`, every copy is cleared (the registry was emptied). See BOARD_UNIT_COPY_LOCK.
 */
async function copyToBoard(m: EntityManager, unitIds: string[] | null) {
  await m.query(`SELECT pg_advisory_xact_lock($1::int, $2::int)`, [...BOARD_UNIT_COPY_LOCK]);
  if (unitIds === null) {
    await m.query(`UPDATE cycle_units SET unit_name = NULL, unit_kind = NULL, unit_level = NULL, unit_active_from = NULL, unit_active_to = NULL
                    WHERE unit_name IS NOT NULL OR unit_kind IS NOT NULL OR unit_level IS NOT NULL OR unit_active_from IS NOT NULL`);
    return;
  }
  await m.query(
    `UPDATE cycle_units cu SET unit_name = ou.canonical_name, unit_kind = ou.kind, unit_level = ou.level,
       unit_active_from = ou.active_from, unit_active_to = ou.active_to
       FROM org_units ou WHERE ou.id = ANY($1::text[]) AND cu.unit_id = ou.id`,
    [unitIds],
  );
}

export function fromRow(row: any): OrgUnit {
  return {
    id: row.id,
    parentId: row.parent_id,
    level: row.level,
    kind: row.kind,
    canonicalName: row.canonical_name,
    ...(row.short_name ? { shortName: row.short_name } : {}),
    aliases: row.aliases,
    activeFrom: row.active_from,
    ...(row.active_to ? { activeTo: row.active_to } : {}),
  };
}

/** Queries of the org_units read model. */
export const orgUnitQueries = {
  /** The units named (unknown ids are simply absent): one indexed read, whatever the size of the registry. */
  async byIds(m: Pick<EntityManager, 'query'>, ids: readonly string[]): Promise<OrgUnit[]> {
    if (ids.length === 0) return [];
    const rows = await m.query(`SELECT * FROM org_units WHERE id = ANY($1::text[])`, [[...new Set(ids)]]);
    return rows.map(fromRow);
  },

  /** Of these ids, those registered and existing at some time between `from` and `to` (inclusive). */
  async activeDuring(m: Pick<EntityManager, 'query'>, ids: readonly string[], from: string, to: string): Promise<string[]> {
    const rows: { id: string }[] = await m.query(
      `SELECT id FROM org_units WHERE id = ANY($1) AND active_from <= $3 AND (active_to IS NULL OR active_to >= $2)`,
      [ids, from, to],
    );
    return rows.map((r) => r.id);
  },
};
