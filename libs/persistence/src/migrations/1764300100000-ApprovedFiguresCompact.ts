import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each submitted version's figures also as numbers (issue #16, the national draft): generated columns of
 * submission_versions, computed by PostgreSQL from the `figures` jsonb itself, so they can never disagree with it, the
 * projector writes nothing new, and adding them fills every row already there. The draft reads these instead of the
 * jsonb: PostgreSQL no longer turns 24.6 MB of jsonb into text per national draft, and Node no longer parses it into
 * 800,000 objects (libs/domain/src/templates/figure-row.ts reads them back).
 *
 * A figure is 'n' ({value: number[, qualifier: string]}, in jsonb's field order), 'r' ({numerator: number,
 * denominator: number[, qualifier: string]}) or 'o' (anything else: a table, a number as text, another field …).
 * - `figures_layout`: the kinds of the figures in jsonb's key order, '|', then their codes as a JSON array (most units
 *   of a cycle share one: a reader decodes each layout once). NULL when `figures` is not an object, or has a key that
 *   JavaScript would enumerate before the others (an array-index-like code) or that is not an ordinary property
 *   ('__proto__'): such rows are read as jsonb.
 * - `figures_numbers`: the numbers of the 'n' and 'r' figures in that order (one, or numerator and denominator), as
 *   jsonb writes them, comma-separated: JSON.parse gives exactly the doubles it gives for the jsonb's text.
 * - `figures_qualifiers`: [[position, qualifier], …] of the 'n' and 'r' figures that have one (JSON); NULL if none.
 * - `figures_other`: the 'o' figures as an object by code (jsonb); NULL if none.
 */
export class ApprovedFiguresCompact1764300100000 implements MigrationInterface {
  name = 'ApprovedFiguresCompact1764300100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION figure_kind(v jsonb) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE
          WHEN jsonb_typeof(v) <> 'object' THEN 'o'
          WHEN v ? 'qualifier' AND jsonb_typeof(v -> 'qualifier') <> 'string' THEN 'o'
          WHEN jsonb_typeof(v -> 'value') = 'number' AND (v - 'value' - 'qualifier') = '{}'::jsonb THEN 'n'
          WHEN jsonb_typeof(v -> 'numerator') = 'number' AND jsonb_typeof(v -> 'denominator') = 'number'
               AND (v - 'numerator' - 'denominator' - 'qualifier') = '{}'::jsonb THEN 'r'
          ELSE 'o'
        END
      $$`);
    // PL/pgSQL, not SQL: a session plans each of their statements once, where SQL functions are planned again for
    // every INSERT (the projector writes a version per statement: as SQL functions the columns cost ~0.75 ms of
    // PostgreSQL per version, as these ~0.3 ms, measured over 500 single-row INSERTs). figure_kind stays SQL: it is
    // inlined into their statements.
    await q.query(`
      CREATE FUNCTION figures_layout(f jsonb) RETURNS text LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
      BEGIN
        IF jsonb_typeof(f) <> 'object' THEN RETURN NULL; END IF;
        IF EXISTS (SELECT 1 FROM jsonb_object_keys(f) AS k(key) WHERE key ~ '^[0-9]+$' OR key = '__proto__') THEN RETURN NULL; END IF;
        RETURN (SELECT coalesce(string_agg(figure_kind(value), '' ORDER BY ord), '') || '|' || coalesce(json_agg(key ORDER BY ord)::text, '[]')
                  FROM jsonb_each(f) WITH ORDINALITY AS e(key, value, ord));
      END $$`);
    await q.query(`
      CREATE FUNCTION figures_numbers(f jsonb) RETURNS text LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
      BEGIN
        IF jsonb_typeof(f) <> 'object' THEN RETURN NULL; END IF;
        RETURN (SELECT coalesce(string_agg(CASE figure_kind(value)
                                             WHEN 'n' THEN (value -> 'value')::text
                                             WHEN 'r' THEN (value -> 'numerator')::text || ',' || (value -> 'denominator')::text
                                           END, ',' ORDER BY ord), '')
                  FROM jsonb_each(f) WITH ORDINALITY AS e(key, value, ord));
      END $$`);
    await q.query(`
      CREATE FUNCTION figures_qualifiers(f jsonb) RETURNS text LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
      BEGIN
        IF jsonb_typeof(f) <> 'object' THEN RETURN NULL; END IF;
        RETURN (SELECT (json_agg(json_build_array(ord - 1, value ->> 'qualifier') ORDER BY ord)
                          FILTER (WHERE figure_kind(value) <> 'o' AND value ? 'qualifier'))::text
                  FROM jsonb_each(f) WITH ORDINALITY AS e(key, value, ord));
      END $$`);
    await q.query(`
      CREATE FUNCTION figures_other(f jsonb) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
      BEGIN
        IF jsonb_typeof(f) <> 'object' THEN RETURN NULL; END IF;
        RETURN (SELECT jsonb_object_agg(key, value) FILTER (WHERE figure_kind(value) = 'o') FROM jsonb_each(f) AS e(key, value));
      END $$`);
    await q.query(`
      ALTER TABLE submission_versions
        ADD COLUMN figures_layout text GENERATED ALWAYS AS (figures_layout(figures)) STORED,
        ADD COLUMN figures_numbers text GENERATED ALWAYS AS (figures_numbers(figures)) STORED,
        ADD COLUMN figures_qualifiers text GENERATED ALWAYS AS (figures_qualifiers(figures)) STORED,
        ADD COLUMN figures_other jsonb GENERATED ALWAYS AS (figures_other(figures)) STORED`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE submission_versions
        DROP COLUMN figures_layout, DROP COLUMN figures_numbers, DROP COLUMN figures_qualifiers, DROP COLUMN figures_other`);
    await q.query(
      `DROP FUNCTION figures_other(jsonb), figures_qualifiers(jsonb), figures_numbers(jsonb), figures_layout(jsonb), figure_kind(jsonb)`,
    );
  }
}
