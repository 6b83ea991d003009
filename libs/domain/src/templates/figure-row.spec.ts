import { consolidate } from '../consolidation/consolidate';
import { Consolidator } from '../consolidation/consolidator';
import { fortyCycle } from '../report/forty-indicators.fixture';
import { BUILTIN_TEMPLATES } from './builtin-templates';
import { checkFigureRow, checkFigures } from './figure-check';
import { figureLayout, figuresOfRow, ROW_OTHER, ROW_RATIO, ROW_SCALAR, type FigureRow } from './figure-row';
import type { FigureValue, Figures, ReportTemplate } from './report-template';
import { mulberry32 } from '../shared/seeded-random';

/**
 * A unit's figures read as numbers (what the draft reads from the approved-submissions read model's compact columns)
 * check and consolidate exactly as the figures themselves: checkFigureRow gives checkFigures' violations, in order, and
 * Consolidator.addRow the consolidation add gives, byte for byte, on random figures with every odd value a stored
 * submission may hold. `rowOf` sorts each figure as the migration's figure_kind does (jsonb's field order).
 */
function rowOf(figures: Record<string, unknown>): FigureRow {
  const codes = Object.keys(figures);
  const kinds = new Uint8Array(codes.length);
  const numbers: number[] = [];
  const qualifiers: (string | undefined)[] = [];
  const others: Record<string, unknown> = {};
  const only = (v: Record<string, unknown>, keys: string[]) => Object.keys(v).every((k) => keys.includes(k));
  codes.forEach((code, i) => {
    const v = figures[code] as Record<string, unknown>;
    const object = typeof v === 'object' && v !== null && !Array.isArray(v);
    const q = object && 'qualifier' in v ? v.qualifier : undefined;
    if (object && (q === undefined || typeof q === 'string') && typeof v.value === 'number' && only(v, ['value', 'qualifier'])) {
      kinds[i] = ROW_SCALAR;
      numbers.push(v.value);
    } else if (
      object &&
      (q === undefined || typeof q === 'string') &&
      typeof v.numerator === 'number' &&
      typeof v.denominator === 'number' &&
      only(v, ['numerator', 'denominator', 'qualifier'])
    ) {
      kinds[i] = ROW_RATIO;
      numbers.push(v.numerator, v.denominator);
    } else {
      kinds[i] = ROW_OTHER;
      others[code] = v;
    }
    qualifiers[i] = kinds[i] === ROW_OTHER ? undefined : (q as string | undefined);
  });
  return {
    layout: figureLayout(codes, kinds),
    numbers,
    qualifiers: qualifiers.some((q) => q !== undefined) ? qualifiers : undefined,
    others: Object.keys(others).length > 0 ? others : undefined,
  };
}

/** The figures with odd values mixed in, written as jsonb gives them back (a qualified x/y as numerator, qualifier, denominator). */
function odd(figures: Figures, next: () => number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [code, value] of Object.entries(figures)) {
    const v = value as Record<string, unknown>;
    const r = next();
    if (r < 0.04) out[code] = 'numerator' in v ? { numerator: v.numerator, qualifier: 'uoc_dat', denominator: v.denominator } : v;
    else if (r < 0.06) out[code] = { ...v, ghiChu: 'ước' };
    else if (r < 0.08) out[code] = { value: String(v.value ?? 1) };
    else if (r < 0.1) out[code] = { ...v, qualifier: 'khoang' };
    else if (r < 0.12) out[code] = 'value' in v ? { numerator: 3, denominator: 0 } : { value: -2.5 };
    else if (r < 0.13) out[code] = { value: Infinity };
    else if (r < 0.14) out[code] = 'value' in v ? { value: 150.5, qualifier: 'gan' } : { numerator: 9, denominator: 4 };
    else if (r < 0.15) out[code] = 7;
    else if (r < 0.16) continue;
    else out[code] = v;
  }
  if (next() < 0.1) out.KHONG_CO = { value: 1 };
  const inherited: string = 'constructor'; // a code every object inherits, here the figures' own
  if (next() < 0.05) out[inherited] = { value: 2 };
  return jsonbOrder(out) as Record<string, unknown>;
}

/** A value with every object's keys in the order PostgreSQL's jsonb gives them back: shorter first, then by bytes. */
function jsonbOrder(v: unknown): unknown {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return v;
  const keys = Object.keys(v).sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(keys.map((k) => [k, jsonbOrder((v as Record<string, unknown>)[k])]));
}

const cycle = fortyCycle(400);
// x/y indicators that take "ước đạt" (a qualified x/y is read into the columns, not refused).
const template: ReportTemplate = {
  ...cycle.template,
  indicators: cycle.template.indicators.map((i) => (i.valueType === 'ratio' ? { ...i, allowedQualifiers: ['uoc_dat' as const] } : i)),
};
const input = { template, previous: cycle.previous, targets: cycle.targets };

describe('figures read as numbers (FigureRow)', () => {
  it('figuresOfRow gives the figures back, value for value and field order for field order', () => {
    const next = mulberry32(7);
    for (const s of cycle.submissions.slice(0, 100)) {
      const figures = odd(s.figures, next);
      expect(JSON.stringify(figuresOfRow(rowOf(figures)))).toBe(JSON.stringify(figures));
    }
  });

  it.each([...BUILTIN_TEMPLATES.map((t) => [t.id, t] as const), ['forty-indicators', cycle.template] as const])(
    'checkFigureRow gives checkFigures’ violations in order (%s)',
    (_id, template: ReportTemplate) => {
      const next = mulberry32(template.indicators.length);
      let found = 0;
      for (const s of cycle.submissions.slice(0, 150)) {
        // The template's own codes, with the fixture's values by position (so every template meets odd values).
        const figures: Figures = {};
        const values = Object.values(s.figures);
        template.indicators.forEach((ind, k) => (figures[ind.code] = values[k % values.length] as FigureValue));
        const stored = odd(figures, next);
        const expected = checkFigures(template, stored as Figures);
        expect(checkFigureRow(template, rowOf(stored))).toEqual(expected);
        found += expected.length;
      }
      expect(found).toBeGreaterThan(0);
    },
  );

  it('Consolidator.addRow: the consolidation add makes, byte for byte (findings, parts, totals, coverage)', () => {
    const next = mulberry32(3);
    const unitOrder = cycle.cycle.assignedUnits.map((u) => u.unitId);
    const place = new Map(unitOrder.map((id, i) => [id, i]));
    const stored = cycle.submissions.map((s) => ({ ...s, figures: odd(s.figures, next) as Figures }));
    const whole = consolidate({ ...input, submissions: stored, unitOrder });
    const byRows = new Consolidator(input, unitOrder.length);
    for (const { figures, ...s } of stored) byRows.addRow(place.get(s.unitId)!, s, rowOf(figures));
    const rows = byRows.finish();
    expect(JSON.stringify(rows)).toBe(JSON.stringify(whole));
    // Qualified x/y values were read (kept as they are, in jsonb's field order).
    expect(JSON.stringify(rows)).toContain('"numerator":8,"qualifier":"uoc_dat","denominator":8');
    expect(rows.findings.filter((f) => f.kind === 'violation').length).toBeGreaterThan(50);
  });

  it('a layout names each code once, with a kind per code', () => {
    expect(() => figureLayout(['A', 'A'], new Uint8Array([1, 1]))).toThrow(RangeError);
    expect(() => figureLayout(['A'], new Uint8Array([1, 1]))).toThrow(RangeError);
    expect(Array.from(figureLayout(['A', 'B', 'C', 'D'], new Uint8Array([ROW_RATIO, ROW_OTHER, ROW_SCALAR, ROW_SCALAR])).start)).toEqual([
      0, 2, 2, 3,
    ]);
  });
});
