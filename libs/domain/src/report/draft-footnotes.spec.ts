import { consolidate } from '../consolidation/consolidate';
import { breakdownText } from '../consolidation/wording';
import { FOOTNOTE_UNITS_MAX } from '../consolidation/grouped-breakdown';
import { approved } from '../consolidation/test-fixtures';
import type { BodySection, Run } from '../document/document.model';
import { DAN_VAN_ANNUAL_TEMPLATE } from '../templates/dan-van-annual.template';
import { buildDraft } from './draft-builder';

/** The footnote of the TT_BUOI figure in the draft of `n` communes that each held sessions. */
function footnoteOf(n: number) {
  const subs = Array.from({ length: n }, (_, i) =>
    approved(`xa-${i + 1}`, `Xã ${i + 1}`, 'DANG_UY_XA', { TT_BUOI: { value: i + 1 } }, i + 1),
  );
  const consolidation = consolidate({ template: DAN_VAN_ANNUAL_TEMPLATE, submissions: subs, unitOrder: subs.map((s) => s.unitId) });
  const doc = buildDraft({
    header: { scheme: 'party', issuingBody: 'HUYỆN ỦY TAM ĐƯỜNG', bodySymbol: 'HU', typeCode: 'BC', place: 'Tam Đường', draftYear: 2026 },
    template: DAN_VAN_ANNUAL_TEMPLATE,
    consolidation,
    narratives: [],
    signature: { title: 'BÍ THƯ', name: '' },
    recipients: [],
    archive: ['Văn phòng Huyện ủy'],
  });
  const runs = (sections: readonly BodySection[]): Run[] =>
    sections.flatMap((s) => [...s.paragraphs.flatMap((p) => p.runs), ...runs(s.sections ?? [])]);
  const run = runs(doc.body).find((r) => r.provenance?.indicators[0]?.code === 'TT_BUOI')!;
  return { footnote: run.footnote, consolidation };
}

describe('the footnote of a figure', () => {
  it(`names every unit up to ${FOOTNOTE_UNITS_MAX} units, as before`, () => {
    const { footnote, consolidation } = footnoteOf(FOOTNOTE_UNITS_MAX);
    // The per-unit breakdown as before: every unit with its figure, in report order.
    expect(footnote).toBe(`${breakdownText(consolidation, 'TT_BUOI').text}.`);
    expect(footnote).toMatch(/^Xã 1 01 buổi; Xã 2 02 buổi; .*; Xã 30 30 buổi\.$/);
  });
  it('above that, counts the units and names only the largest', () => {
    const { footnote } = footnoteOf(FOOTNOTE_UNITS_MAX + 1);
    expect(footnote).toBe(
      'Tổng hợp từ 31 đơn vị; nhiều nhất: Xã 31 (31 buổi), Xã 30 (30 buổi), Xã 29 (29 buổi), Xã 28 (28 buổi), Xã 27 (27 buổi).',
    );
  });
});
