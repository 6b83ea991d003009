import { DataSource } from 'typeorm';
import { HolidayCalendar, ReminderPolicy, reminderSchedule } from '@kybaocao/domain/calendar';
import { formatStateDate } from '@kybaocao/domain/format';
import { uiLinks } from '@kybaocao/notifications/ui-links';
import { issueNotifications } from '@kybaocao/notifications/outbox';
import { cycleBoardQueries } from '@kybaocao/persistence/projections/cycle-board/cycle-board.queries';
import { Projector } from '@kybaocao/persistence/projections/projector';

export interface ReminderActivityDeps {
  db: DataSource;
  projector: Projector;
  calendar: HolidayCalendar;
  publicUrl: string;
}

export interface ReminderPlanInput {
  cycleId: string;
  policy: Partial<ReminderPolicy>;
  /** ISO instant: only reminder instants strictly after it. */
  after: string;
  /** At most this many instants (the workflow asks again when it has used them). */
  limit: number;
}

export interface SendDueRemindersInput {
  cycleId: string;
  policy: Partial<ReminderPolicy>;
  /** The reminder instant (ISO) the workflow's timer fired for. */
  dueAt: string;
}

export interface SendDueRemindersResult {
  dueAt: string;
  /** Units reminded by this call (0 on a retry: already issued). */
  unitsReminded: number;
  /** Units pending at that moment that had a reminder point at dueAt. */
  unitsDue: number;
  coordinatorSummary: boolean;
}

const PENDING = ['not_started', 'draft', 'returned'];

const SUBJECT: Record<string, (label: string, deadline: string) => string> = {
  before: (label, deadline) => `[Nhắc hạn] Báo cáo ${label}: hạn nộp ${deadline}`,
  'on-day': (label, deadline) => `[Hôm nay hết hạn] Báo cáo ${label}: hạn nộp ${deadline}`,
  overdue: (label, deadline) => `[Quá hạn] Báo cáo ${label}: đã quá hạn nộp ${deadline}`,
};

/**
 * Reminder activities of the cycle workflow. The workflow holds no per-unit state: it asks for the next
 * distinct reminder instants of the cycle (over all units' effective deadlines), sleeps until each, and asks
 * this side to remind whoever is still pending then. Issuing is idempotent (dedupe key per cycle, unit,
 * deadline and reminder point), so a retried or replayed activity never reminds anyone twice.
 */
export function createReminderActivities(deps: ReminderActivityDeps) {
  const unitDeadlines = async (cycleId: string): Promise<string[]> => {
    await deps.projector.catchUpToNow();
    return cycleBoardQueries.unitDeadlines(deps.db, cycleId);
  };

  return {
    async reminderPlan(input: ReminderPlanInput): Promise<string[]> {
      const after = Date.parse(input.after);
      const instants = new Set<number>();
      for (const deadline of await unitDeadlines(input.cycleId)) {
        for (const p of reminderSchedule(deps.calendar, deadline, input.policy)) {
          if (p.at.getTime() > after) instants.add(p.at.getTime());
        }
      }
      return [...instants]
        .sort((a, b) => a - b)
        .slice(0, input.limit)
        .map((t) => new Date(t).toISOString());
    },

    async sendDueReminders(input: SendDueRemindersInput): Promise<SendDueRemindersResult> {
      await deps.projector.catchUpToNow();
      const dueAt = Date.parse(input.dueAt);
      const cycle = await cycleBoardQueries.coordinationOf(deps.db, input.cycleId);
      if (!cycle) throw new Error(`cycle ${input.cycleId} is not in the read model`);
      const pending = await cycleBoardQueries.unitsWithStatus(deps.db, input.cycleId, PENDING);
      const { expected: total } = await cycleBoardQueries.countsOfCycle(deps.db, input.cycleId);

      const pointsByDeadline = new Map<string, ReturnType<typeof reminderSchedule>>();
      const due: { unitId: string; name: string; deadline: string; key: string; kind: string }[] = [];
      for (const u of pending) {
        if (!pointsByDeadline.has(u.deadline)) pointsByDeadline.set(u.deadline, reminderSchedule(deps.calendar, u.deadline, input.policy));
        const point = pointsByDeadline.get(u.deadline)!.find((p) => p.at.getTime() === dueAt);
        if (point) due.push({ unitId: u.unitId, name: u.name ?? u.unitId, deadline: u.deadline, key: point.key, kind: point.kind });
      }
      const links = uiLinks(deps.publicUrl);
      const link = (unitId?: string) => (unitId ? links.submission(input.cycleId, unitId) : links.board(input.cycleId));
      let unitsReminded = 0;
      if (due.length) {
        const subjects = due.map((d) => SUBJECT[d.kind](cycle.periodLabel, formatStateDate(d.deadline)));
        const bodies = due.map((d) => reminderBody(d.kind, cycle.periodLabel, formatStateDate(d.deadline), link(d.unitId)));
        const inserted = await issueNotifications(
          deps.db,
          due.map((d, i) => ({
            dedupeKey: `${input.cycleId}:unit:${d.unitId}:${d.deadline}:${d.key}`,
            cycleId: input.cycleId,
            recipientType: 'unit' as const,
            recipientId: d.unitId,
            kind: 'reminder',
            reminderKey: d.key,
            deadline: d.deadline,
            dueAt: new Date(dueAt),
            subject: subjects[i],
            body: bodies[i],
            link: link(d.unitId),
          })),
        );
        unitsReminded = inserted.length;
      }
      let coordinatorSummary = false;
      if (due.length) {
        const names = due.map((d) => d.name).join(', ');
        const overdue = due.filter((d) => d.kind === 'overdue').length;
        const inserted = await issueNotifications(deps.db, [
          {
            dedupeKey: `${input.cycleId}:coordinator:${input.dueAt}`,
            cycleId: input.cycleId,
            recipientType: 'user',
            recipientId: cycle.coordinatorId,
            kind: overdue ? 'escalation' : 'reminder-summary',
            dueAt: new Date(dueAt),
            subject: `[Tổng hợp] Báo cáo ${cycle.periodLabel}: còn ${pending.length}/${total} đơn vị chưa nộp`,
            body:
              `Hệ thống vừa nhắc ${due.length} đơn vị${overdue ? ` (${overdue} đơn vị đã quá hạn)` : ''}: ${names}.\n` +
              `Còn ${pending.length}/${total} đơn vị chưa nộp báo cáo. Xem bảng theo dõi: ${link()}`,
            link: link(),
          },
        ]);
        coordinatorSummary = inserted.length === 1;
      }
      return { dueAt: input.dueAt, unitsReminded, unitsDue: due.length, coordinatorSummary };
    },
  };
}

function reminderBody(kind: string, label: string, deadline: string, link: string): string {
  const why =
    kind === 'overdue'
      ? `Đơn vị chưa nộp báo cáo ${label}, đã quá hạn nộp ngày ${deadline}.`
      : kind === 'on-day'
        ? `Hôm nay (${deadline}) là hạn cuối nộp báo cáo ${label}.`
        : `Hạn nộp báo cáo ${label} là ngày ${deadline}.`;
  return `${why}\nĐề nghị đồng chí cập nhật số liệu, nội dung và gửi báo cáo tại: ${link}\n(Thư nhắc tự động, gửi vì đơn vị chưa nộp báo cáo tại thời điểm nhắc.)`;
}

export type ReminderActivities = ReturnType<typeof createReminderActivities>;
