import type { EventMetadata, NewEvent } from '@kybaocao/persistence/event-store/event-store';
import { uuidFromKey } from './event-notifications';
import type { Queryable } from './queryable';

/**
 * Where delivery decisions are recorded as events (libs/persistence's EventStore fits). `manager` is the
 * transaction the deliveries rows are updated in, so decisions and the dispatcher's working state commit together.
 * `appendEach` appends one event to each of many streams in a fixed number of statements (a batch of outcomes).
 */
export interface DeliveryEventLog {
  appendEach(
    items: readonly { streamId: string; event: NewEvent; metadata: EventMetadata; now: Date }[],
    options: { manager?: Queryable },
  ): Promise<unknown>;
}

/** Stream of a notification's delivery events. */
export const notificationStream = (notificationId: string) => `notification-${notificationId}`;

/** The server accepted attempt `attempt` (final). */
export interface NotificationDeliveredData {
  notificationId: string;
  userId: string;
  email: string;
  attempt: number;
  messageId: string;
  deliveredAt: string;
}

/** The server refused attempt `attempt`, or could not be reached; final when `nextAttemptAt` is null. */
export interface NotificationDeliveryFailedData {
  notificationId: string;
  userId: string;
  email: string;
  attempt: number;
  error: string;
  failedAt: string;
  /** When it is tried again; null: given up. */
  nextAttemptAt: string | null;
}

/**
 * Attempt `attempt` was claimed but its dispatcher died before recording an outcome: whether the server got the
 * message is unknown. `resolution` says what was decided: 'resend' (the next attempt carries the same Message-ID,
 * at `nextAttemptAt`), or 'given-up' (the attempts are used up; final, shown as a failed delivery).
 */
export interface NotificationDeliveryUncertainData {
  notificationId: string;
  userId: string;
  email: string;
  attempt: number;
  messageId: string;
  claimedAt: string;
  leaseExpiredAt: string;
  resolvedAt: string;
  resolution: 'resend' | 'given-up';
  nextAttemptAt: string | null;
}

export type DeliveryEvent =
  | { type: 'NotificationDelivered'; data: NotificationDeliveredData }
  | { type: 'NotificationDeliveryFailed'; data: NotificationDeliveryFailedData }
  | { type: 'NotificationDeliveryUncertain'; data: NotificationDeliveryUncertainData };

const SUFFIX: Record<DeliveryEvent['type'], string> = {
  NotificationDelivered: 'sent',
  NotificationDeliveryFailed: 'failed',
  NotificationDeliveryUncertain: 'uncertain',
};

/**
 * Appends the decisions about attempts (each to its notification's stream), in the caller's transaction and in a
 * fixed number of statements however many there are. Each event id is derived from the attempt and the kind of
 * decision: an attempt has one outcome, and a repeated append stores nothing twice.
 */
export async function recordDeliveryEvents(
  log: DeliveryEventLog,
  tx: Queryable,
  decisions: readonly { deliveryId: string; event: DeliveryEvent; at: Date }[],
): Promise<void> {
  if (decisions.length === 0) return;
  await log.appendEach(
    decisions.map(({ deliveryId, event, at }) => ({
      streamId: notificationStream(event.data.notificationId),
      event: { type: event.type, data: event.data, eventId: uuidFromKey(`notification-delivery:${deliveryId}:${SUFFIX[event.type]}`) },
      metadata: {
        actor: { userId: 'system:notifications', role: 'system' },
        correlationId: event.data.notificationId,
        userId: event.data.userId,
      },
      now: at,
    })),
    { manager: tx },
  );
}
