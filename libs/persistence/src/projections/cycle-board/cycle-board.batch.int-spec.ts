import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { createTestDatabase, TestDatabase } from '../../../../../test/infra/db';
import type { RecordedEvent } from '../../event-store/event-store';
import { cycleBoardProjection } from './cycle-board.projection';
import { UNIT_PAGE } from '../pages';
import { cycleBoardQueries } from './cycle-board.queries';
import { mulberry32 } from '@kybaocao/domain/shared/seeded-random';

/**
 * The set-based board projection against the row-by-row one it replaced (kept here as the reference): the same
 * random event sequences, cut into random batches, leave the same `cycles` and `cycle_units` rows; and a batch
 * costs a bounded number of statements whatever its size.
 */

/** The projection as it was: one statement per event, in log order. */
async function applyOneByOne(m: EntityManager, events: RecordedEvent[]) {
  for (const recorded of events) {
    const d = recorded.data as any;
    const at = recorded.recordedAt;
    const assign = (cycleId: string, units: { unitId: string; baseDeadline: string }[]) =>
      m.query(
        `INSERT INTO cycle_units (cycle_id, unit_id, assigned, base_deadline, effective_deadline)
         SELECT $1, u.unit_id, true, u.base_deadline, u.base_deadline FROM unnest($2::text[], $3::date[]) AS u(unit_id, base_deadline)
         ON CONFLICT (cycle_id, unit_id) DO UPDATE SET assigned = true, base_deadline = EXCLUDED.base_deadline, effective_deadline = EXCLUDED.effective_deadline`,
        [cycleId, units.map((u) => u.unitId), units.map((u) => u.baseDeadline)],
      );
    switch (recorded.type) {
      case 'CycleOpened':
        await m.query(
          `INSERT INTO cycles (id, template_id, template_version, period_label, data_from, data_to, issuing_body_unit_id,
             issuing_body_name, coordinator_id, submission_deadline, status, opened_at, version)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'planned', $11, $12)`,
          [
            d.cycleId,
            d.templateId,
            d.templateVersion,
            d.period.label,
            d.period.dataFrom,
            d.period.dataTo,
            d.issuingBody.unitId,
            d.issuingBody.name,
            d.coordinatorId,
            d.milestones.submissionDeadline,
            at,
            recorded.version,
          ],
        );
        await assign(d.cycleId, d.units);
        break;
      case 'UnitsAssigned':
        await assign(d.cycleId, d.units);
        break;
      case 'UnitUnassigned':
        await m.query(`UPDATE cycle_units SET assigned = false WHERE cycle_id = $1 AND unit_id = $2`, [d.cycleId, d.unitId]);
        break;
      case 'UnitDeadlineExtended':
        await m.query(`UPDATE cycle_units SET effective_deadline = $3 WHERE cycle_id = $1 AND unit_id = $2`, [
          d.cycleId,
          d.unitId,
          d.newDeadline,
        ]);
        break;
      case 'SubmissionWindowClosed':
        await m.query(`UPDATE cycles SET status = 'reviewing', version = $2 WHERE id = $1`, [d.cycleId, recorded.version]);
        break;
      case 'CyclePhaseAdvanced':
        await m.query(`UPDATE cycles SET status = $2, version = $3 WHERE id = $1`, [d.cycleId, d.to, recorded.version]);
        break;
      case 'CycleCancelled':
        await m.query(`UPDATE cycles SET status = 'cancelled', version = $2 WHERE id = $1`, [d.cycleId, recorded.version]);
        break;
      case 'SubmissionDraftSaved':
        await m.query(
          `UPDATE cycle_units SET status = CASE WHEN status = 'not_started' THEN 'draft' ELSE status END,
                         last_activity_at = $3 WHERE cycle_id = $1 AND unit_id = $2`,
          [d.cycleId, d.unitId, at],
        );
        break;
      case 'SubmissionSubmitted':
        await m.query(
          `UPDATE cycle_units SET status = $3, current_version = $4, submitted_at = $5, late = $6, days_late = $7,
                         last_activity_at = $8, first_submitted_at = coalesce(first_submitted_at, $5), open_return_reasons = 0
                       WHERE cycle_id = $1 AND unit_id = $2`,
          [d.cycleId, d.unitId, d.resubmission ? 'resubmitted' : 'submitted', d.version, d.submittedAt, d.late, d.daysLate, at],
        );
        break;
      case 'SubmissionReturned':
        await m.query(
          `UPDATE cycle_units SET status = 'returned', returns = returns + 1, last_activity_at = $3, open_return_reasons = $4
                       WHERE cycle_id = $1 AND unit_id = $2`,
          [d.cycleId, d.unitId, at, d.reasons.length],
        );
        break;
      case 'SubmissionApproved':
        await m.query(
          `UPDATE cycle_units SET status = 'approved', approved_version = $3, last_activity_at = $4, open_return_reasons = 0
                       WHERE cycle_id = $1 AND unit_id = $2`,
          [d.cycleId, d.unitId, d.version, at],
        );
        break;
      case 'SubmissionCorrected':
        await m.query(
          `UPDATE cycle_units SET current_version = $3, approved_version = $3, last_activity_at = $4 WHERE cycle_id = $1 AND unit_id = $2`,
          [d.cycleId, d.unitId, d.version, at],
        );
        break;
    }
  }
}

let position = 0;
const recorded = (type: string, data: Record<string, unknown>, version: number, at: Date): RecordedEvent =>
  ({ type, data, version, recordedAt: at, globalPosition: String(++position), streamId: 's', metadata: {} }) as unknown as RecordedEvent;

const opened = (cycleId: string, unitIds: string[], at: Date) =>
  recorded(
    'CycleOpened',
    {
      cycleId,
      templateId: 'dan-van-annual',
      templateVersion: 1,
      coordinatorId: 'cv',
      period: { label: 'năm 2026', dataFrom: '2026-01-01', dataTo: '2026-12-14' },
      issuingBody: { unitId: 'hu', name: 'Huyện ủy' },
      milestones: { submissionDeadline: '2026-12-16' },
      units: unitIds.map((unitId) => ({ unitId, baseDeadline: '2026-12-16' })),
    },
    1,
    at,
  );

/** A random log over two cycles: openings, (re)assignments, unassignments, extensions and every submission event. */
function randomLog(seed: number, length: number): RecordedEvent[] {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const cycles = [randomUUID(), randomUUID()];
  const units = Array.from({ length: 12 }, (_, i) => `u${i}`);
  let clock = Date.parse('2026-12-10T00:00:00Z');
  const at = () => new Date((clock += Math.floor(rnd() * 3_600_000)));
  const day = () => `2026-12-${String(10 + Math.floor(rnd() * 15)).padStart(2, '0')}`;
  const log = cycles.map((c) => opened(c, units.slice(0, 8), at()));
  let version = 2;
  for (let i = 0; i < length; i++) {
    const cycleId = pick(cycles);
    const unitId = pick(units);
    const v = 1 + Math.floor(rnd() * 4);
    const kind = pick([
      'assign',
      'unassign',
      'extend',
      'draft',
      'draft',
      'submit',
      'submit',
      'submit',
      'return',
      'approve',
      'approve',
      'correct',
      'phase',
    ]);
    const base = { cycleId, unitId };
    switch (kind) {
      case 'assign': {
        const first = Math.floor(rnd() * units.length);
        const chosen = [units[first], units[(first + 1 + Math.floor(rnd() * (units.length - 1))) % units.length]];
        log.push(recorded('UnitsAssigned', { cycleId, units: chosen.map((u) => ({ unitId: u, baseDeadline: day() })) }, version++, at()));
        break;
      }
      case 'unassign':
        log.push(recorded('UnitUnassigned', base, version++, at()));
        break;
      case 'extend':
        log.push(recorded('UnitDeadlineExtended', { ...base, newDeadline: day() }, version++, at()));
        break;
      case 'draft':
        log.push(recorded('SubmissionDraftSaved', base, v, at()));
        break;
      case 'submit': {
        const late = rnd() < 0.3;
        log.push(
          recorded(
            'SubmissionSubmitted',
            {
              ...base,
              version: v,
              resubmission: rnd() < 0.4,
              submittedAt: at().toISOString(),
              late,
              daysLate: late ? 1 + Math.floor(rnd() * 5) : 0,
            },
            v,
            at(),
          ),
        );
        break;
      }
      case 'return':
        log.push(recorded('SubmissionReturned', { ...base, reasons: Array.from({ length: Math.floor(rnd() * 3) }, () => ({})) }, v, at()));
        break;
      case 'approve':
        log.push(recorded('SubmissionApproved', { ...base, version: v }, v, at()));
        break;
      case 'correct':
        log.push(recorded('SubmissionCorrected', { ...base, version: v + 1 }, v, at()));
        break;
      case 'phase':
        log.push(
          pick([
            recorded('SubmissionWindowClosed', { cycleId }, version++, at()),
            recorded('CyclePhaseAdvanced', { cycleId, to: pick(['collecting', 'commenting', 'signing']) }, version++, at()),
            recorded('CycleCancelled', { cycleId }, version++, at()),
          ]),
        );
        break;
    }
  }
  return log;
}

/** A manager that counts the statements it is given. */
function counting(m: EntityManager): { m: EntityManager; count: () => number } {
  let n = 0;
  const proxy = new Proxy(m, {
    get(target, prop, receiver) {
      if (prop === 'query')
        return (sql: string, params?: unknown[]) => {
          n++;
          return target.query(sql, params);
        };
      return Reflect.get(target, prop, receiver);
    },
  });
  return { m: proxy, count: () => n };
}

describe('cycle board projection, set-based', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  const snapshot = async () => ({
    cycles: await db.app.query(`SELECT * FROM cycles ORDER BY id`),
    units: await db.app.query(`SELECT * FROM cycle_units ORDER BY cycle_id, unit_id`),
  });
  const reset = () => db.app.transaction((m) => cycleBoardProjection.reset(m));
  /** The grouped counts the triggers kept, and the same counts computed afresh from cycle_units (the reference). */
  const counts = async () => ({
    kept: await db.app.query(
      `SELECT cycle_id, unit_kind, level, status, effective_deadline, expected, late, has_submission, submitted_after, assigned, has_version, n::int AS n
         FROM cycle_board_counts WHERE n <> 0 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11`,
    ),
    fresh: await db.app.query(
      `SELECT x.cycle_id, coalesce(x.unit_kind, 'KHONG_RO') AS unit_kind, coalesce(x.unit_level, 'khong-ro') AS level, x.status, x.effective_deadline,
              (x.assigned AND (x.unit_active_from IS NULL OR x.unit_active_from <= c.data_to) AND (x.unit_active_to IS NULL OR x.unit_active_to >= c.data_to)) AS expected,
              x.late, x.submitted_at IS NOT NULL AS has_submission,
              (x.submitted_at IS NOT NULL AND x.submitted_at >= (x.effective_deadline + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh') AS submitted_after,
              x.assigned, x.current_version IS NOT NULL AS has_version, count(*)::int AS n
         FROM cycle_units x JOIN cycles c ON c.id = x.cycle_id GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11`,
    ),
  });

  it.each([1, 2, 3, 4, 5, 6])('leaves the same rows as the row-by-row projection (random log, seed %i, random batches)', async (seed) => {
    const log = randomLog(seed, 400);
    const rnd = mulberry32(seed * 7919);
    await reset();
    for (let i = 0; i < log.length; ) {
      const size = 1 + Math.floor(rnd() * 80);
      const batch = log.slice(i, i + size);
      await db.app.transaction((m) => cycleBoardProjection.apply(m, batch));
      i += size;
    }
    const setBased = await snapshot();
    const setBasedCounts = await counts();
    await reset();
    await db.app.transaction((m) => applyOneByOne(m, log));
    const oneByOne = await snapshot();
    expect(setBased.units.length).toBeGreaterThan(10);
    expect(setBased).toEqual(oneByOne);
    // The board's grouped counts, kept statement by statement by either projection, are those of the rows they left.
    expect(setBasedCounts.kept.length).toBeGreaterThan(3);
    expect(setBasedCounts.kept).toEqual(setBasedCounts.fresh);
    const oneByOneCounts = await counts();
    expect(oneByOneCounts.kept).toEqual(oneByOneCounts.fresh);
    // A change of the units' kind, level and interval (the org-units projection's copy) moves them between groups.
    await db.app.query(
      `UPDATE cycle_units SET unit_kind = CASE WHEN unit_id < 'u5' THEN 'HND' END, unit_level = 'xa', unit_active_to = '2020-01-01'
        WHERE abs(hashtext(unit_id)) % 3 = 0`,
    );
    const moved = await counts();
    expect(moved.kept).toEqual(moved.fresh);
    expect(moved.kept).not.toEqual(oneByOneCounts.kept);
    // Each cycle's counts (GET /cycles/{id}, the advance check) from the groups are those of a count of its rows.
    const byRows = await db.app.query(
      `SELECT cycle_id, count(*)::int AS expected, count(current_version)::int AS submitted, count(*) FILTER (WHERE status <> 'approved')::int AS unapproved
         FROM cycle_units WHERE assigned GROUP BY cycle_id ORDER BY cycle_id`,
    );
    expect(byRows.length).toBeGreaterThan(1);
    const fromGroups = [];
    for (const { cycle_id } of byRows) fromGroups.push({ cycle_id, ...(await cycleBoardQueries.countsOfCycle(db.app.manager, cycle_id)) });
    expect(fromGroups).toEqual(byRows);
  });

  it('a batch of submissions, returns and approvals is one statement, whatever its size', async () => {
    const statementsFor = async (units: number) => {
      await reset();
      const cycleId = randomUUID();
      const ids = Array.from({ length: units }, (_, i) => `unit-${i}`);
      const t = new Date('2026-12-11T00:00:00Z');
      const events: RecordedEvent[] = [];
      for (const unitId of ids) {
        events.push(recorded('SubmissionDraftSaved', { cycleId, unitId }, 1, t));
        events.push(
          recorded('SubmissionSubmitted', { cycleId, unitId, version: 1, submittedAt: t.toISOString(), late: false, daysLate: 0 }, 2, t),
        );
        events.push(recorded('SubmissionReturned', { cycleId, unitId, reasons: [{}] }, 3, t));
        events.push(
          recorded(
            'SubmissionSubmitted',
            { cycleId, unitId, version: 2, resubmission: true, submittedAt: t.toISOString(), late: true, daysLate: 1 },
            4,
            t,
          ),
        );
        events.push(recorded('SubmissionApproved', { cycleId, unitId, version: 2 }, 5, t));
      }
      let opening = 0;
      await db.app.transaction(async (m) => {
        const c = counting(m);
        await cycleBoardProjection.apply(c.m, [opened(cycleId, ids, t)]);
        opening = c.count();
      });
      let statements = 0;
      await db.app.transaction(async (m) => {
        const c = counting(m);
        await cycleBoardProjection.apply(c.m, events);
        statements = c.count();
      });
      const [row] = await db.app.query(
        `SELECT count(*)::int AS n, count(*) FILTER (WHERE status = 'approved' AND returns = 1 AND approved_version = 2)::int AS done
           FROM cycle_units WHERE cycle_id = $1`,
        [cycleId],
      );
      expect(row).toEqual({ n: units, done: units });
      return { opening, statements };
    };
    expect(await statementsFor(10)).toEqual({ opening: 3, statements: 1 });
    expect(await statementsFor(400)).toEqual({ opening: 3, statements: 1 });
    // An opening of more than a page of units (UNIT_PAGE): one INSERT per page, every unit's row written; and, from
    // BULK_LOAD_ROWS units, the statistics of cycle_units gathered once it has doubled (the board's cached plans).
    expect(UNIT_PAGE).toBe(1000);
    const analyzed = async () =>
      (await db.owner.query(`SELECT last_analyze FROM pg_stat_user_tables WHERE relname = 'cycle_units'`))[0].last_analyze;
    expect(await analyzed()).toBeNull();
    expect(await statementsFor(2500)).toEqual({ opening: 2 + 3 + 1, statements: 1 });
    expect(await analyzed()).not.toBeNull();
  }, 120_000);
});
