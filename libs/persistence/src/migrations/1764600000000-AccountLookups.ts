import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts found without reading every account (issue #16: a national deployment holds one reporter's account per
 * unit, 20,000 and more):
 * - `users_id_text`: the key as text, for the statements that name an event's actor (the audit trail, who approved a
 *   figure's source): an actor's id is text in the event's metadata, which the primary key cannot serve;
 * - `users_office`: the accounts of an office (reporters have none, so it holds the office staff alone), for the
 *   reviewers the worker tells of each submission.
 */
export class AccountLookups1764600000000 implements MigrationInterface {
  name = 'AccountLookups1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX users_id_text ON users ((id::text))`);
    await q.query(`CREATE INDEX users_office ON users (office_unit_id) WHERE office_unit_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX users_office`);
    await q.query(`DROP INDEX users_id_text`);
  }
}
