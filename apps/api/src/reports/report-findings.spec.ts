import { consolidate } from '@kybaocao/domain/consolidation/consolidate';
import { approved } from '@kybaocao/domain/consolidation/test-fixtures';
import { DAN_VAN_ANNUAL_TEMPLATE } from '@kybaocao/domain/templates/dan-van-annual.template';
import {
  FINDINGS_LISTED,
  FINDINGS_PAGE_SIZE,
  findingsPageOf,
  findingsSummaryOf,
  orderedFindings,
  QUALIFIER_UNITS_LISTED,
  severityOf,
} from './report-findings';

/**
 * n units whose figures all break the error rule R_GS_DON_VI_GTE_CUOC (fewer units supervised than supervisions);
 * every other one also leaves out HV_KET_NAP (a warning), and their "trên"/"gần" figures mix (one qualifier finding
 * naming every unit). Listed in an order other than the cycle's, which is u00000, u00001, …
 */
function cycleOf(n: number) {
  const unitOrder = Array.from({ length: n }, (_, i) => `u${String(i).padStart(5, '0')}`);
  const submissions = unitOrder
    .map((id, i) =>
      approved(
        id,
        `Hội Phụ nữ xã số ${i + 1}`,
        'HLHPN',
        {
          TT_BUOI: { value: 2 },
          TT_LUOT_NGUOI: { value: 100, qualifier: i % 2 === 0 ? 'tren' : 'gan' },
          GS_CUOC: { value: 3 },
          GS_DON_VI: { value: 1 },
          ...(i % 2 === 0 ? { HV_KET_NAP: { value: 4 } } : {}),
        },
        i + 1,
      ),
    )
    .reverse();
  return { unitOrder, consolidation: consolidate({ template: DAN_VAN_ANNUAL_TEMPLATE, submissions, unitOrder }) };
}

const bytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v));

describe('the findings of the checks answer (issue #16: its size does not follow the number of units)', () => {
  const small = cycleOf(200);
  const large = cycleOf(2000);

  it('lists the first 50 and counts every finding per severity, in the same size at 200 and 2,000 units', () => {
    const a = findingsSummaryOf(small.consolidation);
    const b = findingsSummaryOf(large.consolidation);
    expect(a.findingCounts).toEqual({ error: 200, warning: 101 });
    expect(b.findingCounts).toEqual({ error: 2000, warning: 1001 });
    expect([a.findingsTotal, b.findingsTotal]).toEqual([301, 3001]);
    expect(b.findings).toHaveLength(FINDINGS_LISTED);
    expect(Math.abs(bytes(b) - bytes(a))).toBeLessThan(bytes(a) * 0.03);
    // The domain's list does grow: what the answer would be without the cap.
    expect(bytes(large.consolidation.findings)).toBeGreaterThan(8 * bytes(small.consolidation.findings));
  });

  it('orders errors first, then the cycle order of the units', () => {
    const { findings } = findingsSummaryOf(large.consolidation);
    expect(findings.map((f) => severityOf(f))).toEqual(Array(FINDINGS_LISTED).fill('error'));
    expect(findings.map((f) => (f.kind === 'violation' ? f.unitId : f.kind))).toEqual(large.unitOrder.slice(0, FINDINGS_LISTED));
    expect(findings[0]).toMatchObject({ unitName: 'Hội Phụ nữ xã số 1', violation: { code: 'R_GS_DON_VI_GTE_CUOC', severity: 'error' } });
  });

  it('orders by severity, unit and indicator whatever order the domain listed them in, ties kept in its order', () => {
    const ordered = orderedFindings(small.consolidation);
    // A deterministic shuffle of the domain's list (a multiplicative step coprime with its length).
    const n = ordered.length;
    const shuffled = Array.from({ length: n }, (_, k) => small.consolidation.findings[(k * 7919) % n]);
    expect(orderedFindings({ ...small.consolidation, findings: shuffled })).toEqual(ordered);
    const rank = (f: (typeof ordered)[number]) =>
      [severityOf(f) === 'error' ? 0 : 1, f.kind === 'violation' ? 1 + small.unitOrder.indexOf(f.unitId) : 0] as const;
    for (let k = 1; k < n; k++) {
      const [a, b] = [rank(ordered[k - 1]), rank(ordered[k])];
      expect(a[0] < b[0] || (a[0] === b[0] && a[1] <= b[1])).toBe(true);
    }
    // Two findings of one unit on one indicator keep the domain's order.
    const twice = [small.consolidation.findings[0], { ...small.consolidation.findings[0], sourceEventId: 'second' }];
    expect(orderedFindings({ ...small.consolidation, findings: [...twice].reverse() })).toEqual([...twice].reverse());
  });

  it('a qualifier finding names its first 20 units and counts them all', () => {
    const qualifier = findingsPageOf(large.consolidation, 1, 'warning').findings.find((f) => f.kind === 'qualifier');
    expect(qualifier).toMatchObject({ code: 'QUALIFIER_BOUNDS_MIXED', indicatorCode: 'TT_LUOT_NGUOI', unitsTotal: 2000 });
    expect(qualifier).not.toHaveProperty('unitIds');
    if (qualifier?.kind !== 'qualifier') throw new Error('no qualifier finding');
    expect(qualifier.units).toHaveLength(QUALIFIER_UNITS_LISTED);
    expect(qualifier.units[0]).toEqual({ unitId: 'u00000', unitName: 'Hội Phụ nữ xã số 1' });
  });

  it('pages every finding, 100 a page, of one severity or all; a page past the end is empty and still counts', () => {
    const pages = Math.ceil(3001 / FINDINGS_PAGE_SIZE);
    const seen = [];
    for (let p = 1; p <= pages; p++) {
      const page = findingsPageOf(large.consolidation, p);
      expect(page).toMatchObject({ page: p, pageSize: FINDINGS_PAGE_SIZE, total: 3001, findingCounts: { error: 2000, warning: 1001 } });
      seen.push(...page.findings);
    }
    expect(seen).toHaveLength(3001);
    expect(seen.slice(0, FINDINGS_LISTED)).toEqual(findingsSummaryOf(large.consolidation).findings);
    expect(seen.findIndex((f) => severityOf(f) === 'warning')).toBe(2000);
    const lastErrors = findingsPageOf(large.consolidation, 20, 'error');
    expect(lastErrors.total).toBe(2000);
    expect(lastErrors.findings.map((f) => (f.kind === 'violation' ? f.unitId : ''))).toEqual(large.unitOrder.slice(1900));
    const warnings = findingsPageOf(large.consolidation, 1, 'warning');
    expect(warnings.total).toBe(1001);
    expect(warnings.findings.every((f) => severityOf(f) === 'warning')).toBe(true);
    expect(warnings.findings[0].kind).toBe('qualifier'); // about a total: before the units' own
    expect(findingsPageOf(large.consolidation, 21, 'error')).toMatchObject({ total: 2000, findings: [] });
  });

  it('answers no findings as none', () => {
    const clean = consolidate({ template: DAN_VAN_ANNUAL_TEMPLATE, submissions: [], unitOrder: [] });
    expect(findingsSummaryOf(clean)).toEqual({ findings: [], findingsTotal: 0, findingCounts: { error: 0, warning: 0 } });
  });
});
