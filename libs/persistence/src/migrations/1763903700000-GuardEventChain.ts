import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The database guards the chain of events, not only the application:
 * - a BEFORE INSERT trigger refuses an event whose version is not its stream's head + 1 or whose prev_hash is
 *   not the head's hash (a version at or below the head is reported as the unique violation it is, so a
 *   concurrent append still answers as a version conflict);
 * - signed checkpoints (`event_checkpoints`): the worker periodically records the global position, the number of
 *   streams and a SHA-256 digest over every stream's head (stream, version, hash) as of that position, signed
 *   with an HMAC whose key is kept outside the database. Verify recomputes the digest and checks the signature,
 *   so a deleted tail, a deleted stream or a rewritten tail with recomputed hashes below the checkpoint is seen.
 *   Checkpoints are insert-only like events, and each signs its predecessor's signature.
 * - `event_heads_digest(position)` and `event_heads_for_checkpoint()` (SECURITY DEFINER: it takes a SHARE lock
 *   on events, which the application role may not, so that no transaction still in flight can later add an
 *   event below the checkpointed position) compute the digest the same way for writing and for verifying.
 */
export class GuardEventChain1763903700000 implements MigrationInterface {
  name = 'GuardEventChain1763903700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION events_chain_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        head record;
      BEGIN
        SELECT version, hash INTO head FROM events WHERE stream_id = NEW.stream_id ORDER BY version DESC LIMIT 1;
        IF head IS NOT NULL AND NEW.version <= head.version THEN
          RAISE EXCEPTION 'duplicate key value violates unique constraint "events_stream_version_unique"'
            USING ERRCODE = 'unique_violation', CONSTRAINT = 'events_stream_version_unique', TABLE = 'events';
        END IF;
        IF NEW.version <> coalesce(head.version, 0) + 1 THEN
          RAISE EXCEPTION 'event chain: stream % is at version %, an append must be version % (got %)',
            NEW.stream_id, coalesce(head.version, 0), coalesce(head.version, 0) + 1, NEW.version USING ERRCODE = 'check_violation';
        END IF;
        IF NEW.prev_hash IS DISTINCT FROM head.hash THEN
          RAISE EXCEPTION 'event chain: prev_hash of % version % is not the hash of the stream''s head', NEW.stream_id, NEW.version
            USING ERRCODE = 'check_violation';
        END IF;
        IF NEW.hash !~ '^[0-9a-f]{64}$' THEN
          RAISE EXCEPTION 'event chain: hash must be 64 hexadecimal digits' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER events_chain_on_insert BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION events_chain_on_insert()`);

    await q.query(`
      CREATE FUNCTION event_heads_digest(upto bigint) RETURNS TABLE (streams integer, digest text) LANGUAGE sql STABLE AS $$
        SELECT count(*)::int,
               encode(sha256(convert_to(coalesce(string_agg(stream_id || E'\\t' || version || E'\\t' || hash, E'\\n' ORDER BY stream_id COLLATE "C"), ''), 'UTF8')), 'hex')
          FROM (SELECT DISTINCT ON (stream_id) stream_id, version, hash FROM events
                 WHERE global_position <= upto ORDER BY stream_id, version DESC) heads
      $$`);
    await q.query(`
      CREATE FUNCTION event_heads_for_checkpoint() RETURNS TABLE (global_position bigint, streams integer, digest text)
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp SET lock_timeout = '5s' AS $$
      DECLARE
        upto bigint;
      BEGIN
        LOCK TABLE events IN SHARE MODE;
        SELECT coalesce(max(e.global_position), 0) INTO upto FROM events e;
        RETURN QUERY SELECT upto, d.streams, d.digest FROM event_heads_digest(upto) d;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION event_heads_for_checkpoint() FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION event_heads_for_checkpoint() TO kybaocao_app`);
    await q.query(`GRANT EXECUTE ON FUNCTION event_heads_digest(bigint) TO kybaocao_app`);

    await q.query(`
      CREATE TABLE event_checkpoints (
        sequence            integer     PRIMARY KEY CHECK (sequence >= 1),
        global_position     bigint      NOT NULL,
        streams             integer     NOT NULL,
        heads_digest        char(64)    NOT NULL,
        created_at          timestamptz NOT NULL DEFAULT now(),
        key_id              text        NOT NULL,
        previous_signature  char(64),
        signature           char(64)    NOT NULL
      )`);
    await q.query(`CREATE TRIGGER event_checkpoints_no_update_delete BEFORE UPDATE OR DELETE ON event_checkpoints
                   FOR EACH ROW EXECUTE FUNCTION events_are_immutable()`);
    await q.query(`CREATE TRIGGER event_checkpoints_no_truncate BEFORE TRUNCATE ON event_checkpoints
                   FOR EACH STATEMENT EXECUTE FUNCTION events_are_immutable()`);
    await q.query(`REVOKE ALL ON event_checkpoints FROM PUBLIC`);
    await q.query(`GRANT SELECT, INSERT ON event_checkpoints TO kybaocao_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE event_checkpoints`);
    await q.query(`DROP FUNCTION event_heads_for_checkpoint()`);
    await q.query(`DROP FUNCTION event_heads_digest(bigint)`);
    await q.query(`DROP TRIGGER events_chain_on_insert ON events`);
    await q.query(`DROP FUNCTION events_chain_on_insert()`);
  }
}
