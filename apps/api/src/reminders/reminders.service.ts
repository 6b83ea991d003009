import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { isoDateInVietnam } from '@kybaocao/domain/calendar';
import { formatStateDate } from '@kybaocao/domain/format';
import { AppConfig } from '@kybaocao/config/config';
import { uiLinks } from '@kybaocao/notifications/ui-links';
import { issueNotifications } from '@kybaocao/notifications/outbox';
import { cycleBoardQueries } from '@kybaocao/persistence/projections/cycle-board/cycle-board.queries';
import { EventStore } from '@kybaocao/persistence/event-store/event-store';
import { Projector } from '@kybaocao/persistence/projections/projector';
import { Actor, metadataOf } from '../common/actor';
import { RemindersResultDto } from './reminders.dto';

const PENDING = ['not_started', 'draft', 'returned'];
/** Phases in which units can still submit (reminding makes sense). */
const REMIND_PHASES = ['collecting', 'reviewing'];

/** The stream of the hand-made reminders of a cycle (one event per request that reminded someone). */
export const remindersStream = (cycleId: string) => `reminders-${cycleId}`;

/**
 * "Nhắc ngay": the cycle's coordinator reminds every unit still pending. At most one such reminder per unit
 * per Vietnam calendar day: the notification's dedupe key names the day, so a double click (or two
 * coordinators' tabs) inserts nothing the second time. Each request that reminded someone is an event
 * (RemindersSentByHand) on the cycle's reminders stream, in the same transaction as the notifications.
 */
@Injectable()
export class RemindersService {
  constructor(
    private readonly db: DataSource,
    private readonly store: EventStore,
    private readonly projector: Projector,
    private readonly config: AppConfig,
  ) {}

  async remindPending(cycleId: string, actor: Actor, now = new Date()): Promise<RemindersResultDto> {
    await this.projector.catchUpToNow();
    const cycle = await cycleBoardQueries.coordinationOf(this.db.manager, cycleId);
    if (!cycle) {
      throw new NotFoundException({
        statusCode: 404,
        error: 'CYCLE_NOT_FOUND',
        message: `cycle ${cycleId} does not exist`,
        messageVi: 'Không tìm thấy kỳ báo cáo.',
      });
    }
    if (cycle.coordinatorId !== actor.userId) {
      throw new ForbiddenException({
        statusCode: 403,
        error: 'FORBIDDEN',
        message: 'only the coordinator of the cycle reminds its units',
        messageVi: 'Chỉ người điều phối kỳ báo cáo mới được nhắc các đơn vị.',
      });
    }
    if (!REMIND_PHASES.includes(cycle.status)) {
      throw new ConflictException({
        statusCode: 409,
        error: 'CYCLE_WRONG_PHASE',
        message: `units are reminded while collecting or reviewing; the cycle is ${cycle.status}`,
        messageVi: 'Chỉ nhắc được khi kỳ báo cáo đang nhận hoặc đang thẩm định báo cáo.',
        status: cycle.status,
        allowed: REMIND_PHASES,
      });
    }
    const pending = await cycleBoardQueries.unitsWithStatus(this.db.manager, cycleId, PENDING);
    const day = isoDateInVietnam(now);
    if (pending.length === 0)
      return {
        day,
        remindedNow: 0,
        alreadyToday: 0,
        pending: 0,
        reminded: [],
        messageVi: 'Tất cả các đơn vị đã nộp báo cáo; không có đơn vị nào cần nhắc.',
      };

    const links = uiLinks(this.config.api.publicUrl);
    const today = formatStateDate(day);
    const rows = pending.map((u) => {
      const deadline = formatStateDate(u.deadline);
      const late = u.deadline < day;
      return {
        unitId: u.unitId,
        name: u.name ?? u.unitId,
        deadline: u.deadline,
        link: links.submission(cycleId, u.unitId),
        subject: late
          ? `[Nhắc nộp] Báo cáo ${cycle.periodLabel}: đã quá hạn nộp ${deadline}`
          : `[Nhắc nộp] Báo cáo ${cycle.periodLabel}: hạn nộp ${deadline}`,
        body:
          `Ban Dân vận nhắc: đơn vị chưa nộp báo cáo ${cycle.periodLabel} (hạn nộp ${deadline}${late ? ', đã quá hạn' : ''}). ` +
          `Đề nghị đơn vị hoàn thành và nộp báo cáo sớm. Lời nhắc ngày ${today}.\nMở báo cáo của đơn vị: ${links.submission(cycleId, u.unitId)}`,
      };
    });
    const reminded = await this.db.transaction(async (m) => {
      const inserted = await issueNotifications(
        m,
        rows.map((r) => ({
          dedupeKey: `${cycleId}:manual:${r.unitId}:${day}`,
          cycleId,
          recipientType: 'unit' as const,
          recipientId: r.unitId,
          kind: 'reminder',
          reminderKey: 'manual',
          deadline: r.deadline,
          dueAt: now,
          subject: r.subject,
          body: r.body,
          link: r.link,
        })),
      );
      const ids = new Set(inserted.map((r) => r.recipientId));
      const sent = rows.filter((r) => ids.has(r.unitId));
      if (sent.length > 0) {
        await this.store.appendToStream(
          remindersStream(cycleId),
          [
            {
              type: 'RemindersSentByHand',
              eventId: randomUUID(),
              data: { cycleId, day, unitIds: sent.map((r) => r.unitId), alreadyToday: rows.length - sent.length },
            },
          ],
          { expectedVersion: 'any', metadata: metadataOf(actor), now, manager: m },
        );
      }
      return sent;
    });
    const alreadyToday = rows.length - reminded.length;
    const messageVi =
      reminded.length > 0
        ? `Đã nhắc ${reminded.length} đơn vị chưa nộp báo cáo${alreadyToday > 0 ? `; ${alreadyToday} đơn vị đã được nhắc trong hôm nay nên không nhắc lại` : ''}.`
        : `Các đơn vị chưa nộp (${alreadyToday}) đã được nhắc trong hôm nay; không gửi lại.`;
    return {
      day,
      remindedNow: reminded.length,
      alreadyToday,
      pending: rows.length,
      reminded: reminded.map((r) => ({ unitId: r.unitId, unitName: r.name })),
      messageVi,
    };
  }
}
