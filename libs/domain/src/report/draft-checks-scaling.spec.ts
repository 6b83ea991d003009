import { listVisits } from '../../../../test/support/list-visits';
import { consolidate } from '../consolidation/consolidate';
import { draftReport } from './draft-input';
import { blockingFindingsOf, draftFigureFindings } from './draft-checks';
import { fortyConsolidationInput, fortyCycle } from './forty-indicators.fixture';

/**
 * The checks of a draft (what blocks signing, the checks page) walk each passage a bounded number of times, whatever
 * the number of units: the array entries they visit with the list methods are counted (no clock), at 300 and 3,000
 * units of a 40-indicator cycle whose draft quotes the narratives of a third of them. A passage found by scanning the
 * passages for each paragraph (as before) visited 2.3× more per unit at 3,000 units than at 1,000 (the checks of
 * 20,000 units took 5.7 s).
 */
function visitsPerUnit(n: number): number {
  const f = fortyCycle(n);
  const consolidation = consolidate(fortyConsolidationInput(f));
  const doc = draftReport({ cycle: f.cycle, template: f.template, consolidation, narratives: f.narratives, units: f.units, choices: {} });
  const { visited } = listVisits(() => {
    expect(draftFigureFindings(doc, consolidation)).toEqual([]); // the draft states every total it was built from
    return blockingFindingsOf(consolidation, doc);
  });
  return visited / n;
}

describe('the checks of a draft at scale', () => {
  it('visit the same per unit at 300 and 3,000 units', () => {
    const small = visitsPerUnit(300);
    const large = visitsPerUnit(3_000);
    expect(small).toBeGreaterThan(1);
    expect(large).toBeLessThan(small * 1.3);
  });
});
