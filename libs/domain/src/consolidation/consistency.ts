import { nfc } from '../shared/text';
import { isRatioValue, QUALIFIER_LABELS_VI, type FigureValue, type Severity } from '../templates/report-template';
import { consolidatedIndicator } from './consolidate';
import type { ConsolidatedIndicator, Consolidation, ConsolidationFinding } from './consolidation.model';
import { subtractExact } from './exact-decimal';
import { formatAmount, formatFigure, isMoneyIndicator, type FigureFormat } from './figure-format';

export type StatedTotalCode =
  /** The stated total contradicts the sum of its parts. */
  | 'STATED_TOTAL_MISMATCH'
  /** The parts are bounds ("trên"/"gần"): the stated total is compatible with them but cannot be checked. */
  | 'STATED_TOTAL_UNVERIFIABLE'
  /** Same number, different qualifier (the parts say "trên 277", the text says "277"). */
  | 'STATED_QUALIFIER_MISMATCH'
  /** A total is stated but no unit reported the indicator: nothing stands behind the number. */
  | 'STATED_TOTAL_WITHOUT_PARTS';

export interface StatedTotalFinding {
  kind: 'stated_total';
  code: StatedTotalCode;
  severity: Severity;
  indicatorCode: string;
  indicatorName: string;
  stated: FigureValue;
  computed?: FigureValue;
  /** stated − computed in the indicator's unit (numerators for a ratio), exact. */
  difference?: number;
  messageVi: string;
}

/**
 * Checks totals written in a text (a draft, a seed report, an edited passage) against the sum of the parts
 * they claim to add up. `stated` maps an indicator code to the value stated, or to several values when the
 * text states it several times (97 on one page, 107 on the next: each is checked).
 *
 * Against an exact (or "lũy kế") computed total any difference is an error. Against a lower bound ("trên
 * 277") a smaller stated value is an error and a larger one cannot be verified (warning); an upper bound
 * ("gần") the other way round. Against an estimate ("ước đạt") any difference is an error. An equal number
 * with another qualifier is a warning. Money is written in exact đồng so the difference is visible.
 */
export function checkStatedTotals(
  consolidation: Consolidation,
  stated: Readonly<Record<string, FigureValue | readonly FigureValue[]>>,
): StatedTotalFinding[] {
  const findings: StatedTotalFinding[] = [];
  for (const [code, statedValues] of Object.entries(stated)) {
    const ci = consolidatedIndicator(consolidation, code);
    const list: readonly FigureValue[] = Array.isArray(statedValues) ? statedValues : [statedValues as FigureValue];
    for (const value of list) {
      const finding = checkOne(ci, value);
      if (finding) findings.push(finding);
    }
  }
  return findings;
}

/** The validation violations of the units' submissions, for the reviewer, errors first, then in report order. */
export function violationFindings(consolidation: Consolidation): Extract<ConsolidationFinding, { kind: 'violation' }>[] {
  const violations = consolidation.findings.filter(
    (f): f is Extract<ConsolidationFinding, { kind: 'violation' }> => f.kind === 'violation',
  );
  const errors = violations.filter((f) => f.violation.severity === 'error');
  return [...errors, ...violations.filter((f) => f.violation.severity !== 'error')];
}

function checkOne(ci: ConsolidatedIndicator, stated: FigureValue): StatedTotalFinding | undefined {
  const { indicator } = ci;
  const base = { kind: 'stated_total' as const, indicatorCode: indicator.code, indicatorName: indicator.name, stated: { ...stated } };
  const format: FigureFormat = isMoneyIndicator(indicator) ? { money: 'đồng' } : { pad: 1 };
  const show = (v: FigureValue) => formatFigure(indicator, v, format);
  const computed = ci.total;
  if (!computed) {
    return {
      ...base,
      code: 'STATED_TOTAL_WITHOUT_PARTS',
      severity: 'error',
      messageVi: nfc(`"${indicator.name}": báo cáo ghi ${show(stated)} nhưng không có đơn vị nào báo cáo số liệu này.`),
    };
  }
  const withComputed = { ...base, computed: { ...computed } };
  if (isRatioValue(computed) !== isRatioValue(stated)) {
    return {
      ...withComputed,
      code: 'STATED_TOTAL_MISMATCH',
      severity: 'error',
      messageVi: nfc(`"${indicator.name}": báo cáo ghi ${show(stated)}, các đơn vị báo cáo ${show(computed)}.`),
    };
  }
  const difference =
    isRatioValue(computed) && isRatioValue(stated)
      ? subtractExact(stated.numerator, computed.numerator)
      : subtractExact((stated as { value: number }).value, (computed as { value: number }).value);
  const denominatorDiffers = isRatioValue(computed) && isRatioValue(stated) && stated.denominator !== computed.denominator;
  const sameQualifier = (stated.qualifier ?? null) === (computed.qualifier ?? null);

  if (difference === 0 && !denominatorDiffers) {
    if (sameQualifier) return undefined;
    return {
      ...withComputed,
      code: 'STATED_QUALIFIER_MISMATCH',
      severity: 'warning',
      difference,
      messageVi: nfc(
        `"${indicator.name}": báo cáo ghi ${show(stated)}, các phần cộng lại ${show(computed)}` +
          ` (các phần ghi ${qualifierWord(computed)}, báo cáo ghi ${qualifierWord(stated)}).`,
      ),
    };
  }
  const bound = computed.qualifier;
  const compatible = (bound === 'tren' && difference > 0) || (bound === 'gan' && difference < 0);
  const severity: Severity = compatible && !denominatorDiffers ? 'warning' : 'error';
  const amount = isRatioValue(computed) ? String(Math.abs(difference)) : formatAmount(indicator, Math.abs(difference), format);
  const direction = difference > 0 ? 'số ghi lớn hơn' : difference < 0 ? 'số ghi nhỏ hơn' : 'mẫu số khác nhau';
  return {
    ...withComputed,
    code: severity === 'error' ? 'STATED_TOTAL_MISMATCH' : 'STATED_TOTAL_UNVERIFIABLE',
    severity,
    difference,
    messageVi: nfc(
      `"${indicator.name}": báo cáo ghi tổng số ${show(stated)}, các phần cộng lại ${show(computed)}; ` +
        `chênh lệch ${amount} (${direction}).`,
    ),
  };
}

function qualifierWord(v: FigureValue): string {
  return v.qualifier ? `"${QUALIFIER_LABELS_VI[v.qualifier]}"` : 'số chính xác';
}
