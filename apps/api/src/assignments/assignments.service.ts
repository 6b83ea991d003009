import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { BoardStatus } from '@kybaocao/domain/board';
import { calendarDaysBetween, compareDates, isoDateInVietnam } from '@kybaocao/domain/calendar';
import type { CycleStatus } from '@kybaocao/domain/cycle';
import { allowedActions, cycleListScope, type CycleListScope } from '@kybaocao/domain/permissions';
import type { SubmissionStatus } from '@kybaocao/domain/submission';
import {
  AssignmentKey,
  AssignmentRow,
  cycleBoardQueries,
  ReviewKey,
} from '@kybaocao/persistence/projections/cycle-board/cycle-board.projection';
import { Projector } from '@kybaocao/persistence/projections/projector';
import { BOARD_READ_MODELS, STATUS_LABELS_VI } from '../board/board.service';
import { Actor, permissionActor } from '../common/actor';
import { decodeCursor, encodeCursor } from '../common/cursor';
import { cycleStatusLabel } from '../common/labels';
import { readYourWrites, type ReadAfter } from '../common/read-your-writes';
import { TemplateStore } from '../templates/template-store';
import { AssignmentDto, AssignmentsPageDto, PageQueryDto, ReviewQueuePageDto } from './assignments.dto';

const DEFAULT_LIMIT = 50;
const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 200;
const isAssignmentKey = (k: any): k is AssignmentKey =>
  !!k &&
  [0, 1, 2].includes(k.urgency) &&
  isString(k.cycleId) &&
  isString(k.unitId) &&
  /^\d{4}-\d{2}-\d{2}$/.test(k.deadline) &&
  /^[0-9a-f-]{36}$/.test(k.cycleId);
const isReviewKey = (k: any): k is ReviewKey =>
  !!k &&
  isString(k.cycleId) &&
  isString(k.unitId) &&
  /^[0-9a-f-]{36}$/.test(k.cycleId) &&
  isString(k.submittedAt) &&
  !Number.isNaN(Date.parse(k.submittedAt));

/** The reporter's "Việc của tôi" and the reviewer's queue, read from the board's read model, paged with a keyset. */
@Injectable()
export class AssignmentsService {
  constructor(
    private readonly db: DataSource,
    private readonly projector: Projector,
    private readonly templates: TemplateStore,
  ) {}

  /** The title of each template version the rows name (a page names a few; versions are cached once read). */
  private async titles(
    rows: readonly { templateId: string; templateVersion?: number }[],
  ): Promise<(r: { templateId: string; templateVersion?: number }) => string> {
    const key = (r: { templateId: string; templateVersion?: number }) => `${r.templateId}@${r.templateVersion ?? ''}`;
    const found = new Map<string, string>();
    for (const r of rows) {
      if (found.has(key(r))) continue;
      const t = await this.templates.get(r.templateId, r.templateVersion).catch(() => undefined);
      found.set(key(r), t?.title ?? 'Báo cáo');
    }
    return (r) => found.get(key(r)) ?? 'Báo cáo';
  }

  /**
   * The assignments of the caller's units across cycles, most urgent first (a caller with no unit gets an empty page).
   * Read-your-own-writes (common/read-your-writes.ts): the reporter's own submission shows at once; the board's read
   * models are not waited for to take in everybody's (a reporter's home page in the submission rush).
   */
  async assignments(actor: Actor, query: PageQueryDto, readAfter: ReadAfter, now = new Date()): Promise<AssignmentsPageDto> {
    const after = decodeCursor(query.cursor, isAssignmentKey);
    const limit = query.limit ?? DEFAULT_LIMIT;
    const unitIds = actor.user.roles.includes('reporter') ? actor.user.unitIds : [];
    await readYourWrites(this.projector, BOARD_READ_MODELS, readAfter);
    // One row more than asked tells whether there is a next page.
    const { rows: fetched, total } = await cycleBoardQueries.assignmentsOfUnits(this.db.manager, unitIds, { limit: limit + 1, after });
    const rows = fetched.slice(0, limit);
    const today = isoDateInVietnam(now);
    const last = rows[rows.length - 1];
    const title = await this.titles(rows);
    return {
      items: rows.map((r) => toAssignment(actor, r, today, title(r))),
      total,
      nextCursor:
        fetched.length > limit
          ? encodeCursor({
              urgency: last.urgency,
              deadline: last.effectiveDeadline,
              cycleId: last.cycleId,
              unitId: last.unitId,
            } satisfies AssignmentKey)
          : null,
    };
  }

  /**
   * Submissions and resubmissions awaiting review across the reviewer's office's cycles, oldest first. Read-your-own-
   * writes: the reviewer's own approvals and returns leave the queue at once; the submissions arriving meanwhile show
   * within the read models' background lag, not waited for (the queue is read throughout the submission rush).
   */
  async reviews(query: PageQueryDto, actor: Actor, readAfter: ReadAfter): Promise<ReviewQueuePageDto> {
    const after = decodeCursor(query.cursor, isReviewKey);
    const limit = query.limit ?? DEFAULT_LIMIT;
    await readYourWrites(this.projector, BOARD_READ_MODELS, readAfter);
    const { rows: fetched, total } = await cycleBoardQueries.awaitingReview(
      this.db.manager,
      { limit: limit + 1, after },
      cycleListScope(permissionActor(actor), 'act') as Exclude<CycleListScope, { all: true }>,
    );
    const rows = fetched.slice(0, limit);
    const last = rows[rows.length - 1];
    const title = await this.titles(rows);
    return {
      items: rows.map((r) => ({
        cycleId: r.cycleId,
        reportTitle: title(r),
        periodLabel: r.periodLabel,
        issuingBodyName: r.issuingBodyName,
        unitId: r.unitId,
        unitName: r.unitName ?? r.unitId,
        version: r.version,
        submittedAt: new Date(r.submittedAt).toISOString(),
        resubmission: r.status === 'resubmitted',
        late: r.late,
      })),
      total,
      nextCursor:
        fetched.length > limit
          ? encodeCursor({
              submittedAt: new Date(last.submittedAt).toISOString(),
              cycleId: last.cycleId,
              unitId: last.unitId,
            } satisfies ReviewKey)
          : null,
    };
  }
}

/** Days left or late in calendar days, Vietnam time (the deadline day counts as 0 days left). */
function toAssignment(actor: Actor, r: AssignmentRow, today: string, reportTitle: string): AssignmentDto {
  const pending = r.urgency === 0;
  const late = compareDates(today, r.effectiveDeadline) > 0;
  return {
    cycleId: r.cycleId,
    unitId: r.unitId,
    unitName: r.unitName ?? r.unitId,
    reportTitle,
    periodLabel: r.periodLabel,
    issuingBodyName: r.issuingBodyName,
    cyclePhase: r.cycleStatus,
    cyclePhaseLabel: cycleStatusLabel(r.cycleStatus),
    deadline: r.effectiveDeadline,
    extended: r.effectiveDeadline !== r.baseDeadline,
    status: r.status,
    statusLabel: STATUS_LABELS_VI[r.status as BoardStatus] ?? r.status,
    daysLeft: pending && !late ? calendarDaysBetween(today, r.effectiveDeadline) : null,
    daysLate: pending ? (late ? calendarDaysBetween(r.effectiveDeadline, today) : null) : r.late ? r.daysLate : null,
    openReturnReasons: r.status === 'returned' ? r.openReturnReasons : 0,
    allowedActions: allowedActions(permissionActor(actor), 'submission', {
      cycleStatus: r.cycleStatus as CycleStatus,
      unitId: r.unitId,
      submissionStatus: r.status as SubmissionStatus,
    }).filter((a): a is 'save-draft' | 'submit' => a === 'save-draft' || a === 'submit'),
  };
}
