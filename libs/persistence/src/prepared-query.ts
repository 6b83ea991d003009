import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';

interface PgQueryable {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: any[] }>;
}
interface PgPool {
  connect(): Promise<PgQueryable & { release(err?: Error): void }>;
}

const names = new Map<string, string>();

const nameOf = (text: string): string => {
  let name = names.get(text);
  if (!name) {
    name = `kbc_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
  }
  return name;
};

/**
 * A statement sent as a named prepared statement (node-postgres prepares it once per connection): PostgreSQL parses
 * it once per connection and, after five runs, keeps a generic plan when that plan is not dearer than the custom
 * ones, instead of planning it on every request (#16: planning the session's statement took longer than running it).
 * For hot statements whose best plan does not depend on their parameters' values (lookups by key). `target` is the
 * DataSource or an EntityManager: in a transaction, the statement runs on that transaction's connection. The name is
 * derived from the text, so a changed text is another statement. Errors are node-postgres' own (code, constraint).
 */
export async function preparedQuery<Row = any>(target: DataSource | EntityManager, text: string, values: unknown[]): Promise<Row[]> {
  const config = { name: nameOf(text), text, values };
  const runner = 'queryRunner' in target ? target.queryRunner : undefined;
  if (runner) return (await ((await runner.connect()) as PgQueryable).query(config)).rows as Row[];
  const driver = ('driver' in target ? target.driver : target.connection?.driver) as unknown as { master?: PgPool } | undefined;
  // Not a TypeORM DataSource or manager (a caller's own `query` object, as the notification dispatcher accepts): an
  // ordinary statement through it.
  if (!driver?.master) return (await (target as { query(text: string, values: unknown[]): Promise<Row[]> }).query(text, values)) as Row[];
  // Checked out and released here, as TypeORM does (not pool.query: its callback loses the request's async context).
  const client = await driver.master.connect();
  let broken: Error | undefined;
  try {
    return (await client.query(config)).rows as Row[];
  } catch (err: any) {
    // An SQL error (it has a SQLSTATE) leaves the connection usable; anything else may not: the pool drops it.
    if (!err?.code) broken = err;
    throw err;
  } finally {
    client.release(broken);
  }
}
