import { invalid } from '../shared/domain-error';
import { unitKindLabel } from '../org-units/unit-kinds';
import { findIndicator, sectionAppliesTo, type ReportTemplate } from './report-template';

/** What a unit sent for sections its kind does not answer: indicator codes and narrative section codes. */
export interface OutOfScope {
  indicatorCodes: string[];
  sectionCodes: string[];
}

/**
 * The figures and narratives of `content` that belong to sections a unit of `unitKind` does not answer (a
 * section's `unitKinds`, inherited down the tree). Unknown codes are not judged here (checkFigures and the
 * section check name them).
 */
export function outOfScopeContent(
  template: ReportTemplate,
  unitKind: string,
  content: { figures: Record<string, unknown>; narrative: Record<string, unknown> },
): OutOfScope {
  const indicatorCodes = Object.keys(content.figures).filter((code) => {
    const ind = findIndicator(template, code);
    return ind !== undefined && !sectionAppliesTo(template, ind.sectionCode, unitKind);
  });
  const sectionCodes = Object.keys(content.narrative).filter((code) => !sectionAppliesTo(template, code, unitKind));
  return { indicatorCodes, sectionCodes };
}

/**
 * Refuses (422 SUBMISSION_NOT_FOR_UNIT_KIND) content for sections the unit's kind does not answer, naming the
 * first indicator (or section) in Vietnamese and listing every code in the details.
 */
export function requireContentForUnitKind(
  template: ReportTemplate,
  unitKind: string,
  content: { figures: Record<string, unknown>; narrative: Record<string, unknown> },
): void {
  const out = outOfScopeContent(template, unitKind, content);
  if (out.indicatorCodes.length === 0 && out.sectionCodes.length === 0) return;
  const kind = unitKindLabel(unitKind);
  const first = out.indicatorCodes[0] ? findIndicator(template, out.indicatorCodes[0]) : undefined;
  const what = first ? `chỉ tiêu "${first.name}"` : `mục ${out.sectionCodes[0]}`;
  const more = out.indicatorCodes.length + out.sectionCodes.length - 1;
  throw invalid(
    'SUBMISSION_NOT_FOR_UNIT_KIND',
    `a ${unitKind} unit does not answer: ${[...out.indicatorCodes, ...out.sectionCodes.map((s) => `section ${s}`)].join(', ')}`,
    `Đơn vị thuộc loại "${kind}" không báo cáo ${what}${more > 0 ? ` (và ${more} nội dung khác)` : ''} theo mẫu báo cáo này.`,
    { unitKind, indicatorCodes: out.indicatorCodes, sectionCodes: out.sectionCodes },
  );
}
