import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';
import { Client } from 'pg';

/** One SQL statement a request ran, with what it read back. */
export interface SqlStatement {
  text: string;
  params: unknown[];
  rows: number;
  bytes: number;
  /** Rows its plan visited (reads only; see SqlTally.scanned). */
  scanned?: number;
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

/** Every query a pg Client runs inside a counted request is recorded in that request's tally (AsyncLocalStorage). */
function patchPg(): void {
  if (patched) return;
  patched = true;
  const original = Client.prototype.query as (...args: unknown[]) => unknown;
  Client.prototype.query = function (this: Client, ...args: unknown[]) {
    const tally = storage.getStore();
    const result = original.apply(this, args);
    if (tally && result && typeof (result as Promise<unknown>).then === 'function') {
      const [config, values] = args as [string | { text: string; values?: unknown[] }, unknown[] | undefined];
      const statement: SqlStatement = {
        text: typeof config === 'string' ? config : config.text,
        params: Array.isArray(values) ? values : typeof config === 'string' ? [] : (config.values ?? []),
        rows: 0,
        bytes: 0,
      };
      tally.statements.push(statement);
      if (tally.inFlight++ === 0) tally.roundTrips++;
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
          const [row] = (await client.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${s.text}`, s.params)).rows;
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
