import { unitKindLabel } from '../org-units/unit-kinds';
import { diacriticFoldKey } from '../shared/text';
import { BOARD_STATUSES, type BoardStatus, type BoardUnit, type Timeliness } from './board.model';
import { vietnameseNameOrder } from './name-order';

/**
 * Progress as the summary counts it: 'submitted' (đã nộp) is a unit whose status is submitted, resubmitted or
 * approved (see SUBMITTED_STATUSES); 'pending' (chưa nộp) every other. A filter on the exact status
 * ('submitted' alone) would leave out the approved and resubmitted units the summary's "Đã nộp" counts.
 */
export const BOARD_PROGRESS = ['submitted', 'pending'] as const;
export type BoardProgress = (typeof BOARD_PROGRESS)[number];

const progressOf = (u: BoardUnit): BoardProgress => (u.submitted ? 'submitted' : 'pending');

export interface BoardFilter {
  /** Exact statuses. */
  statuses?: readonly BoardStatus[];
  /** Progress as the summary counts it (đã nộp / chưa nộp). */
  progress?: readonly BoardProgress[];
  kinds?: readonly string[];
  levels?: readonly string[];
  timeliness?: readonly Timeliness[];
  /** true: only units counted in the denominators; false: only the others. */
  expected?: boolean;
  /** true: only units not submitted (not_started, draft, returned); false: only submitted ones. */
  pending?: boolean;
  /** Only units at least this many days late or overdue. */
  minDaysLate?: number;
  /** Part of the name, ignoring case and diacritics ("ban hon" finds "Đảng ủy xã Bản Hon"). */
  nameContains?: string;
}

/** The units that pass every given criterion (an empty list of values matches nothing), in their order. */
export function filterBoardUnits(units: readonly BoardUnit[], filter: BoardFilter): BoardUnit[] {
  const name = filter.nameContains === undefined ? undefined : diacriticFoldKey(filter.nameContains);
  return units.filter(
    (u) =>
      (filter.statuses === undefined || filter.statuses.includes(u.status)) &&
      (filter.progress === undefined || filter.progress.includes(progressOf(u))) &&
      (filter.kinds === undefined || filter.kinds.includes(u.unitKind)) &&
      (filter.levels === undefined || filter.levels.includes(u.level)) &&
      (filter.timeliness === undefined || filter.timeliness.includes(u.timeliness)) &&
      (filter.expected === undefined || u.expected === filter.expected) &&
      (filter.pending === undefined || !u.submitted === filter.pending) &&
      (filter.minDaysLate === undefined || (u.daysLate ?? 0) >= filter.minDaysLate) &&
      (name === undefined || diacriticFoldKey(u.unitName).includes(name)),
  );
}

export interface BoardFilterCounts {
  /** Units each progress option of the filter keeps. */
  progress: Record<BoardProgress, number>;
  /** Units each exact status of the filter keeps. */
  statuses: Record<BoardStatus, number>;
}

/**
 * How many units each option of the status filter keeps, counted with the filter's own predicates (so the
 * number shown next to an option is the number of rows choosing it gives, and "Đã nộp" agrees with the summary
 * wherever every unit on the board is expected). Counted over `units` as given (the board before filtering).
 */
export function boardFilterCounts(units: readonly BoardUnit[]): BoardFilterCounts {
  const progress = Object.fromEntries(BOARD_PROGRESS.map((p) => [p, 0])) as Record<BoardProgress, number>;
  const statuses = Object.fromEntries(BOARD_STATUSES.map((st) => [st, 0])) as Record<BoardStatus, number>;
  for (const u of units) {
    progress[progressOf(u)] += 1;
    statuses[u.status] += 1;
  }
  return { progress, statuses };
}

export type BoardSortKey = 'status' | 'kind' | 'level' | 'daysLate' | 'name';

export interface BoardSort {
  by: BoardSortKey;
  direction?: 'asc' | 'desc';
  /** For `by: 'level'`: levels from the top down; levels not listed after them, in Vietnamese order. */
  levelOrder?: readonly string[];
}

/**
 * Order of statuses when sorting by status, most in need of the coordinator first: nothing yet, draft,
 * returned, then awaiting review, and approved last.
 */
export const STATUS_SORT_ORDER: readonly BoardStatus[] = ['not_started', 'draft', 'returned', 'submitted', 'resubmitted', 'approved'];

/**
 * A sorted copy. Ties keep the board's order (Vietnamese name order), whatever the direction, so the result
 * is stable. Kinds sort by their Vietnamese label; an unknown number of days late counts as the largest.
 */
export function sortBoardUnits(units: readonly BoardUnit[], sort: BoardSort): BoardUnit[] {
  const sign = sort.direction === 'desc' ? -1 : 1;
  const primary = primaryComparator(sort);
  return units
    .map((unit, index) => ({ unit, index }))
    .sort((a, b) => sign * primary(a.unit, b.unit) || a.index - b.index)
    .map(({ unit }) => unit);
}

function primaryComparator(sort: BoardSort): (a: BoardUnit, b: BoardUnit) => number {
  switch (sort.by) {
    case 'status':
      return (a, b) => STATUS_SORT_ORDER.indexOf(a.status) - STATUS_SORT_ORDER.indexOf(b.status);
    case 'kind':
      return (a, b) => vietnameseNameOrder(unitKindLabel(a.unitKind), unitKindLabel(b.unitKind));
    case 'level': {
      const rank = new Map((sort.levelOrder ?? []).map((level, i) => [level, i] as const));
      const rankOf = (level: string) => rank.get(level) ?? Number.MAX_SAFE_INTEGER;
      return (a, b) => rankOf(a.level) - rankOf(b.level) || vietnameseNameOrder(a.level, b.level);
    }
    case 'daysLate':
      return (a, b) => (a.daysLate ?? Number.MAX_SAFE_INTEGER) - (b.daysLate ?? Number.MAX_SAFE_INTEGER);
    case 'name':
      return (a, b) => vietnameseNameOrder(a.unitName, b.unitName);
    default:
      throw new RangeError(`unknown sort key ${JSON.stringify((sort as { by: unknown }).by)}`);
  }
}
