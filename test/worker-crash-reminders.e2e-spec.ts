import { TestWorkflowEnvironment } from '@temporalio/testing';
import { cycleDecider } from '@kybaocao/domain/cycle';
import { openCycleCommand } from '@kybaocao/domain/cycle/test-fixtures';
import { orgUnitDecider } from '@kybaocao/domain/org-units';
import { CommandHandler } from '@kybaocao/persistence/event-store/command-handler';
import { EventMetadata, EventStore } from '@kybaocao/persistence/event-store/event-store';
import { cycleStatusQuery, WORKFLOW_TYPE } from '../workflows/reporting-cycle/reporting-cycle.messages';
import type { reportingCycle } from '../workflows/reporting-cycle/reporting-cycle.workflow';
import { createTestDatabase, TestDatabase } from './infra/db';
import { eventually, RunningProcess, startWorker } from './infra/processes';
import { createTimeSkippingEnv } from './infra/temporal';

/**
 * The built worker process is SIGKILLed twice while a cycle waits for its reminders; the clock (time-skipping
 * server) passes a reminder point while no worker runs. Every reminder is still sent, and none twice.
 */
describe('reminders across worker crashes (worker process, time-skipping server, PostgreSQL)', () => {
  let env: TestWorkflowEnvironment;
  let db: TestDatabase;
  let worker: RunningProcess | undefined;
  beforeAll(async () => {
    env = await createTimeSkippingEnv();
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await worker?.stop();
    await env?.teardown();
    await db?.drop();
  });

  it('sends each reminder exactly once although the worker dies before and after a reminder point', async () => {
    const cycleId = '5b0c1b7e-61a2-4b8e-9d0e-2f9a2030c0de';
    const taskQueue = 'crash-reminders';
    const store = new EventStore(db.app);
    const commands = new CommandHandler(store);
    const meta: EventMetadata = { actor: { userId: 'cv', role: 'coordinator' }, correlationId: cycleId };
    const envNow = async () => new Date(await env.currentTimeMs());
    const sleepUntil = async (iso: string) => env.sleep(Date.parse(iso) - (await env.currentTimeMs()));
    // No workflow cache, hence no sticky queue: the time-skipping server holds its clock while a task waits, so a
    // task parked on a dead worker's sticky queue would never time out back to the shared queue.
    const launchWorker = () =>
      startWorker({
        DATABASE_URL: db.url,
        TEMPORAL_TASK_QUEUE: taskQueue,
        TEMPORAL_ADDRESS: env.address,
        TEMPORAL_MAX_CACHED_WORKFLOWS: '0',
      });
    const sent = async () =>
      (
        await db.owner.query(
          `SELECT to_char(due_at AT TIME ZONE 'UTC', 'MM-DD"T"HH24') AS at, recipient_id, coalesce(reminder_key, kind) AS what
         FROM notifications WHERE cycle_id = $1 ORDER BY due_at, recipient_id`,
          [cycleId],
        )
      ).map((r: any) => `${r.at} ${r.recipient_id} ${r.what}`);

    for (const id of ['hlhpn', 'hnd']) {
      await commands.handle(
        orgUnitDecider,
        `orgunit-${id}`,
        {
          type: 'RegisterUnit',
          data: {
            unitId: id,
            parentId: null,
            level: 'huyen',
            kind: id.toUpperCase(),
            canonicalName: id,
            activeFrom: '2020-01-01',
          },
        },
        { metadata: meta, now: await envNow() },
      );
    }
    await sleepUntil('2030-12-01T02:00:00Z');
    await commands.handle(
      cycleDecider,
      `cycle-${cycleId}`,
      openCycleCommand({
        cycleId,
        units: ['hlhpn', 'hnd'],
        year: 2030,
        periodKind: 'year',
        milestones: { reviewDue: '2030-12-20', signOffDue: '2030-12-27', distributionDue: '2030-12-31' },
      }),
      { metadata: meta, now: await envNow() },
    );

    worker = launchWorker();
    const handle = await env.client.workflow.start<typeof reportingCycle>(WORKFLOW_TYPE, {
      taskQueue,
      workflowId: cycleId,
      args: [{ cycleId, coordinatorId: 'cv', startCollecting: true, submissionClosesAt: '2030-12-16T17:00:00.000Z' }],
    });
    await eventually(
      async () => (await handle.query(cycleStatusQuery)).nextReminderAt === '2030-12-11T01:00:00.000Z',
      60000,
      'the reminder plan',
    );

    // Crash 1: the worker dies the evening before D-3. The clock runs on to D-3 (Wed 11th, 08:00 Vietnam), where the
    // timer fires with no worker to handle it (the time-skipping server then holds its clock until one does).
    await sleepUntil('2030-12-10T12:00:00Z');
    await worker.kill();
    const passingD3 = sleepUntil('2030-12-11T03:00:00Z');
    await new Promise((r) => setTimeout(r, 3000));
    expect(await sent()).toEqual([]);

    // Restart: the fired timer is handled now, late but not lost.
    worker = launchWorker();
    await passingD3;
    const d3 = ['12-11T01 cv reminder-summary', '12-11T01 hlhpn D-3', '12-11T01 hnd D-3'];
    await eventually(async () => (await sent()).length === 3, 60000, 'the D-3 reminders');
    expect(await sent()).toEqual(d3);

    // Crash 2 right after the reminders went out; the next worker must not send them again.
    await worker.kill();
    worker = launchWorker();
    await sleepUntil('2030-12-13T03:00:00Z'); // past D-1 (Fri 13th)
    await eventually(async () => (await sent()).length === 6, 60000, 'the D-1 reminders');
    expect(await sent()).toEqual([...d3, '12-13T01 cv reminder-summary', '12-13T01 hlhpn D-1', '12-13T01 hnd D-1']);
    expect((await handle.query(cycleStatusQuery)).reminderRounds.map((r) => r.dueAt)).toEqual([
      '2030-12-11T01:00:00.000Z',
      '2030-12-13T01:00:00.000Z',
    ]);
  });
});
