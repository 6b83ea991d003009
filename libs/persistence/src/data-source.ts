import { DataSource, DataSourceOptions } from 'typeorm';
import { CreateEventStore1763900000000 } from './migrations/1763900000000-CreateEventStore';

export const MIGRATIONS = [CreateEventStore1763900000000];

/**
 * TypeORM options. Schema changes happen only through migrations (never `synchronize`).
 * With `appRole`, every pooled connection runs as that role (`-c role=…`), so the services hold only the
 * privileges the migration granted it: SELECT and INSERT on the event store.
 */
export function dataSourceOptions(url: string, opts: { appRole?: string; poolSize?: number } = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    migrationsRun: false,
    entities: [],
    extra: {
      max: opts.poolSize ?? 10,
      ...(opts.appRole ? { options: `-c role=${opts.appRole}` } : {}),
    },
  };
}

export async function runMigrations(url: string): Promise<string[]> {
  const ds = new DataSource(dataSourceOptions(url, { poolSize: 1 }));
  await ds.initialize();
  try {
    const applied = await ds.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}
