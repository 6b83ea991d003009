import { MigrationInterface, QueryRunner } from 'typeorm';

/** Read model of the organisation registry, rebuilt from orgunit-* streams by the org-units projection. */
export class CreateOrgUnitsReadModel1763900100000 implements MigrationInterface {
  name = 'CreateOrgUnitsReadModel1763900100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE org_units (
        id              text PRIMARY KEY,
        parent_id       text,
        level           text NOT NULL,
        kind            text NOT NULL,
        canonical_name  text NOT NULL,
        short_name      text,
        aliases         text[] NOT NULL DEFAULT '{}',
        active_from     date NOT NULL,
        active_to       date,
        version         integer NOT NULL
      )`);
    await q.query(`CREATE INDEX org_units_parent ON org_units (parent_id)`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON org_units TO kybaocao_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE org_units`);
  }
}
