import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../../apps/api/src/app.module';
import { configureApp } from '../../apps/api/src/app.setup';
import type { TestDatabase } from '../infra/db';
import type { countSql } from './sql-tally';

export interface CountedApi {
  url: string;
  /** Stops the API and gives process.env back its settings. */
  close(): Promise<void>;
}

/**
 * The API (AppModule) in this test's own process on its own database, with `probe` counting the SQL of the requests
 * that ask for it (`probe.header`), from the guards on: the scaling specs count what one request costs. The API
 * reads its configuration from process.env when it is created; `close` puts the previous values back for the next
 * test file of this jest worker.
 */
export async function startCountedApi(
  db: TestDatabase,
  probe: ReturnType<typeof countSql>,
  name: string,
  bootstrapPassword: string,
): Promise<CountedApi> {
  const settings = {
    DATABASE_URL: '',
    DATABASE_APP_URL: db.appUrl,
    TEMPORAL_TASK_QUEUE: `${name}-${db.name}`,
    JWT_SECRET: `${name}-jwt-secret-of-at-least-32-characters`,
    BOOTSTRAP_ADMIN_PASSWORD: bootstrapPassword,
    LOGIN_RATE_LIMIT_PER_ADDRESS: '1000000',
    LOGIN_RATE_LIMIT_PER_USERNAME: '1000000',
  };
  const saved = Object.fromEntries(Object.keys(settings).map((key) => [key, process.env[key]]));
  Object.assign(process.env, settings);
  const app = await NestFactory.create(AppModule, { bodyParser: false, logger: false });
  configureApp(app);
  app.use(probe.middleware); // after the body parsers: the request's own work from the guards on
  await app.listen(0, '127.0.0.1');
  return {
    url: `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`,
    async close() {
      await app.close();
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    },
  };
}
