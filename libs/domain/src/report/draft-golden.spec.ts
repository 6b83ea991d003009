import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { consolidate } from '../consolidation/consolidate';
import { draftReport } from './draft-input';
import { validateTemplate } from '../templates/template-validation';
import { fortyCycle, fortyIndicatorTemplate } from './forty-indicators.fixture';

/**
 * The draft of a 40-indicator, 120-unit cycle is the document the code produced before the draft was made linear
 * (commit 707e246, recorded in draft-golden.json.gz): same consolidation, same wording, same provenance, byte for
 * byte. `GOLDEN_WRITE=1` records it again (only when the document changes on purpose).
 */
const GOLDEN = join(__dirname, 'draft-golden.json.gz');

function draftOf(n: number) {
  const f = fortyCycle(n);
  const consolidation = consolidate({
    template: f.template,
    submissions: f.submissions,
    unitOrder: f.cycle.assignedUnits.map((u) => u.unitId),
    previous: f.previous,
    targets: f.targets,
  });
  const document = draftReport({
    cycle: f.cycle,
    template: f.template,
    consolidation,
    narratives: f.narratives,
    units: f.units,
    choices: {},
  });
  return { consolidation, document };
}

describe('the draft of a 40-indicator cycle', () => {
  it('is drafted from a template the template editor would publish', () => {
    const template = fortyIndicatorTemplate();
    expect(template.indicators).toHaveLength(40);
    expect(validateTemplate(template)).toEqual([]);
  });
  it('is the document recorded before the draft was made linear', () => {
    const actual = JSON.parse(JSON.stringify(draftOf(120)));
    if (process.env.GOLDEN_WRITE === '1') writeFileSync(GOLDEN, gzipSync(JSON.stringify(actual)));
    const golden = JSON.parse(gunzipSync(readFileSync(GOLDEN)).toString('utf8'));
    expect(actual.document).toEqual(golden.document);
    expect(actual.consolidation).toEqual(golden.consolidation);
  });
});
