import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@kybaocao/persistence/data-source';
import { appDatabaseUrl } from '@kybaocao/persistence/app-role';

export interface TestDatabase {
  name: string;
  /** Owner/superuser URL: what migrations and tamper tests use. */
  url: string;
  /** The services' URL: their own login role (kybaocao_app), as DATABASE_APP_URL gives it to the API and worker. */
  appUrl: string;
  /** Pool that connects as the application's login role, as the services do. */
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

/** The application's login URL for the database of `ownerUrl` (global setup provisioned the role and its password). */
export function appUrlOf(ownerUrl: string): string {
  const password = process.env.TEST_PG_APP_PASSWORD;
  if (!password) throw new Error('TEST_PG_APP_PASSWORD is not set: run through `npm test` or `npx jest --selectProjects integration`');
  return appDatabaseUrl(ownerUrl, password);
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
  const appUrl = appUrlOf(url);
  const app = await new DataSource(dataSourceOptions(appUrl, { poolSize: 12 })).initialize();
  const owner = await new DataSource(dataSourceOptions(url, { poolSize: 2 })).initialize();
  return {
    name,
    url,
    appUrl,
    app,
    owner,
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
