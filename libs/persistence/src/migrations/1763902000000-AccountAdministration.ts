import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Account administration: an account can be disabled (it cannot log in; its sessions were revoked), can be
 * made to change its password at the next login, and carries a version (the ETag of GET /users/{id}) that
 * every recorded change increments. What changed, and who changed it, is an event in the stream `user-<id>`.
 */
export class AccountAdministration1763902000000 implements MigrationInterface {
  name = 'AccountAdministration1763902000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE users
        ADD COLUMN disabled_at          timestamptz,
        ADD COLUMN must_change_password boolean NOT NULL DEFAULT false,
        ADD COLUMN version              integer NOT NULL DEFAULT 1 CHECK (version >= 1)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP COLUMN version, DROP COLUMN must_change_password, DROP COLUMN disabled_at`);
  }
}
