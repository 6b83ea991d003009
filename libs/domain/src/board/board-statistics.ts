import { formatPercentVi } from '../format/vietnamese-format';
import { isActiveDuring } from '../org-units/org-unit.queries';
import { unitKindLabel } from '../org-units/unit-kinds';
import { invalid } from '../shared/domain-error';
import { compareIsoDates, latenessAgainst, requireIsoDate, requireIsoInstant, type IsoInstant } from '../shared/iso-date';
import {
  BOARD_STATUSES,
  SUBMITTED_STATUSES,
  type BoardGroup,
  type BoardPeriod,
  type BoardStatistics,
  type BoardTotals,
  type BoardUnit,
  type BoardUnitRow,
  type NotExpectedReason,
  type Rate,
  type Timeliness,
} from './board.model';
import { vietnameseNameOrder } from './name-order';

export interface BoardOptions {
  /** Unit ids in a canonical order; units sort by it (units not listed after them, by name). Default: Vietnamese name order. */
  unitOrder?: readonly string[];
  /** Levels from the top down ('tinh', 'huyen', 'xa'); levels not listed come after, in Vietnamese order. */
  levelOrder?: readonly string[];
}

/**
 * The coordinator's board of one cycle, as of `now`.
 *
 * Who is expected (the denominators): a unit that is assigned AND exists on the last day of the data period
 * (`activeFrom <= dataTo <= activeTo`). A unit dissolved or merged before the period ended (activeTo before
 * dataTo) has no one to report for the period — its successor does — so it is not expected, even if it
 * submitted; a unit created during the period and still there at its end reports for the part it existed.
 * Numerators only count expected units, so no rate exceeds 100 %; submissions from units not expected are
 * counted apart (`submittedNotExpected`).
 *
 * Timeliness is measured against each unit's own effective deadline (after extensions), end of that day in
 * Vietnam, from its FIRST submission ("ngày nộp" is when it first sent the report, even if returned later).
 */
export function computeBoard(
  rows: readonly BoardUnitRow[],
  period: BoardPeriod,
  now: IsoInstant,
  options: BoardOptions = {},
): BoardStatistics {
  const dataFrom = requireIsoDate(period.dataFrom, 'period.dataFrom');
  const dataTo = requireIsoDate(period.dataTo, 'period.dataTo');
  if (compareIsoDates(dataFrom, dataTo) > 0) {
    throw invalid(
      'BOARD_PERIOD_REVERSED',
      `period.dataFrom ${dataFrom} is after period.dataTo ${dataTo}`,
      'Kỳ số liệu không hợp lệ: ngày bắt đầu sau ngày kết thúc.',
      { dataFrom, dataTo },
    );
  }
  requireIsoInstant(now, 'now');
  const seen = new Set<string>();
  for (const row of rows) {
    if (seen.has(row.unitId)) {
      throw invalid(
        'BOARD_DUPLICATE_UNIT',
        `unit ${row.unitId} appears twice on the board`,
        `Đơn vị ${row.unitName} xuất hiện hai lần trong bảng theo dõi.`,
        { unitId: row.unitId },
      );
    }
    seen.add(row.unitId);
  }

  const units = rows.map((row) => deriveUnit(row, { dataFrom, dataTo }, now)).sort(unitComparator(options));
  const expected = units.filter((u) => u.expected);
  return {
    period: { dataFrom, dataTo },
    now,
    units,
    overall: totalsOf(expected),
    byKind: groupsOf(expected, (u) => u.unitKind, unitKindLabel, labelOrder),
    byLevel: groupsOf(
      expected,
      (u) => u.level,
      (level) => level,
      levelComparator(options.levelOrder),
    ),
    submittedNotExpected: units.filter((u) => !u.expected && u.submitted).length,
  };
}

/** The stable order of units on the board: canonical order when given, then Vietnamese name order, then id. */
export function unitComparator(options: Pick<BoardOptions, 'unitOrder'> = {}): (a: BoardUnitRow, b: BoardUnitRow) => number {
  const rank = new Map((options.unitOrder ?? []).map((id, i) => [id, i] as const));
  const rankOf = (u: BoardUnitRow) => rank.get(u.unitId) ?? Number.MAX_SAFE_INTEGER;
  return (a, b) => rankOf(a) - rankOf(b) || vietnameseNameOrder(a.unitName, b.unitName) || codePointOrder(a.unitId, b.unitId);
}

/** A rate count/of with its Vietnamese percentage; 0/0 has no ratio. */
export function rate(count: number, of: number): Rate {
  if (!Number.isSafeInteger(count) || !Number.isSafeInteger(of) || count < 0 || count > of) {
    throw new RangeError(`a rate needs 0 <= count <= of, got ${count}/${of}`);
  }
  if (of === 0) return { count, of, ratio: null, percent: null };
  const ratio = count / of;
  return { count, of, ratio, percent: formatPercentVi(ratio) };
}

function deriveUnit(row: BoardUnitRow, period: BoardPeriod, now: IsoInstant): BoardUnit {
  if (!(BOARD_STATUSES as readonly string[]).includes(row.status)) {
    throw invalid(
      'BOARD_UNKNOWN_STATUS',
      `unit ${row.unitId} has an unknown status ${JSON.stringify(row.status)}`,
      `Trạng thái báo cáo của đơn vị ${row.unitName} không hợp lệ.`,
      { unitId: row.unitId, status: row.status },
    );
  }
  const deadline = requireIsoDate(row.effectiveDeadline, 'effectiveDeadline');
  const activeFrom = requireIsoDate(row.activeFrom, 'activeFrom');
  const activeTo = row.activeTo == null ? undefined : requireIsoDate(row.activeTo, 'activeTo');
  if (row.submittedAt !== null) requireIsoInstant(row.submittedAt, 'submittedAt');

  const notExpectedReason = whyNotExpected(row.assigned, { activeFrom, activeTo }, period);
  const expected = notExpectedReason === null;
  const submitted = SUBMITTED_STATUSES.includes(row.status);
  const { timeliness, daysLate } = timelinessOf(row, deadline, expected, now);
  return { ...row, expected, notExpectedReason, submitted, timeliness, daysLate };
}

function whyNotExpected(assigned: boolean, unit: { activeFrom: string; activeTo?: string }, period: BoardPeriod): NotExpectedReason | null {
  if (!assigned) return 'not_assigned';
  if (isActiveDuring(unit, period.dataTo, period.dataTo)) return null;
  return compareIsoDates(unit.activeFrom, period.dataTo) > 0 ? 'opened_after_period_end' : 'closed_before_period_end';
}

function timelinessOf(
  row: BoardUnitRow,
  deadline: string,
  expected: boolean,
  now: IsoInstant,
): { timeliness: Timeliness; daysLate: number | null } {
  if (row.submittedAt !== null) {
    const { late, daysLate } = latenessAgainst(row.submittedAt, deadline);
    return { timeliness: late ? 'late' : 'on_time', daysLate };
  }
  if (row.status !== 'not_started' && row.status !== 'draft' && row.late !== null) {
    // A row that has been submitted but lost its first submission instant: the recorded flag is all we have.
    return { timeliness: row.late ? 'late' : 'on_time', daysLate: row.late ? null : 0 };
  }
  if (!expected) return { timeliness: 'not_expected', daysLate: 0 };
  const overdue = latenessAgainst(now, deadline);
  return overdue.late ? { timeliness: 'overdue', daysLate: overdue.daysLate } : { timeliness: 'not_due', daysLate: 0 };
}

function totalsOf(expected: readonly BoardUnit[]): BoardTotals {
  const count = (p: (u: BoardUnit) => boolean) => expected.filter(p).length;
  const submitted = count((u) => u.submitted);
  const onTime = count((u) => u.submitted && u.timeliness === 'on_time');
  return {
    expected: expected.length,
    submitted,
    onTime,
    submittedLate: count((u) => u.submitted && u.timeliness === 'late'),
    pending: expected.length - submitted,
    overdue: count((u) => u.timeliness === 'overdue'),
    returned: count((u) => u.status === 'returned'),
    approved: count((u) => u.status === 'approved'),
    completeness: rate(submitted, expected.length),
    timeliness: rate(onTime, expected.length),
  };
}

function groupsOf(
  expected: readonly BoardUnit[],
  keyOf: (u: BoardUnit) => string,
  labelOf: (key: string) => string,
  order: (a: { key: string; label: string }, b: { key: string; label: string }) => number,
): BoardGroup[] {
  const byKey = new Map<string, BoardUnit[]>();
  for (const u of expected) {
    const key = keyOf(u);
    const members = byKey.get(key);
    if (members) members.push(u);
    else byKey.set(key, [u]);
  }
  return [...byKey.entries()].map(([key, members]) => ({ key, label: labelOf(key), ...totalsOf(members) })).sort(order);
}

function labelOrder(a: { key: string; label: string }, b: { key: string; label: string }): number {
  return vietnameseNameOrder(a.label, b.label) || codePointOrder(a.key, b.key);
}

function levelComparator(levelOrder: readonly string[] = []) {
  const rank = new Map(levelOrder.map((level, i) => [level, i] as const));
  const rankOf = (level: string) => rank.get(level) ?? Number.MAX_SAFE_INTEGER;
  return (a: { key: string; label: string }, b: { key: string; label: string }) => rankOf(a.key) - rankOf(b.key) || labelOrder(a, b);
}

function codePointOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
