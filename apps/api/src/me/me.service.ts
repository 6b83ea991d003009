import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@kybaocao/config/config';
import { createEventNotifier } from '@kybaocao/notifications/event-notifications';
import { notificationQueries } from '@kybaocao/notifications/notification.queries';
import { formatDigestTime, parseDigestTime, userPreferences } from '@kybaocao/notifications/user-preferences';
import { EventStore } from '@kybaocao/persistence/event-store/event-store';
import { Projector } from '@kybaocao/persistence/projections/projector';
import { InboxDto, InboxQueryDto, PreferencesDto, ReadMarkDto, UpdatePreferencesDto } from './me.dto';

/**
 * The event-driven notifications' projector (worker-run; see apps/worker main). The API runs a pass before it
 * reads an inbox, so a unit sees a return the moment it was recorded (read-your-writes); the projector's
 * advisory lock and checkpoint keep that exactly-once alongside the worker.
 */
@Injectable()
export class EventNotifier {
  readonly projector: Projector;
  constructor(db: DataSource, store: EventStore, config: AppConfig) {
    this.projector = createEventNotifier({ db, store, publicUrl: config.api.publicUrl });
  }
}

const iso = (v: Date | string | null): string | null => (v === null || v === undefined ? null : new Date(v).toISOString());

/** The signed-in user's inbox and notification preferences. */
@Injectable()
export class MeService {
  constructor(
    private readonly db: DataSource,
    private readonly notifier: EventNotifier,
  ) {}

  async inbox(userId: string, query: InboxQueryDto): Promise<InboxDto> {
    await this.notifier.projector.catchUpToNow();
    const items = await notificationQueries.inboxOf(this.db, userId, {
      limit: query.limit ?? 50,
      ...(query.before ? { before: new Date(query.before) } : {}),
    });
    const reads = await notificationQueries.readMarksOf(
      this.db,
      userId,
      items.map((i) => i.id),
    );
    return {
      unreadCount: await notificationQueries.unreadCountOf(this.db, userId),
      items: items.map((i) => ({
        id: i.id,
        kind: i.kind,
        cycleId: i.cycleId,
        subject: i.subject,
        body: i.body,
        link: i.link,
        dueAt: iso(i.dueAt)!,
        addressedTo: i.addressedTo,
        unitId: i.unitId,
        unitName: i.unitName,
        readAt: iso(reads.get(i.id) ?? null),
      })),
    };
  }

  async markRead(userId: string, notificationId: string, now = new Date()): Promise<ReadMarkDto> {
    const readAt = await notificationQueries.markRead(this.db, userId, notificationId, now);
    if (!readAt) {
      throw new NotFoundException({
        statusCode: 404,
        error: 'NOTIFICATION_NOT_FOUND',
        message: `notification ${notificationId} is not in your inbox`,
        messageVi: 'Không tìm thấy thông báo trong hộp thư của bạn.',
      });
    }
    return { notificationId, readAt: iso(readAt)!, unreadCount: await notificationQueries.unreadCountOf(this.db, userId) };
  }

  async preferences(userId: string): Promise<PreferencesDto> {
    const p = await userPreferences.of(this.db, userId);
    return { emailEnabled: p.emailEnabled, digestTime: formatDigestTime(p) };
  }

  async updatePreferences(userId: string, dto: UpdatePreferencesDto, now = new Date()): Promise<PreferencesDto> {
    const p = await userPreferences.update(this.db, userId, { emailEnabled: dto.emailEnabled, ...parseDigestTime(dto.digestTime) }, now);
    return { emailEnabled: p.emailEnabled, digestTime: formatDigestTime(p) };
  }
}
