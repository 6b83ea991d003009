import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The event store: one append-only table. Immutability is enforced by the database itself:
 * a trigger rejects UPDATE, DELETE and TRUNCATE for everyone, and the application role
 * (kybaocao_app, which the services SET ROLE to on every connection) holds only SELECT and INSERT.
 * transaction_id lets readers of the global log wait for slow transactions instead of skipping them.
 */
export class CreateEventStore1763900000000 implements MigrationInterface {
  name = 'CreateEventStore1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'kybaocao_app') THEN
          CREATE ROLE kybaocao_app NOLOGIN;
        END IF;
      END $$`);
    await q.query(`GRANT kybaocao_app TO CURRENT_USER`).catch(() => undefined); // superusers need no grant
    await q.query(`
      CREATE TABLE events (
        global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        stream_id       text        NOT NULL,
        stream_type     text        NOT NULL,
        version         integer     NOT NULL CHECK (version >= 1),
        event_id        uuid        NOT NULL UNIQUE,
        event_type      text        NOT NULL,
        data            jsonb       NOT NULL,
        metadata        jsonb       NOT NULL,
        recorded_at     timestamptz NOT NULL,
        transaction_id  xid8        NOT NULL DEFAULT pg_current_xact_id(),
        hash            char(64)    NOT NULL,
        prev_hash       char(64),
        CONSTRAINT events_stream_version_unique UNIQUE (stream_id, version)
      )`);
    await q.query(`CREATE INDEX events_tx_position ON events (transaction_id, global_position)`);
    await q.query(`CREATE INDEX events_stream_type ON events (stream_type, stream_id, version)`);
    await q.query(`CREATE INDEX events_recorded_at ON events (recorded_at)`);
    await q.query(`
      CREATE FUNCTION events_are_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'events are immutable: % is not allowed on the event store; append a correcting event', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER events_no_update_delete BEFORE UPDATE OR DELETE ON events
                   FOR EACH ROW EXECUTE FUNCTION events_are_immutable()`);
    await q.query(`CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
                   FOR EACH STATEMENT EXECUTE FUNCTION events_are_immutable()`);
    await q.query(`REVOKE ALL ON events FROM PUBLIC`);
    await q.query(`GRANT SELECT, INSERT ON events TO kybaocao_app`);
    await q.query(`GRANT USAGE ON SCHEMA public TO kybaocao_app`);

    // Projection checkpoints: (transaction_id, global_position) of the last event each projection applied.
    await q.query(`
      CREATE TABLE projection_checkpoints (
        projection      text PRIMARY KEY,
        transaction_id  xid8   NOT NULL,
        global_position bigint NOT NULL,
        updated_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON projection_checkpoints TO kybaocao_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE projection_checkpoints`);
    await q.query(`DROP TABLE events`);
    await q.query(`DROP FUNCTION events_are_immutable()`);
  }
}
