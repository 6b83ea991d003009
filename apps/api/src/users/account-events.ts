import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { EventMetadata, EventStore, ExpectedVersion, RecordedEvent } from '@kybaocao/persistence/event-store/event-store';

export const userStream = (userId: string) => `user-${userId}`;

/**
 * The audit trail of accounts: every change (creation, roles and units, disabling, password reset or change,
 * unlocking) is an immutable event in the stream `user-<id>`, appended in the same transaction as the change
 * of the `users` row. The row holds what is current (and the password hash, which an event must never hold).
 */
@Injectable()
export class AccountEvents {
  constructor(private readonly store: EventStore) {}

  /** `expectedVersion` 'any': changes of one account are serialised by its row lock, not by the stream. */
  async record(
    m: EntityManager,
    userId: string,
    event: { type: string; data: object },
    metadata: EventMetadata,
    now: Date,
    expectedVersion: ExpectedVersion = 'any',
  ): Promise<void> {
    await this.store.appendToStream(userStream(userId), [{ ...event, eventId: randomUUID() }], {
      expectedVersion,
      metadata,
      now,
      manager: m,
    });
  }

  history(userId: string): Promise<RecordedEvent[]> {
    return this.store.readStream(userStream(userId));
  }
}
