import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../libs/persistence/src/data-source';

export interface TestDatabase {
  name: string;
  /** Owner/superuser URL: what migrations and tamper tests use. */
  url: string;
  /** Pool that runs as the application role, as the services do. */
  app: DataSource;
  /** Pool with the owner's privileges. */
  owner: DataSource;
  drop(): Promise<void>;
}

function adminUrl(): string {
  const url = process.env.TEST_PG_ADMIN_URL;
  if (!url) throw new Error('TEST_PG_ADMIN_URL is not set: run through `npm test` or `npx jest --selectProjects integration`');
  return url;
}

/** A fresh, migrated database cloned from the template that global setup prepared (~100 ms). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${process.env.TEST_DB_TEMPLATE}`);
  } finally {
    await admin.end();
  }
  const u = new URL(adminUrl());
  u.pathname = `/${name}`;
  const url = u.toString();
  const app = await new DataSource(dataSourceOptions(url, { appRole: 'kybaocao_app', poolSize: 12 })).initialize();
  const owner = await new DataSource(dataSourceOptions(url, { poolSize: 2 })).initialize();
  return {
    name, url, app, owner,
    async drop() {
      await app.destroy();
      await owner.destroy();
      const c = new Client({ connectionString: adminUrl() });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
