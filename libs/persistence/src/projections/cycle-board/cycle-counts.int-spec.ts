import { randomUUID } from 'node:crypto';
import { createTestDatabase, TestDatabase } from '../../../../../test/infra/db';
import { visited } from '../../../../../test/support/sql-tally';
import { cycleBoardQueries } from './cycle-board.queries';

/**
 * A cycle's counts (GET /cycles/{id}, the close/advance check, the reminders' total) from its grouped counts
 * (`cycle_board_counts`): the same numbers as a count of its `cycle_units` rows where the board's groups differ
 * from them (assigned but not active in the period, unassigned, a version without a submission time, approved or
 * not), and a read whose cost does not grow with the number of units. The rows are written straight into the read
 * model, as the triggers see any writer's.
 */
describe("a cycle's counts from its grouped counts", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  const openCycle = async (): Promise<string> => {
    const cycleId = randomUUID();
    await db.owner.query(
      `INSERT INTO cycles (id, template_id, template_version, period_label, data_from, data_to, issuing_body_unit_id, issuing_body_name,
                           coordinator_id, submission_deadline, status, opened_at, version)
       VALUES ($1, 'dan-van-annual', 1, 'năm 2026', '2025-12-15', '2026-12-14', 'hu', 'Huyện ủy', 'cv', '2026-12-16', 'collecting', now(), 1)`,
      [cycleId],
    );
    return cycleId;
  };
  type Row = {
    unit: string;
    assigned: boolean;
    status: string;
    version: number | null;
    submittedAt: string | null;
    activeTo: string | null;
  };
  const insert = (cycleId: string, rows: Row[]) =>
    db.owner.query(
      `INSERT INTO cycle_units (cycle_id, unit_id, assigned, base_deadline, effective_deadline, status, current_version, submitted_at,
                                unit_kind, unit_level, unit_active_from, unit_active_to)
       SELECT $1, r.unit, r.assigned, '2026-12-16', '2026-12-16', r.status, r.version, r.submitted_at, 'HND', 'xa', '2020-01-01', r.active_to
         FROM unnest($2::text[], $3::boolean[], $4::text[], $5::int[], $6::timestamptz[], $7::date[])
              AS r(unit, assigned, status, version, submitted_at, active_to)`,
      [
        cycleId,
        rows.map((r) => r.unit),
        rows.map((r) => r.assigned),
        rows.map((r) => r.status),
        rows.map((r) => r.version),
        rows.map((r) => r.submittedAt),
        rows.map((r) => r.activeTo),
      ],
    );
  /** The counts as they were computed before: a pass over the cycle's assigned rows. */
  const byRows = async (cycleId: string) =>
    (
      await db.app.query(
        `SELECT count(*)::int AS expected, count(current_version)::int AS submitted, count(*) FILTER (WHERE status <> 'approved')::int AS unapproved
           FROM cycle_units WHERE cycle_id = $1 AND assigned`,
        [cycleId],
      )
    )[0];

  it("equal a count of the rows where the board's groups differ from them, and follow the rows' changes", async () => {
    const cycleId = await openCycle();
    const at = '2026-12-15T03:00:00Z';
    await insert(cycleId, [
      { unit: 'approved', assigned: true, status: 'approved', version: 2, submittedAt: at, activeTo: null },
      { unit: 'submitted', assigned: true, status: 'submitted', version: 1, submittedAt: at, activeTo: null },
      // Assigned, closed before the period ended: not expected on the board, counted here.
      { unit: 'closed', assigned: true, status: 'submitted', version: 1, submittedAt: at, activeTo: '2026-06-30' },
      { unit: 'closed-idle', assigned: true, status: 'not_started', version: null, submittedAt: null, activeTo: '2026-06-30' },
      // Unassigned after submitting: on the board's groups (not expected), never counted here.
      { unit: 'unassigned', assigned: false, status: 'submitted', version: 1, submittedAt: at, activeTo: null },
      { unit: 'unassigned-approved', assigned: false, status: 'approved', version: 1, submittedAt: at, activeTo: null },
      // A version without a submission time, and a submission time without a version: has_version, not has_submission.
      { unit: 'version-only', assigned: true, status: 'draft', version: 1, submittedAt: null, activeTo: null },
      { unit: 'time-only', assigned: true, status: 'returned', version: null, submittedAt: at, activeTo: null },
      { unit: 'time-only-2', assigned: true, status: 'returned', version: null, submittedAt: at, activeTo: null },
      { unit: 'draft', assigned: true, status: 'draft', version: null, submittedAt: null, activeTo: null },
    ]);
    const other = await openCycle();
    await insert(other, [{ unit: 'approved', assigned: true, status: 'submitted', version: 1, submittedAt: at, activeTo: null }]);

    const expected = { expected: 8, submitted: 4, unapproved: 7 };
    expect(await byRows(cycleId)).toEqual(expected);
    expect(await cycleBoardQueries.countsOfCycle(db.app.manager, cycleId)).toEqual(expected);
    // The board's own columns would give other numbers: its expected units and those with a submission time.
    const [board] = await db.app.query(
      `SELECT sum(n) FILTER (WHERE expected)::int AS expected, sum(n) FILTER (WHERE has_submission AND assigned)::int AS with_time
         FROM cycle_board_counts WHERE cycle_id = $1`,
      [cycleId],
    );
    expect(board).toEqual({ expected: 6, with_time: 5 });
    expect(await cycleBoardQueries.countsOfCycle(db.app.manager, other)).toEqual({ expected: 1, submitted: 1, unapproved: 1 });
    // A reporter's own units: from their rows.
    expect(await cycleBoardQueries.countsOfCycle(db.app.manager, cycleId, ['approved', 'draft', 'unassigned'])).toEqual({
      expected: 2,
      submitted: 1,
      unapproved: 1,
    });

    // Approval, unassignment, a new version, a deletion: the triggers move the rows between groups.
    await db.owner.query(`UPDATE cycle_units SET status = 'approved' WHERE cycle_id = $1 AND unit_id = 'submitted'`, [cycleId]);
    await db.owner.query(`UPDATE cycle_units SET assigned = false WHERE cycle_id = $1 AND unit_id = 'closed'`, [cycleId]);
    await db.owner.query(`UPDATE cycle_units SET assigned = true WHERE cycle_id = $1 AND unit_id = 'unassigned-approved'`, [cycleId]);
    await db.owner.query(`UPDATE cycle_units SET current_version = 1, status = 'submitted' WHERE cycle_id = $1 AND unit_id = 'draft'`, [
      cycleId,
    ]);
    await db.owner.query(`DELETE FROM cycle_units WHERE cycle_id = $1 AND unit_id = 'time-only'`, [cycleId]);
    const after = { expected: 7, submitted: 5, unapproved: 4 };
    expect(await byRows(cycleId)).toEqual(after);
    expect(await cycleBoardQueries.countsOfCycle(db.app.manager, cycleId)).toEqual(after);
    // A cycle the read model does not hold: nothing counted.
    expect(await cycleBoardQueries.countsOfCycle(db.app.manager, randomUUID())).toEqual({ expected: 0, submitted: 0, unapproved: 0 });
  });

  it('one statement that visits the same rows at 200 and at 2,000 units', async () => {
    const STATUSES = ['not_started', 'draft', 'submitted', 'returned', 'resubmitted', 'approved', 'submitted'];
    const seed = async (n: number) => {
      const cycleId = await openCycle();
      await insert(
        cycleId,
        Array.from({ length: n }, (_, i): Row => {
          const status = STATUSES[i % 7];
          const sent = !['not_started', 'draft'].includes(status);
          return {
            unit: `dv-${String(i).padStart(6, '0')}`,
            assigned: i % 11 !== 0,
            status,
            version: sent ? 1 + (i % 2) : null,
            submittedAt: sent ? '2026-12-15T03:00:00Z' : null,
            activeTo: i % 13 === 0 ? '2026-06-30' : null,
          };
        }),
      );
      return cycleId;
    };
    const [small, large] = [await seed(200), await seed(2000)];
    await db.owner.query('ANALYZE');
    const cost = async (cycleId: string) => {
      const statements: { text: string; params: unknown[]; rows: number }[] = [];
      const counting = {
        query: async (text: string, params?: unknown[]) => {
          const rows = await db.app.query(text, params);
          statements.push({ text, params: params ?? [], rows: rows.length });
          return rows;
        },
      };
      const counts = await cycleBoardQueries.countsOfCycle(counting, cycleId);
      expect(counts).toEqual(await byRows(cycleId));
      let scanned = 0;
      for (const s of statements) {
        const [row] = await db.app.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${s.text}`, s.params);
        scanned += visited(row['QUERY PLAN'][0].Plan);
      }
      return { statements: statements.length, rows: statements.reduce((sum, s) => sum + s.rows, 0), scanned, expected: counts.expected };
    };
    const [a, b] = [await cost(small), await cost(large)];
    const what = `${JSON.stringify(a)} at 200 units, ${JSON.stringify(b)} at 2,000`;
    expect({ what, expected: [a.expected, b.expected] }).toEqual({ what, expected: [181, 1818] });
    expect({ what, statements: b.statements, rows: b.rows, scanned: b.scanned }).toEqual({
      what,
      statements: 1,
      rows: 1,
      scanned: a.scanned,
    });
    // The groups of the two cycles, not their 2,200 units.
    expect({ what, few: b.scanned < 200 }).toEqual({ what, few: true });
  });
});
