/** What this library needs of a database handle: a TypeORM DataSource or EntityManager fits. */
export interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<any>;
}

/** A database handle that also runs work in one transaction (a TypeORM DataSource fits). */
export interface TransactionalQueryable extends Queryable {
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
}
