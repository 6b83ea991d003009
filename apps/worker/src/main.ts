import { cycleHeadQueries } from '@kybaocao/persistence/projections/cycle-heads/cycle-heads.projection';
import 'reflect-metadata';
import path from 'node:path';
import { NestFactory } from '@nestjs/core';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createCycleActivities } from '../../../activities/cycle/cycle.activities';
import { loadHolidayCalendar } from '../../../activities/holiday-calendar.loader';
import { createReminderActivities } from '../../../activities/reminders/reminders.activities';
import {
  CoordinatorDigestBuilder,
  createMailer,
  NotificationDispatcher,
  smtpMailerOptionsFromEnv,
  startEventNotifications,
  startNotificationLoop,
} from '@kybaocao/notifications';
import { AppConfig } from '@kybaocao/config/config';
import { DataSource } from 'typeorm';
import { EventStore } from '@kybaocao/persistence/event-store/event-store';
import { EventCheckpoints } from '@kybaocao/persistence/event-store/checkpoints';
import { Projector } from '@kybaocao/persistence/projections/projector';
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
          sql: app.get(DataSource),
          // From the log itself: leaving review must not depend on how far the board's read model has got.
          approvedUnitIds: (cycleId) => cycleHeadQueries.approvedUnitIds(app.get(DataSource).manager, cycleId),
          now: () => new Date(),
        }),
        ...createReminderActivities({
          db: app.get(DataSource),
          projector: app.get(Projector),
          calendar: loadHolidayCalendar(),
          publicUrl: config.api.publicUrl,
        }),
      },
    });
    process.stderr.write(`[worker] polling task queue ${config.temporal.taskQueue} on ${config.temporal.address}\n`);
    const notifications = startNotifications(app.get(DataSource), app.get(EventStore), config.api.publicUrl);
    const checkpoints = startCheckpoints(app.get(EventCheckpoints), config);
    try {
      await worker.run(); // resolves after SIGINT/SIGTERM (the SDK's default shutdown signals) drained the worker
    } finally {
      await checkpoints.stop();
      await notifications.stop();
    }
  } finally {
    await connection.close();
    await app.close();
  }
}

/**
 * Signed checkpoints of the event log (libs/persistence/src/event-store/checkpoints.ts): one at start, then every
 * CHECKPOINT_INTERVAL_MS when the log moved. Without CHECKPOINT_KEY, none (and verify says so).
 */
function startCheckpoints(checkpoints: EventCheckpoints, config: AppConfig): { stop(): Promise<void> } {
  if (!config.checkpointKey) {
    process.stderr.write('[worker] CHECKPOINT_KEY not set: the event log is not checkpointed\n');
    return { stop: async () => undefined };
  }
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = checkpoints.write(new Date()).catch((err) => process.stderr.write(`[worker] checkpoint: ${err?.message ?? err}\n`));
  };
  tick();
  const timer = setInterval(tick, config.checkpointIntervalMs);
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}

/**
 * Notifications, run by the worker (one process per deployment; more are safe):
 * - event-driven ones (a return, an approval, a submission awaiting review, an extension, the sign-off, the
 *   distribution) issued into the inbox from the global event log every second, with or without e-mail. The
 *   worker runs them because it already owns the other background notifications (reminders, digests,
 *   delivery); exactly-once does not depend on that choice: the projector applies each batch and its
 *   checkpoint in one transaction under an advisory lock, and the dedupe key is derived from the event id;
 * - e-mail delivery (and daily digests) every NOTIFICATION_INTERVAL_MS (60 s), and at once when the log gave
 *   rise to a new notification, when SMTP_HOST is set; otherwise notifications stay in the in-app inbox.
 *   Every delivery attempt's outcome is also an event (stream notification-<id>).
 */
function startNotifications(db: DataSource, store: EventStore, publicUrl: string): { stop(): Promise<void> } {
  const report = (what: string) => (err: unknown) => process.stderr.write(`[worker] ${what}: ${(err as Error)?.message ?? err}\n`);
  const options = smtpMailerOptionsFromEnv();
  let wake = () => undefined as void;
  const events = startEventNotifications({
    db,
    store,
    publicUrl,
    intervalMs: Number(process.env.EVENT_NOTIFICATION_INTERVAL_MS ?? 1000),
    onIssued: () => wake(),
    onError: report('event notifications'),
  });
  if (!options) {
    process.stderr.write('[worker] SMTP_HOST not set: e-mail off, notifications stay in the in-app inbox\n');
    return { stop: () => events.stop() };
  }
  // 16 at once, over as many pooled connections: claims of free slots in one statement, outcomes recorded in batches
  // (libs/notifications' dispatcher). Safe under a crash at any point: each send is claimed with a lease first, and
  // its outcome and event are one transaction.
  const concurrency = Number(process.env.NOTIFICATION_CONCURRENCY ?? 16);
  const mailer = createMailer({ ...options, maxConnections: concurrency });
  const loop = startNotificationLoop({
    dispatcher: new NotificationDispatcher({
      db,
      mailer,
      events: store,
      onEventError: report('delivery event'),
      concurrency,
      leaseMs: Number(process.env.NOTIFICATION_LEASE_MS ?? 60_000),
    }),
    digests: new CoordinatorDigestBuilder({ db, publicUrl }),
    intervalMs: Number(process.env.NOTIFICATION_INTERVAL_MS ?? 60_000),
    onError: report('notifications'),
  });
  wake = () => loop.wake();
  process.stderr.write(`[worker] e-mail via ${options.host}:${options.port}\n`);
  return {
    stop: async () => {
      await events.stop();
      await loop.stop();
      mailer.close();
    },
  };
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`[worker] fatal: ${err?.stack ?? err}\n`);
    process.exit(1);
  },
);
