import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the paged lists need (issue #16):
 * - the ICU Vietnamese collation the paged board sorts names by in SQL (a ă â b c d đ e ê …, tones after the
 *   base letter: the order of `vietnameseNameOrder` in the domain), named so no query depends on which ICU
 *   locales initdb happened to import;
 * - keyset indexes for GET /org-units (whole registry, or under a parent) and GET /cycles.
 */
export class PagedListings1763906000000 implements MigrationInterface {
  name = 'PagedListings1763906000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE COLLATION IF NOT EXISTS vi_names (provider = icu, locale = 'vi')`);
    await q.query(`CREATE INDEX org_units_listing ON org_units (level, canonical_name, id)`);
    await q.query(`CREATE INDEX org_units_children ON org_units (parent_id, level, canonical_name, id)`);
    await q.query(`CREATE INDEX cycles_newest ON cycles (opened_at DESC, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX cycles_newest`);
    await q.query(`DROP INDEX org_units_children`);
    await q.query(`DROP INDEX org_units_listing`);
    await q.query(`DROP COLLATION IF EXISTS vi_names`);
  }
}
