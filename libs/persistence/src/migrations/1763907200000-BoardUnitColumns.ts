import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The board's first page without a sort over the whole cycle (issue #16): each cycle_units row carries its org
 * unit's name, kind, level and existence interval (as org_units has them; null when the unit is not in the
 * registry), kept current by both read models under one advisory lock (cycle-board copies them when it assigns,
 * org-units when a unit changes), and an index in the board's name order (name, then id) serves the first page
 * LIMIT-first. The unit_id index lets a registry change reach every cycle row of the unit, assigned or not.
 */
export class BoardUnitColumns1763907200000 implements MigrationInterface {
  name = 'BoardUnitColumns1763907200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cycle_units ADD COLUMN unit_name text, ADD COLUMN unit_kind text, ADD COLUMN unit_level text,
                     ADD COLUMN unit_active_from date, ADD COLUMN unit_active_to date`);
    await q.query(`UPDATE cycle_units cu SET unit_name = ou.canonical_name, unit_kind = ou.kind, unit_level = ou.level,
                     unit_active_from = ou.active_from, unit_active_to = ou.active_to
                     FROM org_units ou WHERE ou.id = cu.unit_id`);
    await q.query(`CREATE INDEX cycle_units_any_unit ON cycle_units (unit_id)`);
    // The board's order (name, then id), both directions; and within one status, kind or level (a filter on one value).
    const name = `(coalesce(unit_name, unit_id) COLLATE vi_names)`;
    await q.query(`CREATE INDEX cycle_units_board_name ON cycle_units (cycle_id, ${name}, (unit_id COLLATE "C"))`);
    await q.query(`CREATE INDEX cycle_units_board_name_desc ON cycle_units (cycle_id, ${name}, (unit_id COLLATE "C") DESC)`);
    await q.query(`CREATE INDEX cycle_units_board_status ON cycle_units (cycle_id, status, ${name}, (unit_id COLLATE "C"))`);
    await q.query(
      `CREATE INDEX cycle_units_board_kind ON cycle_units (cycle_id, (coalesce(unit_kind, 'KHONG_RO')), ${name}, (unit_id COLLATE "C"))`,
    );
    await q.query(
      `CREATE INDEX cycle_units_board_level ON cycle_units (cycle_id, (coalesce(unit_level, 'khong-ro')), ${name}, (unit_id COLLATE "C"))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of ['name', 'name_desc', 'status', 'kind', 'level']) await q.query(`DROP INDEX cycle_units_board_${index}`);
    await q.query(`DROP INDEX cycle_units_any_unit`);
    await q.query(`ALTER TABLE cycle_units DROP COLUMN unit_name, DROP COLUMN unit_kind, DROP COLUMN unit_level,
                     DROP COLUMN unit_active_from, DROP COLUMN unit_active_to`);
  }
}
