import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';
import { Client, Pool } from 'pg';
const { prepareValue } = require('pg/lib/utils') as { prepareValue: (v: unknown) => unknown };

/** One SQL statement a request ran, with what it read back. */
export interface SqlStatement {
  text: string;
  params: unknown[];
  rows: number;
  bytes: number;
  /** Rows its plan visited (reads only; see SqlTally.scanned). */
  scanned?: number;
  /** Sent as a named prepared statement (prepared-query.ts): replayed with its generic plan, the one PostgreSQL may keep. */
  prepared?: boolean;
  /** Its replay's planning and execution time (ms): for reading only (SQL_TALLY_PRINT), never asserted. */
  planningMs?: number;
  executionMs?: number;
}

/** What one request cost the database, counted without timing. */
export class SqlTally {
  readonly statements: SqlStatement[] = [];
  /** Rows the statements returned to the API. */
  rows = 0;
  /** Those rows as JSON, in bytes. */
  bytes = 0;
  /** Rows PostgreSQL's plans visited to answer the reads (EXPLAIN ANALYZE of each SELECT, replayed after the request). */
  scanned = 0;
  /**
   * Round trips in sequence: a statement sent while none of the request's others is in flight starts a new one;
   * statements sent together (Promise.all) share one. What a request waits for the database, counted without timing.
   */
  roundTrips = 0;
  /** Statements sent and not yet answered. */
  inFlight = 0;

  summary() {
    return { statements: this.statements.length, roundTrips: this.roundTrips, rows: this.rows, bytes: this.bytes, scanned: this.scanned };
  }
}

const HEADER = 'x-count-sql';
const storage = new AsyncLocalStorage<SqlTally>();
let patched = false;
const CHECKED_OUT = Symbol('sql-tally checked out');

/** Every query a pg Client runs inside a counted request is recorded in that request's tally (AsyncLocalStorage). */
function patchPg(): void {
  if (patched) return;
  patched = true;
  // A connection checked out of the pool for a statement starts that statement's round trip (or joins the one in
  // flight): statements sent together count as one round trip even when one of them waits for a new connection.
  const originalConnect = Pool.prototype.connect as (...args: unknown[]) => unknown;
  Pool.prototype.connect = function (this: Pool, ...args: unknown[]) {
    const tally = storage.getStore();
    if (!tally) return originalConnect.apply(this, args);
    if (tally.inFlight++ === 0) tally.roundTrips++;
    const checkedOut = (client: Client) => void ((client as unknown as Record<symbol, SqlTally>)[CHECKED_OUT] = tally);
    const [callback] = args as [((err: Error | undefined, client: Client, release: unknown) => void) | undefined];
    if (typeof callback === 'function') {
      return originalConnect.call(this, (err: Error | undefined, client: Client, release: unknown) => {
        if (err) tally.inFlight--;
        else checkedOut(client);
        callback(err, client, release);
      });
    }
    return (originalConnect.apply(this, args) as Promise<Client>).then(
      (client) => {
        checkedOut(client);
        return client;
      },
      (err: unknown) => {
        tally.inFlight--;
        throw err;
      },
    );
  } as typeof Pool.prototype.connect;
  const original = Client.prototype.query as (...args: unknown[]) => unknown;
  Client.prototype.query = function (this: Client, ...args: unknown[]) {
    const tally = storage.getStore();
    const holder = this as unknown as Record<symbol, SqlTally | undefined>;
    // The first statement on a connection checked out within this tally already holds its round trip.
    const counted = holder[CHECKED_OUT] === tally && tally !== undefined;
    if (holder[CHECKED_OUT]) delete holder[CHECKED_OUT];
    const result = original.apply(this, args);
    if (tally && result && typeof (result as Promise<unknown>).then === 'function') {
      const [config, values] = args as [string | { text: string; values?: unknown[]; name?: string }, unknown[] | undefined];
      const statement: SqlStatement = {
        ...(typeof config !== 'string' && config.name ? { prepared: true } : {}),
        text: typeof config === 'string' ? config : config.text,
        params: Array.isArray(values) ? values : typeof config === 'string' ? [] : (config.values ?? []),
        rows: 0,
        bytes: 0,
      };
      tally.statements.push(statement);
      if (!counted && tally.inFlight++ === 0) tally.roundTrips++;
      (result as Promise<{ rows?: unknown[] }>).then(
        (r) => {
          tally.inFlight--;
          const rows = r?.rows ?? [];
          statement.rows = rows.length;
          statement.bytes = Buffer.byteLength(JSON.stringify(rows));
          tally.rows += statement.rows;
          tally.bytes += statement.bytes;
        },
        () => void tally.inFlight--,
      );
    }
    return result;
  } as typeof Client.prototype.query;
}

/** Rows a plan's nodes produced or filtered away (per loop × loops), over the whole tree. */
export function visited(node: Record<string, any>): number {
  const loops = Number(node['Actual Loops'] ?? 1);
  const own =
    (Number(node['Actual Rows'] ?? 0) + Number(node['Rows Removed by Filter'] ?? 0) + Number(node['Rows Removed by Join Filter'] ?? 0)) *
      loops +
    Number(node['Rows Removed by Index Recheck'] ?? 0);
  return own + ((node.Plans as Record<string, any>[] | undefined) ?? []).reduce((sum, child) => sum + visited(child), 0);
}

/**
 * Rows the plan of `text` reads from `relation` (its scans of it, produced or filtered away), by EXPLAIN ANALYZE on `db`:
 * whether a statement finds its rows by an index or reads the whole table, counted without timing.
 */
export async function rowsReadFrom(
  db: { query(text: string, params?: unknown[]): Promise<any> },
  [text, params]: readonly [string, readonly unknown[]],
  relation: string,
): Promise<number> {
  const [{ 'QUERY PLAN': plans }] = await db.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${text}`, [...params]);
  const of = (node: Record<string, any>): number =>
    (node['Relation Name'] === relation ? visited({ ...node, Plans: [] }) : 0) +
    ((node.Plans as Record<string, any>[] | undefined) ?? []).reduce((sum, child) => sum + of(child), 0);
  return of(plans[0].Plan);
}

/**
 * One connection of the application role, held by a spec: its named prepared statements and their cached plans are its
 * own (what a pooled connection of the API keeps). `query` answers the rows, as `rowsReadFrom` takes them.
 */
export async function heldConnection(url: string): Promise<{ client: Client; query(text: string, params?: unknown[]): Promise<any[]> }> {
  const client = new Client({ connectionString: url });
  await client.connect();
  return { client, query: async (text, params) => (await client.query(text, params as unknown[])).rows };
}

/** The SQL `work` runs in this process (statements, rows and bytes read back; no replay): for specs without an API. */
export async function tallied<T>(work: () => Promise<T>): Promise<{ result: T; tally: SqlTally }> {
  patchPg();
  const tally = new SqlTally();
  const result = await storage.run(tally, work);
  return { result, tally };
}

/**
 * EXPLAIN ANALYZE of a named prepared statement's generic plan (plan_cache_mode = force_generic_plan, in the
 * caller's transaction): the plan PostgreSQL may keep after five runs, planned without the parameters' values. Its
 * parameters are sent as literals (node-postgres' own text form of each).
 */
async function explainGeneric(client: Client, s: SqlStatement): Promise<Record<string, any>[]> {
  await client.query('SET LOCAL plan_cache_mode = force_generic_plan');
  await client.query(`PREPARE sql_tally_generic AS ${s.text}`);
  try {
    const literals = s.params.map((v) => {
      const text = prepareValue(v) as string | Buffer | null;
      return text === null ? 'NULL' : client.escapeLiteral(String(text));
    });
    return (await client.query(`EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE sql_tally_generic(${literals.join(', ')})`)).rows;
  } finally {
    await client.query('DEALLOCATE sql_tally_generic');
  }
}

/**
 * Counts the SQL of requests that carry the `x-count-sql` header: install `middleware` on the app after its body
 * parsers (everything after it, guards included, runs in the request's async context), then `count(send)`.
 * The rows each read visits are found by replaying it under EXPLAIN ANALYZE (in a transaction rolled back)
 * through `explainUrl`'s connection.
 */
export function countSql(explainUrl: () => string) {
  patchPg();
  let current: SqlTally | null = null;
  return {
    header: HEADER,
    middleware(req: Request, _res: Response, next: NextFunction): void {
      if (req.headers[HEADER] && current) storage.run(current, next);
      else next();
    },
    async count<T>(send: () => Promise<T>): Promise<{ result: T; tally: SqlTally }> {
      const tally = new SqlTally();
      current = tally;
      let result: T;
      try {
        result = await send();
      } finally {
        current = null;
      }
      const client = new Client({ connectionString: explainUrl() });
      await client.connect();
      try {
        await client.query('BEGIN');
        for (const s of tally.statements) {
          if (!/^\s*(SELECT|WITH)\b/i.test(s.text)) continue;
          const [row] = s.prepared
            ? await explainGeneric(client, s)
            : (await client.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${s.text}`, s.params)).rows;
          s.scanned = visited(row['QUERY PLAN'][0].Plan);
          s.planningMs = row['QUERY PLAN'][0]['Planning Time'];
          s.executionMs = row['QUERY PLAN'][0]['Execution Time'];
          tally.scanned += s.scanned;
        }
      } finally {
        await client.query('ROLLBACK').catch(() => undefined);
        await client.end();
      }
      return { result, tally };
    },
  };
}
