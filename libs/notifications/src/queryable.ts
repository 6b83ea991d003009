/** What this library needs of a database handle: a TypeORM DataSource or EntityManager fits. */
export interface Queryable {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query(sql: string, parameters?: unknown[]): Promise<any>;
}
