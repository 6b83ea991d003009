import { checkCoverageList } from '../consolidation/coverage';
import type { Consolidation } from '../consolidation/consolidation.model';
import { nfc } from '../shared/text';

export interface DraftCoverageFinding {
  code: 'COVERAGE_LIST_MISMATCH';
  severity: 'error';
  indicatorCode: string;
  /** The passage holding the list (absent when no passage holds it any more). */
  passageId?: string;
  /** The units the consolidation says did not do it, in registry order. */
  expected: string[];
  messageVi: string;
}

/**
 * The coverage lists of a (possibly edited) draft against the consolidation: for each yes/no or x/y indicator
 * whose units did not all do it, the draft must name exactly those units after "chưa <activity> (" — a name
 * left out, added or unknown is an error-level finding (it blocks signing unless overridden). Every passage
 * is searched, so moving the sentence elsewhere is no finding; deleting the list is one.
 */
export function draftCoverageFindings(
  passages: readonly { id?: string; text: string }[],
  consolidation: Consolidation,
): DraftCoverageFinding[] {
  const findings: DraftCoverageFinding[] = [];
  for (const ci of consolidation.indicators) {
    const c = ci.coverage;
    if (!c || c.missing.length === 0) continue;
    const activity = ci.indicator.coverage?.activity ?? ci.indicator.name.toLowerCase();
    const expected = c.missing.map((u) => u.unitName);
    const marker = nfc(`chưa ${activity} (`);
    const passage = passages.find((p) => nfc(p.text).includes(marker));
    const text = passage ? nfc(passage.text) : '';
    const at = text.indexOf(marker);
    const close = at < 0 ? -1 : text.indexOf(')', at + marker.length);
    if (!passage || close < 0) {
      findings.push({
        code: 'COVERAGE_LIST_MISMATCH',
        severity: 'error',
        indicatorCode: ci.indicator.code,
        expected,
        messageVi: nfc(`Dự thảo không còn nêu tên các đơn vị chưa ${activity} (${expected.join(', ')}).`),
      });
      continue;
    }
    const listed = text
      .slice(at + marker.length, close)
      .split(/,|;/)
      .map((s) => s.trim())
      .filter((s) => s !== '');
    const finding = checkCoverageList(c.missing, listed);
    if (finding) {
      findings.push({
        code: 'COVERAGE_LIST_MISMATCH',
        severity: 'error',
        indicatorCode: ci.indicator.code,
        expected,
        ...(passage.id ? { passageId: passage.id } : {}),
        messageVi: nfc(`"${ci.indicator.name}" — danh sách đơn vị chưa ${activity}: ${finding.messageVi}`),
      });
    }
  }
  return findings;
}
