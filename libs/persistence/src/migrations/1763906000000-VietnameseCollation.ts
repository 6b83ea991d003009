import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ICU Vietnamese collation the paged board sorts names by in SQL (a ă â b c d đ e ê …, tones after the base
 * letter: the order of `vietnameseNameOrder` in the domain). Named, so no query depends on which ICU locales
 * initdb happened to import.
 */
export class VietnameseCollation1763906000000 implements MigrationInterface {
  name = 'VietnameseCollation1763906000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE COLLATION IF NOT EXISTS vi_names (provider = icu, locale = 'vi')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP COLLATION IF EXISTS vi_names`);
  }
}
