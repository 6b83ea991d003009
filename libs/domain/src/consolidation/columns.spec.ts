import { draftReport } from '../report/draft-input';
import { fortyCycle } from '../report/forty-indicators.fixture';
import { isRatioValue, QUALIFIERS, scalarOf, unitKindsOfSection, type FigureValue, type Figures } from '../templates/report-template';
import { columnsOf, partCount } from './columns';
import { consolidate, subtotalOf } from './consolidate';
import type { ConsolidatedIndicator, Consolidation, FigurePart } from './consolidation.model';
import { sumExact } from './exact-decimal';
import { combineQualifiers } from './qualifier-precedence';

/**
 * The columnar consolidation against the per-unit reading it replaced, on random cycles of the 40-indicator
 * template: the parts, provenance, totals, qualifier findings, coverage and every kind's subtotal are what one
 * part per unit, read in report order, gives; and the draft made from the columns is the draft made from a plain
 * copy of the consolidation (whose columns come from its parts, and whose source table is looked up by unit).
 */

const random = (seed: number) => () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const BIG = fortyCycle(120);

function randomCycle(round: number) {
  const next = random(round + 7);
  const submissions = BIG.submissions
    .filter(() => next() < 0.1 + (round % 10) / 10)
    .map((s) => {
      const figures: Figures = {};
      for (const [code, value] of Object.entries(s.figures)) {
        const r = next();
        if (r < 0.1) continue; // a gap
        // Some qualifiers moved about (any of them, or none), so mixes of every kind occur.
        if (r < 0.25 && !isRatioValue(value) && 'value' in value) {
          const q = QUALIFIERS[Math.floor(next() * 5)];
          figures[code] = q === undefined ? { value: value.value } : { value: value.value, qualifier: q };
        } else figures[code] = value;
      }
      return { ...s, figures };
    });
  const unitOrder = BIG.cycle.assignedUnits.map((u) => u.unitId).sort(() => next() - 0.5);
  return { submissions, unitOrder };
}

/** One part per unit, in report order: the unit's figure unless a 'figure' finding left it out of the totals. */
function referenceParts(c: Consolidation, submissions: typeof BIG.submissions): (code: string) => FigurePart[] {
  const byId = new Map(submissions.map((s) => [s.unitId, s]));
  const excluded = new Set(
    c.findings.flatMap((f) =>
      f.kind === 'violation' && f.excludedFromTotals ? f.violation.indicatorCodes.map((k) => `${f.unitId}|${k}`) : [],
    ),
  );
  return (code) => partsOf(c, byId, excluded, code);
}

function partsOf(c: Consolidation, byId: Map<string, (typeof BIG.submissions)[number]>, excluded: Set<string>, code: string): FigurePart[] {
  const parts: FigurePart[] = [];
  for (const u of c.units) {
    const s = byId.get(u.unitId)!;
    const value = s.figures[code];
    if (value === undefined || excluded.has(`${u.unitId}|${code}`)) continue;
    parts.push({ ...u, value, sourceEventId: s.sourceEventId, sourcePosition: s.sourcePosition });
  }
  return parts;
}

/** The total of some parts as the per-unit loop added them: exact sums, qualifiers combined over every part. */
function referenceTotal(ci: ConsolidatedIndicator, parts: readonly FigurePart[]): FigureValue | undefined {
  if (ci.indicator.aggregation === 'none' || parts.length === 0 || ci.indicator.valueType === 'table') return undefined;
  const qualifiers = parts.map((p) => p.value.qualifier);
  const combined = combineQualifiers(qualifiers.some((q) => q !== undefined) ? qualifiers : []);
  const qualifier = combined.qualifier === undefined ? {} : { qualifier: combined.qualifier };
  if (ci.indicator.aggregation === 'ratio') {
    const ratios = parts.map((p) => p.value).filter(isRatioValue);
    return { numerator: sumExact(ratios.map((r) => r.numerator)), denominator: sumExact(ratios.map((r) => r.denominator)), ...qualifier };
  }
  const values = parts.map((p) => scalarOf(p.value)).filter((v): v is number => v !== undefined);
  return { value: sumExact(values), ...qualifier };
}

describe('the consolidation as columns', () => {
  it('gives what one part per unit gives: parts, provenance, totals, qualifier findings, coverage and subtotals per kind', () => {
    for (let round = 0; round < 20; round++) {
      const { submissions, unitOrder } = randomCycle(round);
      if (submissions.length === 0) continue;
      const c = consolidate({ template: BIG.template, submissions, unitOrder });
      const qualifierFindings = c.findings.filter((f) => f.kind === 'qualifier');
      const partsOfCode = referenceParts(c, submissions);
      for (const ci of c.indicators) {
        const parts = partsOfCode(ci.indicator.code);
        expect(partCount(ci)).toBe(parts.length);
        // As text (jest's deep equality is slow over 20 rounds × 40 indicators × up to 120 units): same fields, same order.
        expect(JSON.stringify(ci.parts)).toBe(JSON.stringify(parts));
        expect(JSON.stringify(ci.provenance)).toBe(
          JSON.stringify(parts.map(({ unitId, sourceEventId, sourcePosition }) => ({ unitId, sourceEventId, sourcePosition }))),
        );
        if (ci.indicator.valueType !== 'boolean' && ci.indicator.valueType !== 'table') {
          expect(ci.total).toEqual(referenceTotal(ci, parts));
          const mixed = (q: string[]) => parts.filter((p) => q.includes(p.value.qualifier ?? '')).map((p) => p.unitId);
          const mine = qualifierFindings.filter((f) => f.indicatorCode === ci.indicator.code);
          const q = combineQualifiers(parts.map((p) => p.value.qualifier));
          expect(mine.map((f) => f.kind === 'qualifier' && [f.code, f.unitIds])).toEqual([
            ...(q.mixedBounds ? [['QUALIFIER_BOUNDS_MIXED', mixed(['tren', 'gan'])]] : []),
            ...(q.mixedCumulative ? [['QUALIFIER_CUMULATIVE_MIXED', mixed(['luy_ke'])]] : []),
          ]);
        }
        if (ci.coverage) {
          const reported = new Set(parts.map((p) => p.unitId));
          const kinds = unitKindsOfSection(BIG.template, ci.indicator.sectionCode);
          const population = c.units.filter((u) =>
            ci.indicator.valueType === 'ratio' ? reported.has(u.unitId) : kinds === undefined || kinds.includes(u.unitKind),
          );
          const reached = new Set(
            parts
              .filter((p) =>
                isRatioValue(p.value) ? p.value.denominator > 0 && p.value.numerator >= p.value.denominator : scalarOf(p.value) === 1,
              )
              .map((p) => p.unitId),
          );
          expect(ci.coverage).toEqual({
            covered: population.filter((u) => reached.has(u.unitId)),
            missing: population.filter((u) => !reached.has(u.unitId)),
            total: population.length,
          });
        }
        for (const kind of new Set(parts.map((p) => p.unitKind))) {
          const pick = parts.flatMap((p, i) => (p.unitKind === kind ? [i] : []));
          expect(subtotalOf(ci.indicator, columnsOf(ci), pick)).toEqual(
            referenceTotal(
              ci,
              pick.map((i) => parts[i]),
            ) ?? (ci.indicator.valueType === 'table' ? expect.anything() : undefined),
          );
        }
      }
    }
  });

  it('drafts the same document from its columns as from a plain copy whose columns come from its parts', () => {
    for (let round = 0; round < 12; round++) {
      const { submissions, unitOrder } = randomCycle(100 + round);
      if (submissions.length === 0) continue;
      const consolidation = consolidate({ template: BIG.template, submissions, unitOrder, previous: BIG.previous, targets: BIG.targets });
      const plain: Consolidation = { ...consolidation, indicators: consolidation.indicators.map((ci) => ({ ...ci })) };
      const draft = (c: Consolidation) =>
        draftReport({ cycle: BIG.cycle, template: BIG.template, consolidation: c, narratives: [], units: BIG.units, choices: {} });
      expect(JSON.stringify(draft(consolidation))).toBe(JSON.stringify(draft(plain)));
    }
  });

  it('takes a figure whose code names an inherited property only when the unit reported it, and a code listed twice in both', () => {
    const first = BIG.template.indicators[0];
    const template = {
      ...BIG.template,
      indicators: [...BIG.template.indicators, { ...first, code: 'constructor' }, { ...first, code: 'toString' }, first],
    };
    const [a, b] = BIG.submissions;
    const c = consolidate({
      template,
      submissions: [
        { ...a, figures: { ...a.figures, constructor: { value: 4 } } },
        { ...b, figures: { ...b.figures } },
      ],
    });
    const byCode = (code: string, k = 0) => c.indicators.filter((ci) => ci.indicator.code === code)[k];
    expect(byCode('constructor').parts.map((p) => [p.unitId, p.value])).toEqual([[a.unitId, { value: 4 }]]);
    expect(byCode('toString').parts).toEqual([]);
    expect(byCode(first.code, 1).parts).toEqual(byCode(first.code, 0).parts);
    expect(byCode(first.code, 1).total).toEqual(byCode(first.code, 0).total);
  });
});
