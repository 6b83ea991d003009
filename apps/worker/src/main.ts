import 'reflect-metadata';
import path from 'node:path';
import { NestFactory } from '@nestjs/core';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createCycleActivities } from '../../../activities/cycle/cycle.activities';
import { loadHolidayCalendar } from '../../../activities/holiday-calendar.loader';
import { createReminderActivities } from '../../../activities/reminders/reminders.activities';
import { CoordinatorDigestBuilder, createMailer, NotificationDispatcher, smtpMailerOptionsFromEnv, startNotificationLoop } from '../../../libs/notifications/src';
import { AppConfig } from '../../../libs/config/src/config';
import { DataSource } from 'typeorm';
import { EventStore } from '../../../libs/persistence/src/event-store/event-store';
import { cycleBoardQueries } from '../../../libs/persistence/src/projections/cycle-board/cycle-board.projection';
import { Projector } from '../../../libs/persistence/src/projections/projector';
import { WorkerModule } from './worker.module';

/**
 * The Temporal worker: a Nest application context (no HTTP port) that wires activities from DI.
 * `main` awaits `worker.run()`, so a crash exits non-zero instead of leaving a silent, idle process.
 */
async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error', 'warn', 'log'] });
  app.enableShutdownHooks();
  const config = app.get(AppConfig);
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  try {
    const worker = await Worker.create({
      connection,
      namespace: config.temporal.namespace,
      taskQueue: config.temporal.taskQueue,
      // 0 disables the workflow cache and with it sticky task queues (each task replays from history).
      ...(process.env.TEMPORAL_MAX_CACHED_WORKFLOWS ? { maxCachedWorkflows: Number(process.env.TEMPORAL_MAX_CACHED_WORKFLOWS) } : {}),
      ...(process.env.WORKFLOW_BUNDLE_PATH
        ? { workflowBundle: { codePath: process.env.WORKFLOW_BUNDLE_PATH } }
        : { workflowsPath: require.resolve(path.join(__dirname, '../../../workflows')) }),
      activities: {
        ...createCycleActivities({
          eventStore: app.get(EventStore),
          approvedUnitIds: async (cycleId) => {
            await app.get(Projector).catchUpToNow();
            return cycleBoardQueries.approvedUnitIds(app.get(DataSource).manager, cycleId);
          },
          now: () => new Date(),
        }),
        ...createReminderActivities({
          db: app.get(DataSource), projector: app.get(Projector), calendar: loadHolidayCalendar(), publicUrl: config.api.publicUrl,
        }),
      },
    });
    process.stderr.write(`[worker] polling task queue ${config.temporal.taskQueue} on ${config.temporal.address}\n`);
    const notifications = startNotifications(app.get(DataSource), config.api.publicUrl);
    try {
      await worker.run(); // resolves after SIGINT/SIGTERM (the SDK's default shutdown signals) drained the worker
    } finally {
      await notifications.stop();
    }
  } finally {
    await connection.close();
    await app.close();
  }
}

/**
 * E-mail delivery of notifications (reminders, summaries, daily digests) every minute, when SMTP_HOST is set;
 * otherwise they stay in the in-app inbox only. Safe on several workers (claims and dedupe keys).
 */
function startNotifications(db: DataSource, publicUrl: string): { stop(): Promise<void> } {
  const options = smtpMailerOptionsFromEnv();
  if (!options) {
    process.stderr.write('[worker] SMTP_HOST not set: e-mail off, notifications stay in the in-app inbox\n');
    return { stop: async () => undefined };
  }
  const mailer = createMailer(options);
  const loop = startNotificationLoop({
    dispatcher: new NotificationDispatcher({ db, mailer }),
    digests: new CoordinatorDigestBuilder({ db, publicUrl }),
    intervalMs: Number(process.env.NOTIFICATION_INTERVAL_MS ?? 60_000),
    onError: (err) => process.stderr.write(`[worker] notifications: ${(err as Error)?.message ?? err}\n`),
  });
  process.stderr.write(`[worker] e-mail via ${options.host}:${options.port}\n`);
  return { stop: async () => { await loop.stop(); mailer.close(); } };
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`[worker] fatal: ${err?.stack ?? err}\n`);
    process.exit(1);
  },
);
