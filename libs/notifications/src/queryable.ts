/** What this library needs of a database handle: a TypeORM DataSource or EntityManager fits. */
export interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<any>;
}
