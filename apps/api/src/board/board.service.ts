import { Injectable, NotFoundException } from '@nestjs/common';
import {
  computeBoard, filterBoardUnits, pendingUnitsLine, sortBoardUnits, type BoardFilter, type BoardStatus, type BoardUnit,
} from '../../../../libs/domain/src/board';
import { unitKindLabel } from '../../../../libs/domain/src/org-units/unit-kinds';
import { Projector } from '../../../../libs/persistence/src/projections/projector';
import { BoardRepository } from './board.repository';
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

  async cycles(): Promise<CycleSummaryDto[]> {
    await this.projector.catchUpToNow();
    return this.repository.cyclesNewestFirst();
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
