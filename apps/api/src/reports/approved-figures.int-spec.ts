import { randomUUID } from 'node:crypto';
import { columnsOf, numberColumnOf, valueAt } from '@kybaocao/domain/consolidation/columns';
import { consolidate } from '@kybaocao/domain/consolidation/consolidate';
import type { ApprovedSubmission } from '@kybaocao/domain/consolidation/consolidation.model';
import type { RegistryUnit } from '@kybaocao/domain/report';
import { fortyFigures, fortyIndicatorTemplate, fortyUnit } from '@kybaocao/domain/report/forty-indicators.fixture';
import type { FigureValue, Figures, ReportTemplate } from '@kybaocao/domain/templates/report-template';
import { approvedSubmissionQueries } from '@kybaocao/persistence/projections/approved-submissions/approved-submissions.projection';
import { createTestDatabase, TestDatabase } from '../../../../test/infra/db';
import { consolidateApproved } from './approved-figures';
import { mulberry32 } from '@kybaocao/domain/shared/seeded-random';

/**
 * The draft's read of a cycle's approvals (a cursor, a batch at a time, each batch's figures read into the
 * consolidation's columns and dropped) against the read it replaced (every row at once, then consolidate), on random
 * cycles in real PostgreSQL: the same consolidation (parts with their values and sources, totals, findings, coverage),
 * the same columns, the same narratives in the same order.
 */

// x/y indicators that take "ước đạt": PostgreSQL's jsonb gives such a value back as { numerator, qualifier, denominator }.
const forty = fortyIndicatorTemplate();
const template: ReportTemplate = {
  ...forty,
  indicators: forty.indicators.map((i) => (i.valueType === 'ratio' ? { ...i, allowedQualifiers: ['uoc_dat' as const] } : i)),
};

/** Unit i's figures, with what a stored submission may hold besides plain values: other field orders, extra fields, refused values. */
function oddFigures(i: number, next: () => number): Figures {
  const figures: Record<string, unknown> = { ...fortyFigures(template, i) };
  for (const code of Object.keys(figures)) {
    const value = figures[code] as Record<string, unknown>;
    const r = next();
    if (r < 0.03)
      figures[code] = { qualifier: 'tren', ...value }; // the qualifier first (jsonb puts it back after)
    else if (r < 0.05)
      figures[code] = { ...value, ghiChu: 'số liệu ước' }; // a field the numbers do not give back
    else if (r < 0.06)
      figures[code] = { value: '12' }; // refused: a number as text
    else if (r < 0.07)
      figures[code] = { ...value, qualifier: 'khoang' }; // refused: a qualifier no indicator allows
    else if (r < 0.08 && 'numerator' in value) figures[code] = { ...value, qualifier: 'uoc_dat' };
    else if (r < 0.09) delete figures[code];
  }
  if (next() < 0.05) figures.KHONG_CO = { value: 1 }; // refused: no such indicator
  return figures as Figures;
}

describe('consolidateApproved: the approvals read a batch at a time, the same consolidation as the whole read', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  async function insertVersion(cycleId: string, unitId: string, version: number, figures: Figures, narrative: object, position: number) {
    await db.owner.query(`INSERT INTO submission_versions (cycle_id, unit_id, version, figures, narrative) VALUES ($1, $2, $3, $4, $5)`, [
      cycleId,
      unitId,
      version,
      JSON.stringify(figures),
      JSON.stringify(narrative),
    ]);
    const eventId = randomUUID();
    await db.owner.query(
      `INSERT INTO submission_approvals (cycle_id, unit_id, version, source_event_id, source_position, approved_at) VALUES ($1, $2, $3, $4, $5, now())`,
      [cycleId, unitId, version, eventId, position],
    );
  }

  /** A random cycle stored: units approved (some twice, some only after `upToPosition`), some not in the plan, some not in the registry. */
  async function randomCycle(seed: number) {
    const next = mulberry32(seed);
    const cycleId = randomUUID();
    const n = 40 + Math.floor(next() * 160);
    const planned = Array.from({ length: n }, (_, i) => fortyUnit(i));
    const units = new Map<string, RegistryUnit>(planned.filter(() => next() > 0.05).map((u) => [u.id, u]));
    let position = 1000;
    const approvedIds: string[] = [];
    for (let i = 0; i < n + 10; i++) {
      if (next() < 0.15) continue; // not approved
      const unitId = i < n ? planned[i].id : `ngoai-ke-hoach-${i}`; // the last ten are not in the plan
      approvedIds.push(unitId);
      const narrative = next() < 0.5 ? { 'II.1': `Đơn vị ${i} tổ chức tuyên truyền.` } : {};
      await insertVersion(cycleId, unitId, 1, oddFigures(i, next), narrative, (position += 1 + Math.floor(next() * 5)));
    }
    // Corrections: a later approval of another version (the latest counts), some after the position asked for.
    for (const unitId of approvedIds.filter(() => next() < 0.2)) {
      await insertVersion(cycleId, unitId, 2, oddFigures(n + 100 + position, next), { 'II.1': 'Đã sửa.' }, (position += 3));
    }
    const upToPosition = next() < 0.5 ? String(1000 + Math.floor((position - 1000) * 0.8)) : undefined;
    // The plan's order, shuffled, with a unit listed twice (its first place counts).
    const unitOrder = planned.map((u) => u.id).sort(() => next() - 0.5);
    unitOrder.push(unitOrder[3]);
    const previous = { label: 'năm 2025', totals: { TT_BUOI: { value: 10 * n }, GS_CUOC: { value: 0 } } };
    const targets = { TT_BUOI: 20 * n, HV_KET_NAP: 25 * n };
    return { cycleId, unitOrder, units, upToPosition, input: { template, previous, targets }, batchRows: 1 + Math.floor(next() * 60) };
  }

  /** The read it replaced: every row at once, dropped in its unit's place, then consolidate. */
  async function wholeRead(c: Awaited<ReturnType<typeof randomCycle>>) {
    const rows = await approvedSubmissionQueries.ofCycle(db.app.manager, c.cycleId, { upToPosition: c.upToPosition });
    const place = new Map<string, number>();
    c.unitOrder.forEach((id, i) => place.has(id) || place.set(id, i));
    const ordered = rows.filter((r) => place.has(r.unitId)).sort((a, b) => place.get(a.unitId)! - place.get(b.unitId)!);
    const named = ordered.map((a) => {
      const unit = c.units.get(a.unitId);
      return { a, unitName: unit?.shortName ?? unit?.canonicalName ?? a.unitId, unitKind: unit?.kind ?? 'UNKNOWN' };
    });
    const submissions: ApprovedSubmission[] = named.map(({ a, unitName, unitKind }) => ({
      unitId: a.unitId,
      unitName,
      unitKind,
      figures: a.figures,
      sourceEventId: a.sourceEventId,
      sourcePosition: a.sourcePosition,
    }));
    const consolidation = consolidate({ ...c.input, submissions, unitOrder: c.unitOrder });
    const narratives = named.map(({ a, unitName }) => ({ unitId: a.unitId, unitName, narrative: a.narrative }));
    return { consolidation, narratives, rows: ordered };
  }

  it.each([1, 2, 3, 4, 5, 6])(
    'random cycle %i: the same parts, sources, totals, findings, coverage, columns and narratives',
    async (seed) => {
      const c = await randomCycle(seed);
      const before = await wholeRead(c);
      const after = await consolidateApproved(
        db.app,
        c.cycleId,
        c.unitOrder,
        { upToPosition: c.upToPosition, batchRows: c.batchRows },
        Promise.resolve({ input: c.input, units: c.units }),
      );
      // Every field, parts and provenance included (they are enumerable), in order.
      expect(JSON.stringify(after.consolidation)).toBe(JSON.stringify(before.consolidation));
      expect(after.narratives).toEqual(before.narratives);
      expect(after.approvedUnits).toEqual(before.consolidation.units.map((u) => u.unitId));
      expect(after.consolidation.units.length).toBeGreaterThan(20);
      // The columns themselves: the same ranks and numbers, and each part's value that of its stored row.
      const rowOf = new Map(before.rows.map((r) => [r.unitId, r]));
      let odd = 0;
      let reordered = 0;
      after.consolidation.indicators.forEach((ci, j) => {
        const mine = columnsOf(ci);
        const theirs = columnsOf(before.consolidation.indicators[j]);
        expect(Array.from(mine.rank)).toEqual(Array.from(theirs.rank));
        expect(numberColumnOf(mine)).toEqual(numberColumnOf(theirs));
        for (let i = 0; i < mine.rank.length; i++) {
          const unit = after.consolidation.units[mine.rank[i]];
          const stored = rowOf.get(unit.unitId)!.figures[ci.indicator.code] as FigureValue & Record<string, unknown>;
          expect(JSON.stringify(valueAt(mine, i))).toBe(JSON.stringify(stored));
          if ('ghiChu' in stored) odd++;
          if ('numerator' in stored && 'qualifier' in stored) reordered++;
        }
      });
      // The cycle had values the columns keep as they are (so both routes of valueAt ran).
      expect(odd).toBeGreaterThan(0);
      expect(reordered).toBeGreaterThan(0);
    },
  );

  it('reads figures the compact columns describe by their numbers, and the others as jsonb, to the same consolidation', async () => {
    const c = await randomCycle(21);
    // Stored as text: what JSON.stringify cannot write (numbers past a double, more digits than one holds, -0, 1E+2).
    const stored: Record<string, string> = {
      'dv-so-la': `{"TT_BUOI": {"value": 1e400}, "GS_CUOC": {"value": 0.30000000000000000001}, "MO_HINH": {"value": -0},
        "NDDK_CAN": {"value": 1E+2, "qualifier": "tren"}, "XT_TO_DAT": {"numerator": 3, "denominator": 4, "qualifier": "uoc_dat"}}`,
      'dv-kieu-la': `{"TT_BUOI": {"value": 5, "qualifier": null}, "GS_CUOC": {"value": 1, "qualifier": 3}, "MO_HINH": 7,
        "NDDK_CAN": {"value": 2, "numerator": 1}, "XT_TO_DAT": {"numerator": 1, "denominator": "2"}, "SUAT_QUA": {"value": null}}`,
      'dv-ma-so': `{"12": {"value": 4}, "TT_BUOI": {"value": 3}}`,
      'dv-proto': `{"__proto__": {"value": 4}, "constructor": {"value": 1}, "TT_BUOI": {"value": 2}}`,
      'dv-rong': `{}`,
    };
    let position = 90_000;
    for (const [unitId, figures] of Object.entries(stored)) {
      await db.owner.query(
        `INSERT INTO submission_versions (cycle_id, unit_id, version, figures, narrative) VALUES ($1, $2, 1, $3::jsonb, '{}')`,
        [c.cycleId, unitId, figures],
      );
      await db.owner.query(
        `INSERT INTO submission_approvals (cycle_id, unit_id, version, source_event_id, source_position, approved_at) VALUES ($1, $2, 1, $3, $4, now())`,
        [c.cycleId, unitId, randomUUID(), (position += 1)],
      );
      c.unitOrder.unshift(unitId);
    }
    const cycle = { ...c, upToPosition: undefined };
    const before = await wholeRead(cycle);
    const after = await consolidateApproved(
      db.app,
      c.cycleId,
      c.unitOrder,
      { batchRows: 9 },
      Promise.resolve({ input: c.input, units: c.units }),
    );
    expect(JSON.stringify(after.consolidation)).toBe(JSON.stringify(before.consolidation));
    expect(after.narratives).toEqual(before.narratives);
    // Which rows took which route: the compact columns for all but the codes JavaScript would order or read otherwise.
    const routes = new Map<string, string>();
    await approvedSubmissionQueries.ofCycleInBatches(db.app, c.cycleId, {}, (rows) => {
      for (const r of rows) routes.set(r.unitId, r.row !== undefined ? 'row' : 'jsonb');
    });
    expect([...routes].filter(([, route]) => route === 'jsonb').map(([id]) => id)).toEqual(['dv-ma-so', 'dv-proto']);
    expect(routes.get('dv-so-la')).toBe('row');
    // The edge values reached the consolidation: a refused figure is a finding, a number past a double is not summed.
    const findings = after.consolidation.findings.filter((f) => f.kind === 'violation' && f.unitId.startsWith('dv-'));
    expect(findings.map((f) => (f.kind === 'violation' ? `${f.unitId} ${f.violation.code} ${f.violation.indicatorCodes[0]}` : ''))).toEqual(
      expect.arrayContaining([
        'dv-so-la FIGURE_WRONG_TYPE TT_BUOI',
        'dv-kieu-la FIGURE_WRONG_TYPE MO_HINH',
        'dv-ma-so FIGURE_UNKNOWN_INDICATOR 12',
      ]),
    );
  });

  it('hands the rows over in batches of at most batchRows, each row once, from one snapshot', async () => {
    const c = await randomCycle(11);
    const sizes: number[] = [];
    const ids: string[] = [];
    await approvedSubmissionQueries.ofCycleInBatches(db.app, c.cycleId, { batchRows: 7 }, async (rows) => {
      sizes.push(rows.length);
      ids.push(...rows.map((r) => r.unitId));
      // A row approved while the cursor is open is not in its snapshot.
      if (sizes.length === 1) await insertVersion(c.cycleId, 'zz-den-muon', 1, { TT_BUOI: { value: 1 } }, {}, 99_999);
    });
    const all = (await approvedSubmissionQueries.ofCycle(db.app.manager, c.cycleId)).map((r) => r.unitId);
    expect(all).toContain('zz-den-muon');
    expect(ids).toEqual(all.filter((id) => id !== 'zz-den-muon'));
    expect(Math.max(...sizes)).toBe(7);
    expect(sizes.slice(0, -1).every((s) => s === 7)).toBe(true);
  });

  it('a batch that throws ends the read: the error comes back and the connection is returned to the pool', async () => {
    const c = await randomCycle(12);
    const failing = approvedSubmissionQueries.ofCycleInBatches(db.app, c.cycleId, { batchRows: 5 }, () => {
      throw new Error('batch refused');
    });
    await expect(failing).rejects.toThrow('batch refused');
    // Twelve connections in the pool: more reads than that after failures would wait forever if one leaked.
    for (let k = 0; k < 14; k++) {
      await expect(
        approvedSubmissionQueries.ofCycleInBatches(db.app, c.cycleId, { batchRows: 5 }, () => Promise.reject(new Error('again'))),
      ).rejects.toThrow('again');
    }
    let count = 0;
    await approvedSubmissionQueries.ofCycleInBatches(db.app, c.cycleId, {}, (rows) => void (count += rows.length));
    expect(count).toBe((await approvedSubmissionQueries.ofCycle(db.app.manager, c.cycleId)).length);
    await expect(approvedSubmissionQueries.ofCycleInBatches(db.app, c.cycleId, { batchRows: 0 }, () => undefined)).rejects.toThrow(
      RangeError,
    );
  });
});
