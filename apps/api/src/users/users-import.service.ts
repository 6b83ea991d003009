import { Injectable } from '@nestjs/common';
import { analyzeAfterBulkLoad, BULK_LOAD_ROWS } from '@kybaocao/persistence/bulk-load-statistics';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { PasswordHasher } from './password-hasher';
import { EventStore } from '@kybaocao/persistence/event-store/event-store';
import { Actor, metadataOf } from '../common/actor';
import { userStream } from './account-events';
import { AccountImportError, checkAgainstRegistry, readAccountFile } from './users-import';

export interface AccountImportResult {
  rows: number;
  created: number;
}

/**
 * Creates every account of a CSV or XLSX file at once, or none: each row checked as POST /users would, the
 * file checked as a whole (usernames unique and free, units and offices registered), then every `users` row
 * inserted in one statement and every UserCreated event appended in one INSERT, in one transaction.
 * Imported accounts must change their temporary password at first login. A temporary password shared by many
 * rows is hashed once (argon2 costs tens of milliseconds: 20,000 hashes would take minutes).
 */
@Injectable()
export class UsersImportService {
  constructor(
    private readonly db: DataSource,
    private readonly store: EventStore,
    private readonly hasher: PasswordHasher,
  ) {}

  async importAccounts(body: Buffer, contentType: string, actor: Actor): Promise<AccountImportResult> {
    const planned = await readAccountFile(body, contentType);
    const usernames = planned.map((p) => p.dto.username);
    const taken: { username: string }[] = await this.db.query(`SELECT username FROM users WHERE username = ANY ($1::text[])`, [usernames]);
    const unitIds = [...new Set(planned.flatMap((p) => [...(p.dto.unitIds ?? []), ...(p.dto.officeUnitId ? [p.dto.officeUnitId] : [])]))];
    // Registered = its stream has begun (the log itself, indexed by stream): no wait for the registry's read model,
    // which may still be projecting the file imported a moment ago.
    const registered: { id: string }[] = await this.db.query(
      `SELECT substr(stream_id, 9) AS id FROM events WHERE stream_id = ANY ($1::text[]) AND version = 1`,
      [unitIds.map((id) => `orgunit-${id}`)],
    );
    checkAgainstRegistry(planned, new Set(taken.map((t) => t.username)), new Set(registered.map((r) => r.id)));

    const hashes = new Map<string, string>();
    for (const password of new Set(planned.map((p) => p.dto.password))) hashes.set(password, await this.hasher.hash(password));
    const now = new Date();
    const accounts = planned.map(({ dto }) => ({
      id: randomUUID(),
      username: dto.username,
      displayName: dto.displayName,
      email: dto.email ?? null,
      passwordHash: hashes.get(dto.password)!,
      roles: [...new Set(dto.roles)],
      unitIds: [...new Set(dto.unitIds ?? [])],
      officeUnitId: dto.officeUnitId ?? null,
    }));
    await this.db.transaction(async (m) => {
      const inserted: unknown[] = await m.query(
        `INSERT INTO users (id, username, display_name, email, password_hash, roles, unit_ids, office_unit_id, password_changed_at, created_at, created_by, must_change_password)
         SELECT id, u, n, e, h, ARRAY(SELECT jsonb_array_elements_text(r::jsonb)), ARRAY(SELECT jsonb_array_elements_text(x::jsonb)), o, $9, $9, $10, true
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[]) AS t(id, u, n, e, h, r, x, o)
         ON CONFLICT (username) DO NOTHING RETURNING id`,
        [
          accounts.map((a) => a.id),
          accounts.map((a) => a.username),
          accounts.map((a) => a.displayName),
          accounts.map((a) => a.email),
          accounts.map((a) => a.passwordHash),
          accounts.map((a) => JSON.stringify(a.roles)),
          accounts.map((a) => JSON.stringify(a.unitIds)),
          accounts.map((a) => a.officeUnitId),
          now,
          actor.userId,
        ],
      );
      if (inserted.length !== accounts.length) {
        // Another request created one of these usernames meanwhile: nothing of this file is kept.
        throw new AccountImportError([
          {
            row: 1,
            column: 'username',
            message: 'a username of the file was taken meanwhile',
            messageVi: 'Một tên đăng nhập trong tệp vừa được tạo bởi người khác; hãy nhập lại.',
          },
        ]);
      }
      // A national import (an account per unit): the statements on accounts plan for the table's new size at once.
      if (accounts.length >= BULK_LOAD_ROWS) await analyzeAfterBulkLoad(m, ['users']);
      await this.store.startStreams(
        accounts.map((a) => ({
          streamId: userStream(a.id),
          event: {
            eventId: randomUUID(),
            type: 'UserCreated',
            data: {
              userId: a.id,
              username: a.username,
              displayName: a.displayName,
              emailSet: a.email !== null,
              roles: a.roles,
              unitIds: a.unitIds,
              officeUnitId: a.officeUnitId,
              version: 1,
            },
          },
        })),
        { metadata: metadataOf(actor), now, manager: m },
      );
    });
    return { rows: planned.length, created: accounts.length };
  }
}
