import type { EventMetadata, ExpectedVersion, NewEvent } from '@kybaocao/persistence/event-store/event-store';
import { uuidFromKey } from './event-notifications';
import type { Queryable } from './queryable';

/**
 * Where delivery decisions are recorded as events (libs/persistence's EventStore fits). `manager` is the
 * transaction the deliveries row is updated in, so a decision and the dispatcher's working state commit together.
 */
export interface DeliveryEventLog {
  appendToStream(
    streamId: string,
    events: NewEvent[],
    options: { expectedVersion: ExpectedVersion; metadata: EventMetadata; now: Date; manager?: Queryable },
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
 * Appends one decision about attempt `deliveryId` to the notification's stream, in the caller's transaction. The
 * event id is derived from the attempt and the kind of decision: an attempt has one outcome, and a repeated append
 * stores nothing twice.
 */
export async function recordDeliveryEvent(
  log: DeliveryEventLog,
  tx: Queryable,
  deliveryId: string,
  event: DeliveryEvent,
  at: Date,
): Promise<void> {
  const { notificationId, userId } = event.data;
  await log.appendToStream(
    notificationStream(notificationId),
    [{ type: event.type, data: event.data, eventId: uuidFromKey(`notification-delivery:${deliveryId}:${SUFFIX[event.type]}`) }],
    {
      expectedVersion: 'any',
      metadata: { actor: { userId: 'system:notifications', role: 'system' }, correlationId: notificationId, userId },
      now: at,
      manager: tx,
    },
  );
}
