import { consolidate } from '../consolidation/consolidate';
import type { ApprovedSubmission } from '../consolidation/consolidation.model';
import { BUILTIN_TEMPLATES } from '../templates/builtin-templates';
import { draftCoverageFindings } from './coverage-list-findings';

const t = BUILTIN_TEMPLATES.find((x) => x.id === 'mttq-doan-the-9-thang')!;
const communes = ['Thị trấn', 'Bản Bo', 'Bản Giang', 'Khun Há', 'Sơn Bình'];
const submissions: ApprovedSubmission[] = communes.map((unitName, i) => ({
  unitId: `xa${i}`,
  unitName,
  unitKind: 'DANG_UY_XA',
  figures: { XA_PBXH: { value: i % 2 === 0 ? 1 : 0 }, XA_GIAM_SAT: { value: 1 }, XA_DOI_THOAI: { value: 1 } },
  sourceEventId: `evt-${i}`,
  sourcePosition: String(10 + i),
}));
const consolidation = consolidate({ template: t, submissions, unitOrder: submissions.map((s) => s.unitId) });
const LINE = '3/5 xã, thị trấn đã tổ chức hội nghị phản biện xã hội; còn 2/5 xã, thị trấn chưa tổ chức hội nghị phản biện xã hội';

describe('coverage lists in an edited draft', () => {
  it('the draft as built names exactly the units that did not: no finding', () => {
    expect(draftCoverageFindings([{ text: `${LINE} (Bản Bo, Khun Há).` }], consolidation)).toEqual([]);
    // A spelling without diacritics is the same unit.
    expect(draftCoverageFindings([{ text: `${LINE} (Ban Bo, Khun Ha).` }], consolidation)).toEqual([]);
  });

  it('a list that leaves a unit out, adds one, or is gone is an error-level finding naming the units', () => {
    const [missing] = draftCoverageFindings([{ text: `${LINE} (Bản Bo).` }], consolidation);
    expect(missing).toMatchObject({
      code: 'COVERAGE_LIST_MISMATCH',
      severity: 'error',
      indicatorCode: 'XA_PBXH',
      expected: ['Bản Bo', 'Khun Há'],
    });
    expect(missing.messageVi).toBe(
      '"Tổ chức hội nghị phản biện xã hội" — danh sách đơn vị chưa tổ chức hội nghị phản biện xã hội: Danh sách nêu 1/2 đơn vị: thiếu Khun Há.',
    );
    expect(draftCoverageFindings([{ text: `${LINE} (Bản Bo, Khun Há, Sơn Bình).` }], consolidation)[0].messageVi).toMatch(
      /không rõ Sơn Bình/,
    );
    expect(draftCoverageFindings([{ text: 'Các xã đều tổ chức hội nghị phản biện xã hội.' }], consolidation)[0].messageVi).toBe(
      'Dự thảo không còn nêu tên các đơn vị chưa tổ chức hội nghị phản biện xã hội (Bản Bo, Khun Há).',
    );
  });
});
