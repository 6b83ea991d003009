import { formatCount, formatRatio } from '../format/vietnamese-format';
import { nfc, requireNonBlank } from '../shared/text';
import type { BoardStatistics, BoardUnit } from './board.model';

export interface PendingLineOptions {
  /** What the units are called: 'đơn vị' (default), 'xã, thị trấn', 'tổ chức thành viên' … */
  noun?: string;
  /** What they have not done yet. Default 'nộp báo cáo'. */
  action?: string;
}

/** The expected units that have not submitted (not_started, draft, returned), in the board's order. */
export function pendingUnits(board: Pick<BoardStatistics, 'units'>): BoardUnit[] {
  return board.units.filter((u) => u.expected && !u.submitted);
}

/**
 * The coverage line of §5 ready to paste into a report or a message, with the names of the units concerned in
 * the board's order (Vietnamese name order unless the caller gave a canonical one):
 *   "còn 3/8 đơn vị chưa nộp báo cáo (Đảng ủy xã Bản Giang, Đảng ủy xã Bình Lư, Hội Cựu chiến binh huyện)".
 * When every expected unit has submitted: "8/8 đơn vị đã nộp báo cáo"; when none is expected:
 * "không có đơn vị nào phải nộp báo cáo".
 */
export function pendingUnitsLine(board: Pick<BoardStatistics, 'units'>, options: PendingLineOptions = {}): string {
  const expected = board.units.filter((u) => u.expected).length;
  const pending = pendingUnits(board);
  return pendingLineOf({ expected, pending: pending.length, names: pending.slice(0, PENDING_NAMES_SHOWN).map((u) => u.unitName) }, options);
}

/** Names the pending line lists before counting the rest ("… và 1.234 đơn vị khác"): one line at any number of units. */
export const PENDING_NAMES_SHOWN = 30;

/** Counts and the first names of the pending units, as a paged board computes them in SQL. */
export interface PendingLineCounts {
  expected: number;
  pending: number;
  /** Names of the first pending units in the board's order; fewer than `pending` when the list was cut. */
  names: readonly string[];
}

/**
 * The same line from counts: when `names` holds fewer names than there are pending units, the rest are
 * counted ("… và 17.980 đơn vị khác"), so the line stays one line whatever the number of units.
 */
export function pendingLineOf(counts: PendingLineCounts, options: PendingLineOptions = {}): string {
  const noun = requireNonBlank(options.noun ?? 'đơn vị', 'noun', 'Danh từ đơn vị');
  const action = requireNonBlank(options.action ?? 'nộp báo cáo', 'action', 'Việc cần làm');
  const { expected, pending } = counts;
  if (expected === 0) return nfc(`không có ${noun} nào phải ${action}`);
  if (pending === 0) return nfc(`${formatRatio(expected, expected)} ${noun} đã ${action}`);
  const shown = counts.names.slice(0, pending).map((n) => nfc(n).trim());
  const rest = pending - shown.length;
  const names = shown.join(', ') + (rest > 0 ? ` và ${formatCount(rest, { pad: 1 })} ${noun} khác` : '');
  return nfc(`còn ${formatRatio(pending, expected)} ${noun} chưa ${action} (${names})`);
}
