import { BOARD_STATUSES, PENDING_NAMES_SHOWN, SUBMITTED_STATUSES, pendingLineOf, rate, type BoardStatus } from '@kybaocao/domain/board';
import { vietnameseNameOrder } from '@kybaocao/domain/board/name-order';
import { unitKindLabel } from '@kybaocao/domain/org-units/unit-kinds';
import { LEVEL_ORDER, STATUS_LABELS_VI, levelLabel } from './board-labels';
import type { BoardPageRequest, BoardPageRow } from './board-page.query';
import type { BoardCounts } from './board-totals.query';
import type { BoardRepository, CycleHeaderRow } from './board.repository';
import type { BoardDto, BoardGroupDto, BoardTotalsDto, BoardUnitViewDto, FailedDeliveryDto } from './board.dto';
import type { BoardQueryDto } from './board-query.dto';

/** Rows per page when the caller does not say; the most a page may hold. */
export const BOARD_PAGE_DEFAULT = 100;
export const BOARD_PAGE_MAX = 500;

export function pageRequest(cycleId: string, query: BoardQueryDto, now: Date, offset: number, limit: number): BoardPageRequest {
  return {
    cycleId,
    now: now.toISOString(),
    filter: {
      ...(query.status ? { statuses: query.status as BoardStatus[] } : {}),
      ...(query.progress ? { progress: query.progress as ('submitted' | 'pending')[] } : {}),
      ...(query.kind ? { kinds: query.kind } : {}),
      ...(query.level ? { levels: query.level } : {}),
    },
    sort: query.sort ?? 'name',
    order: query.order ?? 'asc',
    levelOrder: LEVEL_ORDER,
    offset,
    limit,
  };
}

const codePointOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function totals(c: BoardCounts): BoardTotalsDto {
  return { ...c, pending: c.expected - c.submitted, completeness: rate(c.submitted, c.expected), timeliness: rate(c.onTime, c.expected) };
}

/** Groups in the order computeBoard gives them: kinds by label; levels from the top down, then by name. */
function groups(
  map: Map<string, BoardCounts>,
  labelOf: (key: string) => string,
  rankOf: (key: string) => number,
  sortLabel: (key: string) => string,
): BoardGroupDto[] {
  return [...map.entries()]
    .sort(([a], [b]) => rankOf(a) - rankOf(b) || vietnameseNameOrder(sortLabel(a), sortLabel(b)) || codePointOrder(a, b))
    .map(([key, c]) => ({ key, label: labelOf(key), ...totals(c) }));
}

/** The failed e-mails the board lists, oldest first; `failedDeliveriesTotal` says how many there are in all. */
export const FAILED_DELIVERIES_SHOWN = 50;

/** One page of the board with every total, from SQL: the response's size depends on the page, not on the cycle. */
export async function pagedBoard(repository: BoardRepository, cycle: CycleHeaderRow, query: BoardQueryDto, now: Date): Promise<BoardDto> {
  const board = await boardOfCycle(repository, cycle.id, query, now);
  if (!board) throw new Error(`cycle ${cycle.id} is not in the board's read model`);
  return { ...board, cycle };
}

/**
 * The board of a cycle, or null when the read model has no such cycle: three statements at once (the page of rows;
 * the header, every total and the first pending names; the oldest failed e-mails and their number), then, only with
 * failed e-mails, at once those of the page's units and the names of listed units off the page: whatever the number
 * of units.
 */
export async function boardOfCycle(
  repository: BoardRepository,
  cycleId: string,
  query: BoardQueryDto,
  now: Date,
): Promise<BoardDto | null> {
  const offset = query.offset ?? 0;
  const limit = query.limit ?? BOARD_PAGE_DEFAULT;
  const request = pageRequest(cycleId, query, now, offset, limit);
  // The names of pending units are read alongside (not after) the totals: with none pending they are none.
  const [rows, { cycle, aggregates: agg, pendingNames }, failed] = await Promise.all([
    repository.pageRows(request),
    repository.summary(request, PENDING_NAMES_SHOWN),
    repository.failedDeliveriesOfCycle(cycleId, FAILED_DELIVERIES_SHOWN),
  ]);
  if (!cycle) return null;
  const pending = agg.overall.expected - agg.overall.submitted;
  const names = pending > 0 ? pendingNames : [];
  const levelRank = new Map(LEVEL_ORDER.map((l, i) => [l as string, i] as const));
  const status = (st: BoardStatus) => agg.statuses[st] ?? 0;
  const submittedCount = SUBMITTED_STATUSES.reduce((sum, st) => sum + status(st), 0);
  const unitNames = new Map(rows.map((r) => [r.unitId, r.unitName] as const));
  // With failed e-mails: how many per unit of the page, and the names of the listed ones' units off the page.
  const offPage = failed.list.flatMap((f) => (f.unitId && !unitNames.has(f.unitId) ? [f.unitId] : []));
  const [failedByUnit, failedNames] = await Promise.all([
    failed.total > 0 ? repository.failedDeliveriesPerUnit(cycleId, [...unitNames.keys()]) : new Map<string, number>(),
    offPage.length > 0 ? repository.unitNames(offPage) : new Map<string, string>(),
  ]);
  return {
    cycle,
    now: request.now,
    totalUnits: agg.totalUnits,
    page: { offset, limit, matching: agg.matching },
    units: rows.map((r) => toView(r, failedByUnit.get(r.unitId) ?? 0)),
    filterCounts: {
      progress: { submitted: submittedCount, pending: agg.totalUnits - submittedCount },
      statuses: Object.fromEntries(BOARD_STATUSES.map((st) => [st, status(st)])) as unknown as BoardDto['filterCounts']['statuses'],
    },
    overall: totals(agg.overall),
    byKind: groups(agg.byKind, unitKindLabel, () => 0, unitKindLabel),
    byLevel: groups(
      agg.byLevel,
      levelLabel,
      (l) => levelRank.get(l) ?? Number.MAX_SAFE_INTEGER,
      (l) => l,
    ),
    submittedNotExpected: agg.submittedNotExpected,
    pendingLine: pendingLineOf({ expected: agg.overall.expected, pending, names }),
    failedDeliveriesTotal: failed.total,
    failedDeliveries: failed.list.map(
      (f): FailedDeliveryDto => ({
        notificationId: f.notificationId,
        kind: f.kind,
        subject: f.subject,
        unitId: f.unitId,
        unitName: f.unitId ? (unitNames.get(f.unitId) ?? failedNames.get(f.unitId) ?? f.unitId) : null,
        recipientName: f.displayName,
        email: f.email,
        attempt: f.attempt,
        error: f.error,
        attemptedAt: new Date(f.attemptedAt).toISOString(),
        nextAttemptAt: f.nextAttemptAt ? new Date(f.nextAttemptAt).toISOString() : null,
        gaveUp: f.gaveUp,
      }),
    ),
  };
}

export function toView(u: BoardPageRow, failedDeliveries: number): BoardUnitViewDto {
  return {
    unitId: u.unitId,
    unitName: u.unitName,
    unitKind: u.unitKind,
    unitKindLabel: unitKindLabel(u.unitKind),
    level: u.level,
    levelLabel: levelLabel(u.level),
    status: u.status,
    statusLabel: STATUS_LABELS_VI[u.status],
    effectiveDeadline: u.effectiveDeadline,
    submittedAt: u.submittedAt,
    timeliness: u.timeliness,
    daysLate: u.daysLate,
    lastActivityAt: u.lastActivityAt,
    expected: u.expected,
    submitted: u.submitted,
    assigned: u.assigned,
    failedDeliveries,
  };
}
