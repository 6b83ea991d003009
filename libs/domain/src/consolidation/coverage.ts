import { formatCoverage, formatRatio } from '../format/vietnamese-format';
import { invalid } from '../shared/domain-error';
import { diacriticFoldKey, nfc, requireNonBlank } from '../shared/text';
import { isRatioValue, scalarOf, type FigureValue } from '../templates/report-template';
import type { ConsolidatedIndicator } from './consolidation.model';

/** A unit of the population a coverage line counts (the 13 xã, thị trấn of a district). */
export interface CoverageUnit {
  unitId: string;
  /** Short name as written in reports: 'Thị trấn', 'Khun Há'. */
  unitName: string;
  /** Spelling variants a list may use ('Bản Hon' for 'Bản Hòn'). */
  aliases?: readonly string[];
}

export interface Coverage {
  /** In population order. */
  covered: CoverageUnit[];
  /** In population order. */
  missing: CoverageUnit[];
  total: number;
}

/**
 * Splits the population into the units covered and those missing, keeping the population's order (the
 * order the district always lists its communes in). Throws 422 COVERAGE_UNIT_UNKNOWN for a covered id that
 * is not in the population, and COVERAGE_UNIT_DUPLICATE for a population listing a unit twice.
 */
export function coverageAmong(population: readonly CoverageUnit[], coveredUnitIds: Iterable<string>): Coverage {
  const ids = new Set<string>();
  for (const u of population) {
    if (ids.has(u.unitId)) {
      throw invalid('COVERAGE_UNIT_DUPLICATE', `unit ${u.unitId} is listed twice`, `Đơn vị "${nfc(u.unitName)}" bị liệt kê hai lần.`, {
        unitId: u.unitId,
      });
    }
    ids.add(u.unitId);
  }
  const covered = new Set(coveredUnitIds);
  const unknown = [...covered].filter((id) => !ids.has(id));
  if (unknown.length > 0) {
    throw invalid(
      'COVERAGE_UNIT_UNKNOWN',
      `units not in the population: ${unknown.join(', ')}`,
      'Có đơn vị không thuộc danh sách đơn vị được tính.',
      { unitIds: unknown },
    );
  }
  return {
    covered: population.filter((u) => covered.has(u.unitId)),
    missing: population.filter((u) => !covered.has(u.unitId)),
    total: population.length,
  };
}

/**
 * Ids of the units whose part of `ci` satisfies `reached` — by default a count above zero, or a ratio whose
 * numerator reaches its denominator (the commune held its conference: 1/1).
 */
export function unitsReached(ci: ConsolidatedIndicator, reached: (value: FigureValue) => boolean = defaultReached): string[] {
  return ci.parts.filter((p) => reached(p.value)).map((p) => p.unitId);
}

/** '13/13 xã, thị trấn'; '8/13 xã, thị trấn'. */
export function coverageLine(coverage: Coverage, noun: string): string {
  return nfc(formatCoverage(coverage.covered.length, coverage.total, noun));
}

/**
 * The negative form, names in population order: 'còn 5/13 xã chưa tổ chức hội nghị phản biện xã hội (Thị
 * trấn, Khun Há, Thèn Sin, Bản Giang, Nùng Nàng)'. Undefined when no unit is missing.
 */
export function missingCoverageLine(coverage: Coverage, noun: string, activity: string): string | undefined {
  if (coverage.missing.length === 0) return undefined;
  const names = coverage.missing.map((u) => u.unitName).join(', ');
  const what = requireNonBlank(activity, 'activity', 'Nội dung');
  return nfc(
    `còn ${formatRatio(coverage.missing.length, coverage.total)} ${requireNonBlank(noun, 'noun', 'Danh từ đơn vị')} chưa ${what} (${names})`,
  );
}

export interface CoverageListFinding {
  kind: 'coverage_list';
  code: 'COVERAGE_LIST_MISMATCH';
  severity: 'error';
  /** Units of the population the list leaves out, in population order. */
  missing: CoverageUnit[];
  /** Names in the list that match no unit of the population (diacritics, case and spacing ignored). */
  unknown: string[];
  /** Units the list names more than once. */
  duplicates: CoverageUnit[];
  messageVi: string;
}

/**
 * Checks a list of names written in a report against the population it claims to cover ("tại 13/13 xã,
 * thị trấn: …" naming only 11). Names match a unit's name or an alias, ignoring diacritics, case and spacing
 * ('Bản Hon' = 'Bản Hòn'). Returns undefined when the list names every unit exactly once and nothing else.
 */
export function checkCoverageList(population: readonly CoverageUnit[], listedNames: readonly string[]): CoverageListFinding | undefined {
  const byKey = new Map<string, CoverageUnit>();
  for (const u of population) for (const name of [u.unitName, ...(u.aliases ?? [])]) byKey.set(diacriticFoldKey(name), u);
  const counts = new Map<string, number>();
  const unknown: string[] = [];
  for (const name of listedNames) {
    const unit = byKey.get(diacriticFoldKey(name));
    if (unit) counts.set(unit.unitId, (counts.get(unit.unitId) ?? 0) + 1);
    else unknown.push(nfc(name));
  }
  const missing = population.filter((u) => !counts.has(u.unitId));
  const duplicates = population.filter((u) => (counts.get(u.unitId) ?? 0) > 1);
  if (missing.length === 0 && unknown.length === 0 && duplicates.length === 0) return undefined;
  const problems = [
    missing.length > 0 ? `thiếu ${missing.map((u) => u.unitName).join(', ')}` : '',
    unknown.length > 0 ? `không rõ ${unknown.join(', ')}` : '',
    duplicates.length > 0 ? `nêu hai lần ${duplicates.map((u) => u.unitName).join(', ')}` : '',
  ].filter((p) => p !== '');
  return {
    kind: 'coverage_list',
    code: 'COVERAGE_LIST_MISMATCH',
    severity: 'error',
    missing,
    unknown,
    duplicates,
    messageVi: nfc(`Danh sách nêu ${formatRatio(population.length - missing.length, population.length)} đơn vị: ${problems.join('; ')}.`),
  };
}

function defaultReached(value: FigureValue): boolean {
  return isRatioValue(value) ? value.denominator > 0 && value.numerator >= value.denominator : (scalarOf(value) ?? 0) > 0;
}
