import { catchDomainError } from '../shared/domain-error';
import { fortyCycle } from '../report/forty-indicators.fixture';
import type { FigureValue } from '../templates/report-template';
import { columnsOf, valueAt } from './columns';
import { consolidate } from './consolidate';
import { Consolidator } from './consolidator';

/**
 * The consolidation a unit at a time (what the draft's batched read of the approvals feeds): units added to their
 * slots in any order give the consolidation of consolidate, and the columns keep no figure object they can give back.
 */
const cycle = fortyCycle(300);
const unitOrder = cycle.cycle.assignedUnits.map((u) => u.unitId);
const input = { template: cycle.template, previous: cycle.previous, targets: cycle.targets };

describe('Consolidator', () => {
  it('units added to their slots in any order: the consolidation consolidate makes, byte for byte', () => {
    const whole = consolidate({ ...input, submissions: cycle.submissions, unitOrder });
    const place = new Map(unitOrder.map((id, i) => [id, i]));
    const consolidator = new Consolidator(input, unitOrder.length);
    // The submissions as they arrived (not the plan's order), each in its unit's place in the plan.
    for (const s of cycle.submissions) consolidator.add(place.get(s.unitId)!, s);
    const added = consolidator.finish();
    expect(JSON.stringify(added)).toBe(JSON.stringify(whole));
    expect(added.units.map((u) => u.unitId)).toEqual(unitOrder.filter((id) => cycle.submissions.some((s) => s.unitId === id)));
    expect(added.findings.filter((f) => f.kind === 'violation').length).toBeGreaterThan(0);
  });

  it('keeps only the values its numbers cannot give back: other field orders, other fields, tables', () => {
    const [a, b, c] = cycle.submissions;
    const odd: Record<string, FigureValue> = {
      ...a.figures,
      TT_BUOI: { qualifier: 'tren', value: 4 } as FigureValue,
      GS_CUOC: { value: 2, ghiChu: 'ước' } as FigureValue,
    };
    const consolidator = new Consolidator(input, 3);
    consolidator.add(0, { ...a, figures: odd });
    consolidator.add(2, b);
    consolidator.add(1, c);
    const result = consolidator.finish();
    expect(result.units.map((u) => u.unitId)).toEqual([a.unitId, c.unitId, b.unitId]);
    const kept = (code: string) => columnsOf(result.indicators.find((ci) => ci.indicator.code === code)!).kept;
    expect(kept('TT_BUOI')?.[0]).toBe(odd.TT_BUOI);
    expect(kept('GS_CUOC')?.[0]).toBe(odd.GS_CUOC);
    expect(kept('TT_BUOI')?.[1]).toBeUndefined();
    expect(kept('HV_KET_NAP')).toBeUndefined();
    // A table is kept as it is; a plain value is made again, equal field for field and in order.
    expect(kept('XT_TAP_HOP')?.every((v) => v !== undefined && 'cells' in v)).toBe(true);
    const tt = columnsOf(result.indicators.find((ci) => ci.indicator.code === 'HV_KET_NAP')!);
    for (let i = 0; i < tt.rank.length; i++) {
      const s = [a, c, b][tt.rank[i]];
      expect(JSON.stringify(valueAt(tt, i))).toBe(JSON.stringify(s.figures.HV_KET_NAP));
    }
  });

  it('refuses a unit added twice (422), a slot taken or out of range, and unknown previous totals when made', () => {
    const [a, b] = cycle.submissions;
    const consolidator = new Consolidator(input, 3);
    consolidator.add(0, a);
    expect(catchDomainError(() => consolidator.add(1, { ...a })).code).toBe('CONSOLIDATION_DUPLICATE_UNIT');
    expect(() => consolidator.add(0, b)).toThrow(RangeError);
    expect(() => consolidator.add(3, b)).toThrow(RangeError);
    expect(() => consolidator.add(-1, b)).toThrow(RangeError);
    expect(catchDomainError(() => new Consolidator({ ...input, previous: { totals: { KHONG_CO: { value: 1 } } } }, 1)).code).toBe(
      'PREVIOUS_UNKNOWN_INDICATOR',
    );
    expect(consolidator.finish().units.map((u) => u.unitId)).toEqual([a.unitId]);
  });
});
