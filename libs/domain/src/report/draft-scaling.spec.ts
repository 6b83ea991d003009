import { consolidate } from '../consolidation/consolidate';
import type { Consolidation } from '../consolidation/consolidation.model';
import { draftReport } from './draft-input';
import { fortyConsolidationInput, fortyCycle } from './forty-indicators.fixture';

/**
 * The draft reads each unit's part of each indicator a bounded number of times, whatever the number of units: the
 * reads of every per-unit list it is given are counted (no clock), at 100 and 1,000 units of a 40-indicator cycle.
 * A lookup by scanning (`parts.find` per unit and placeholder, as before) reads 10× more per unit at 1,000 units.
 */
function counted<T>(items: T[], reads: { n: number }): T[] {
  return new Proxy(items, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads.n += 1;
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
}

function readsPerUnitAndIndicator(n: number): number {
  const f = fortyCycle(n);
  const consolidation = consolidate(fortyConsolidationInput(f));
  const reads = { n: 0 };
  const watched: Consolidation = {
    ...consolidation,
    units: counted(consolidation.units, reads),
    indicators: consolidation.indicators.map((ci) => ({
      ...ci,
      parts: counted(ci.parts, reads),
      provenance: counted(ci.provenance, reads),
      ...(ci.coverage
        ? { coverage: { ...ci.coverage, covered: counted(ci.coverage.covered, reads), missing: counted(ci.coverage.missing, reads) } }
        : {}),
    })),
  };
  draftReport({
    cycle: f.cycle,
    template: f.template,
    consolidation: watched,
    narratives: counted(f.narratives, reads),
    units: f.units,
    choices: {},
  });
  return reads.n / (consolidation.units.length * consolidation.indicators.length);
}

describe('the draft at scale', () => {
  it('reads each unit of each indicator a bounded number of times: the same per unit at 100 and 1,000 units', () => {
    const small = readsPerUnitAndIndicator(100);
    const large = readsPerUnitAndIndicator(1_000);
    expect(small).toBeGreaterThan(1); // it does read them (breakdowns, provenance, coverage)
    expect(large).toBeLessThan(small * 1.2);
  });
});
