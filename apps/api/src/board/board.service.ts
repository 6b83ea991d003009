import type { CycleListScope } from '../../../../libs/domain/src/permissions';
import { Injectable, NotFoundException } from '@nestjs/common';
import {
  boardFilterCounts, computeBoard, filterBoardUnits, pendingUnitsLine, sortBoardUnits, type BoardFilter, type BoardProgress, type BoardStatus, type BoardUnit,
} from '../../../../libs/domain/src/board';
import { unitKindLabel } from '../../../../libs/domain/src/org-units/unit-kinds';
import { Projector } from '../../../../libs/persistence/src/projections/projector';
import { formatPercentVi } from '../../../../libs/domain/src/format/vietnamese-format';
import { BoardRepository, type CycleHeaderRow } from './board.repository';
import { BoardDto, BoardQueryDto, BoardUnitViewDto, CycleSummaryDto, FailedDeliveryDto } from './board.dto';

/** Administrative levels from the top down; others follow in Vietnamese order. */
export const LEVEL_ORDER = ['trung-uong', 'tinh', 'huyen', 'xa', 'thon'] as const;

export const LEVEL_LABELS_VI: Record<string, string> = {
  'trung-uong': 'Trung ương', tinh: 'Cấp tỉnh', huyen: 'Cấp huyện', xa: 'Cấp xã', thon: 'Thôn, bản, tổ dân phố',
};
export const levelLabel = (level: string): string => LEVEL_LABELS_VI[level] ?? level;

export const STATUS_LABELS_VI: Record<BoardStatus, string> = {
  not_started: 'Chưa nộp',
  draft: 'Đang soạn',
  submitted: 'Đã nộp',
  returned: 'Bị trả lại',
  resubmitted: 'Đã nộp lại',
  approved: 'Đã duyệt',
};

/** The coordinator's board: read model rows → computeBoard → the view asked for (filters, order). */
@Injectable()
export class BoardService {
  constructor(private readonly repository: BoardRepository, private readonly projector: Projector) {}

  async cycles(scope: CycleListScope): Promise<CycleSummaryDto[]> {
    await this.projector.catchUpToNow();
    return this.repository.cyclesNewestFirst(scope);
  }

  async hierarchy(cycleId: string, now = new Date()) {
    await this.projector.catchUpToNow();
    return boardHierarchy(this.repository, cycleId, now);
  }

  async board(cycleId: string, query: BoardQueryDto, now = new Date()): Promise<BoardDto> {
    await this.projector.catchUpToNow();
    const cycle = await this.repository.cycleHeader(cycleId);
    if (!cycle) {
      throw new NotFoundException({ statusCode: 404, error: 'CYCLE_NOT_FOUND', message: `cycle ${cycleId} does not exist`, messageVi: 'Không tìm thấy kỳ báo cáo.' });
    }
    const rows = await this.repository.boardRowsOfCycle(cycleId);
    const lastActivity = new Map(rows.map((r) => [r.unitId, r.lastActivityAt] as const));
    const stats = computeBoard(rows, { dataFrom: cycle.dataFrom, dataTo: cycle.dataTo }, now.toISOString(), { levelOrder: LEVEL_ORDER });
    const filter: BoardFilter = {
      ...(query.status ? { statuses: query.status as BoardStatus[] } : {}),
      ...(query.progress ? { progress: query.progress as BoardProgress[] } : {}),
      ...(query.kind ? { kinds: query.kind } : {}),
      ...(query.level ? { levels: query.level } : {}),
    };
    const failed = await this.repository.failedDeliveriesOfCycle(cycleId);
    const failedByUnit = new Map<string, number>();
    for (const f of failed) if (f.unitId) failedByUnit.set(f.unitId, (failedByUnit.get(f.unitId) ?? 0) + 1);
    const names = new Map(rows.map((r) => [r.unitId, r.unitName] as const));
    const filtered = filterBoardUnits(stats.units, filter);
    const sorted = sortBoardUnits(filtered, { by: query.sort ?? 'name', direction: query.order ?? 'asc', levelOrder: LEVEL_ORDER });
    return {
      cycle,
      now: stats.now,
      totalUnits: stats.units.length,
      units: sorted.map((u) => toView(u, lastActivity.get(u.unitId) ?? null, failedByUnit.get(u.unitId) ?? 0)),
      filterCounts: boardFilterCounts(stats.units),
      overall: stats.overall,
      byKind: stats.byKind,
      byLevel: stats.byLevel.map((g) => ({ ...g, label: levelLabel(g.key) })),
      submittedNotExpected: stats.submittedNotExpected,
      pendingLine: pendingUnitsLine(stats),
      failedDeliveries: failed.map((f): FailedDeliveryDto => ({
        notificationId: f.notificationId, kind: f.kind, subject: f.subject, unitId: f.unitId, unitName: f.unitId ? names.get(f.unitId) ?? f.unitId : null,
        recipientName: f.displayName, email: f.email, attempt: f.attempt, error: f.error, attemptedAt: new Date(f.attemptedAt).toISOString(),
        nextAttemptAt: f.nextAttemptAt ? new Date(f.nextAttemptAt).toISOString() : null, gaveUp: f.gaveUp,
      })),
    };
  }
}

function toView(u: BoardUnit, lastActivityAt: string | null, failedDeliveries: number): BoardUnitViewDto {
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
    lastActivityAt,
    expected: u.expected,
    submitted: u.submitted,
    assigned: u.assigned,
    failedDeliveries,
  };
}

/** Counts of one level of a cycle hierarchy (or of all of it). */
export interface HierarchyTotals {
  cycles: number;
  expected: number;
  submitted: number;
  onTime: number;
  /** '75%' (Vietnamese decimal comma); null with nothing expected. */
  completeness: string | null;
  timeliness: string | null;
}

export interface HierarchyNode {
  cycle: CycleHeaderRow;
  /** The unit of the parent cycle this cycle reports for; null at the root. */
  unitId: string | null;
  depth: number;
  overall: { expected: number; submitted: number; onTime: number; pending: number; completeness: string | null; timeliness: string | null };
  pendingLine: string;
  children: HierarchyNode[];
}

const MAX_HIERARCHY_DEPTH = 4;
const percent = (count: number, of: number) => (of === 0 ? null : formatPercentVi(count / of));
const totals = (cycles: number, expected: number, submitted: number, onTime: number): HierarchyTotals =>
  ({ cycles, expected, submitted, onTime, completeness: percent(submitted, expected), timeliness: percent(onTime, expected) });

/**
 * The board rolled up across a hierarchy of cycles: under each unit of a cycle, the unit's own cycle for the
 * same data period (communes' cycles under the district's). Totals per depth and over the whole tree, so the
 * district sees at a glance how far the communes' own collection has got.
 */
export async function boardHierarchy(repository: BoardRepository, cycleId: string, now: Date): Promise<{ root: HierarchyNode; byDepth: (HierarchyTotals & { depth: number })[]; all: HierarchyTotals }> {
  const root = await repository.cycleHeader(cycleId);
  if (!root) throw new NotFoundException({ statusCode: 404, error: 'CYCLE_NOT_FOUND', message: `cycle ${cycleId} does not exist`, messageVi: 'Không tìm thấy kỳ báo cáo.' });
  const byIssuer = new Map<string, CycleHeaderRow>();
  for (const c of await repository.cyclesEndingOn(root.dataTo)) if (!byIssuer.has(c.issuingBodyUnitId)) byIssuer.set(c.issuingBodyUnitId, c);
  const visited = new Set<string>();
  const build = async (cycle: CycleHeaderRow, unitId: string | null, depth: number): Promise<HierarchyNode> => {
    visited.add(cycle.id);
    const stats = computeBoard(await repository.boardRowsOfCycle(cycle.id), { dataFrom: cycle.dataFrom, dataTo: cycle.dataTo }, now.toISOString(), { levelOrder: LEVEL_ORDER });
    const children: HierarchyNode[] = [];
    if (depth < MAX_HIERARCHY_DEPTH) {
      for (const u of stats.units.filter((x) => x.assigned)) {
        const child = byIssuer.get(u.unitId);
        if (child && !visited.has(child.id)) children.push(await build(child, u.unitId, depth + 1));
      }
    }
    const o = stats.overall;
    return {
      cycle: { id: cycle.id, periodLabel: cycle.periodLabel, dataFrom: cycle.dataFrom, dataTo: cycle.dataTo, issuingBodyName: cycle.issuingBodyName, submissionDeadline: cycle.submissionDeadline, status: cycle.status, openedAt: cycle.openedAt },
      unitId, depth,
      overall: { expected: o.expected, submitted: o.submitted, onTime: o.onTime, pending: o.pending, completeness: percent(o.submitted, o.expected), timeliness: percent(o.onTime, o.expected) },
      pendingLine: pendingUnitsLine(stats),
      children,
    };
  };
  const tree = await build(root, null, 0);
  const sums = new Map<number, [number, number, number, number]>();
  const walk = (n: HierarchyNode) => {
    const s = sums.get(n.depth) ?? [0, 0, 0, 0];
    sums.set(n.depth, [s[0] + 1, s[1] + n.overall.expected, s[2] + n.overall.submitted, s[3] + n.overall.onTime]);
    n.children.forEach(walk);
  };
  walk(tree);
  const byDepth = [...sums.entries()].sort(([a], [b]) => a - b).map(([depth, [c, e, s, t]]) => ({ depth, ...totals(c, e, s, t) }));
  const all = byDepth.reduce((acc, d) => [acc[0] + d.cycles, acc[1] + d.expected, acc[2] + d.submitted, acc[3] + d.onTime], [0, 0, 0, 0]);
  return { root: tree, byDepth, all: totals(all[0], all[1], all[2], all[3]) };
}
