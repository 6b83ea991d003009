import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { AdvanceCyclePhaseInput, CloseSubmissionWindowInput, createCycleActivities } from '../../activities/cycle/cycle.activities';
import { cycleDecider } from '../../libs/domain/src/cycle';
import { openCycleCommand } from '../../libs/domain/src/cycle/test-fixtures';
import { CommandHandler } from '../../libs/persistence/src/event-store/command-handler';
import { EventStore } from '../../libs/persistence/src/event-store/event-store';
import { createTestDatabase, TestDatabase } from '../../test/infra/db';
import { eventually } from '../../test/infra/processes';
import { connectToDevServer, createTimeSkippingEnv, workflowBundle } from '../../test/infra/temporal';
import {
  advancePhaseUpdate,
  closeSubmissionWindowUpdate,
  cycleStatusQuery,
  reportSignedUpdate,
  WORKFLOW_TYPE,
} from './reporting-cycle.messages';
import type { reportingCycle } from './reporting-cycle.workflow';

Runtime.install({ logger: new DefaultLogger('WARN') });
const DAY = 24 * 3600 * 1000;

describe('reportingCycle on the time-skipping test server (mocked activities)', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await createTimeSkippingEnv();
  });
  afterAll(() => env?.teardown());

  const recordingWorker = async (taskQueue: string) => {
    const calls: (CloseSubmissionWindowInput | AdvanceCyclePhaseInput)[] = [];
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: workflowBundle(),
      activities: {
        closeSubmissionWindow: async (i: CloseSubmissionWindowInput) => {
          calls.push(i);
        },
        advanceCyclePhase: async (i: AdvanceCyclePhaseInput) => {
          calls.push(i);
        },
        reminderPlan: async () => [],
        sendDueReminders: async () => {
          throw new Error('no reminders planned');
        },
      },
    });
    return { worker, calls };
  };

  it('closes the submission window by itself when the 7-day deadline passes', async () => {
    const taskQueue = `tq-${randomUUID()}`;
    const { worker, calls } = await recordingWorker(taskQueue);
    await worker.runUntil(async () => {
      const startedAt = await env.currentTimeMs();
      const cycleId = randomUUID();
      const handle = await env.client.workflow.start<typeof reportingCycle>(WORKFLOW_TYPE, {
        taskQueue,
        workflowId: cycleId,
        args: [
          {
            cycleId,
            coordinatorId: 'coordinator-1',
            startCollecting: true,
            submissionClosesAt: new Date(startedAt + 7 * DAY).toISOString(),
          },
        ],
      });
      await env.sleep('1 minute'); // the launch activity runs
      expect((await handle.query(cycleStatusQuery)).phase).toBe('collecting');

      await env.sleep('6 days');
      expect((await handle.query(cycleStatusQuery)).phase).toBe('collecting');
      expect(calls).toHaveLength(1); // only the launch

      await env.sleep('1 day');
      const status = await handle.query(cycleStatusQuery);
      expect(status.phase).toBe('reviewing');
      expect(status.nextTimerAt).toBeNull();
      expect(calls[1]).toMatchObject({ cycleId, by: { kind: 'deadline' } });
      expect(Date.parse((calls[1] as CloseSubmissionWindowInput).at)).toBeGreaterThanOrEqual(startedAt + 7 * DAY);
      expect(status.phaseHistory.map((p) => [p.phase, p.by])).toEqual([
        ['collecting', 'coordinator-1'],
        ['reviewing', 'system:deadline'],
      ]);
      // The clock moved a week; the test did not wait a week.
      expect((await env.currentTimeMs()) - startedAt).toBeGreaterThanOrEqual(7 * DAY);
    });
  });

  it('rejects a phase jump in the update validator, before it reaches history', async () => {
    const taskQueue = `tq-${randomUUID()}`;
    const { worker } = await recordingWorker(taskQueue);
    await worker.runUntil(async () => {
      const cycleId = randomUUID();
      const handle = await env.client.workflow.start<typeof reportingCycle>(WORKFLOW_TYPE, {
        taskQueue,
        workflowId: cycleId,
        args: [
          {
            cycleId,
            coordinatorId: 'c',
            startCollecting: true,
            submissionClosesAt: new Date((await env.currentTimeMs()) + DAY).toISOString(),
          },
        ],
      });
      const jump = handle.executeUpdate(advancePhaseUpdate, { args: [{ to: 'signing', actorId: 'c' }] });
      await expect(jump).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
      await expect(jump).rejects.toMatchObject({
        cause: { message: 'close the submission window first', type: 'CYCLE_SUBMISSION_WINDOW_OPEN' },
      });
      const history = await handle.fetchHistory();
      expect((history.events ?? []).filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes)).toHaveLength(0);
    });
  });
});

describe('reportingCycle on the real Temporal dev server with the real event store', () => {
  let env: TestWorkflowEnvironment;
  let db: TestDatabase;
  beforeAll(async () => {
    env = await connectToDevServer();
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await env?.teardown();
    await db?.drop();
  });

  /** A worker on its own task queue running the real cycle activities, and a cycle of `units` opened on the event store. */
  const openCycle = async (approvedUnitIds: () => Promise<string[]>, units: string[]) => {
    const eventStore = new EventStore(db.app);
    const taskQueue = `tq-${randomUUID()}`;
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: workflowBundle(),
      activities: {
        ...createCycleActivities({ eventStore, sql: db.app, approvedUnitIds, now: () => new Date() }),
        reminderPlan: async () => [],
        sendDueReminders: async () => {
          throw new Error('no reminders planned');
        },
      },
    });
    const cycleId = randomUUID();
    await new CommandHandler(eventStore).handle(
      cycleDecider,
      `cycle-${cycleId}`,
      openCycleCommand({
        cycleId,
        units,
        coordinatorId: 'coordinator-1',
        issuingBody: { unitId: 'huyen-uy', name: 'Huyện ủy Tam Đường', symbol: 'HU' },
      }),
      { metadata: { actor: { userId: 'coordinator-1', role: 'coordinator' }, correlationId: cycleId }, now: new Date() },
    );
    const start = () =>
      env.client.workflow.start<typeof reportingCycle>(WORKFLOW_TYPE, {
        taskQueue,
        workflowId: cycleId,
        args: [
          {
            cycleId,
            coordinatorId: 'coordinator-1',
            startCollecting: true,
            submissionClosesAt: new Date(Date.now() + 30 * DAY).toISOString(),
          },
        ],
      });
    return { eventStore, worker, cycleId, start };
  };

  it('runs the phases through the cycle decider: early close, order enforced, approvals required, all recorded as events', async () => {
    const approved: string[] = [];
    const { eventStore, worker, cycleId, start } = await openCycle(async () => approved, ['u-1', 'u-2']);

    await worker.runUntil(async () => {
      const handle = await start();
      // Only the coordinator may close the window early: the decider's rule, surfaced as the update's failure.
      await expect(handle.executeUpdate(closeSubmissionWindowUpdate, { args: [{ actorId: 'someone-else' }] })).rejects.toMatchObject({
        cause: { type: 'CYCLE_NOT_COORDINATOR' },
      });
      expect((await handle.executeUpdate(closeSubmissionWindowUpdate, { args: [{ actorId: 'coordinator-1' }] })).phase).toBe('reviewing');

      await expect(handle.executeUpdate(advancePhaseUpdate, { args: [{ to: 'commenting', actorId: 'leader-1' }] })).rejects.toMatchObject({
        cause: { type: 'CYCLE_UNITS_NOT_APPROVED' },
      });
      approved.push('u-1', 'u-2');
      for (const to of ['commenting', 'signing', 'distributing', 'closed'] as const) {
        expect((await handle.executeUpdate(advancePhaseUpdate, { args: [{ to, actorId: 'leader-1' }] })).phase).toBe(to);
      }
      const result = await handle.result();
      expect(result.phaseHistory.map((p) => p.phase)).toEqual([
        'collecting',
        'reviewing',
        'commenting',
        'signing',
        'distributing',
        'closed',
      ]);
    });
    const events = await eventStore.readStream(`cycle-${cycleId}`);
    expect(events.map((e) => (e.type === 'CyclePhaseAdvanced' ? `→${e.data.to}` : e.type))).toEqual([
      'CycleOpened',
      '→collecting',
      'SubmissionWindowClosed',
      '→commenting',
      '→signing',
      '→distributing',
      '→closed',
    ]);
    expect(events[2].metadata.actor).toEqual({ userId: 'coordinator-1', role: 'workflow' });
    expect((await eventStore.verify(`cycle-${cycleId}`)).broken).toEqual([]);
  });

  it("the report's signature moves the cycle on to distribution: refused before signing (the domain's phase rule, in the validator); a retry changes nothing", async () => {
    const { eventStore, worker, cycleId, start } = await openCycle(async () => ['u-1'], ['u-1']);
    await worker.runUntil(async () => {
      const handle = await start();
      await handle.executeUpdate(closeSubmissionWindowUpdate, { args: [{ actorId: 'coordinator-1' }] });
      await expect(handle.executeUpdate(reportSignedUpdate, { args: [{ actorId: 'signer-1' }] })).rejects.toMatchObject({
        cause: { type: 'CYCLE_WRONG_PHASE' },
      });
      for (const to of ['commenting', 'signing'] as const)
        await handle.executeUpdate(advancePhaseUpdate, { args: [{ to, actorId: 'leader-1' }] });

      expect((await handle.executeUpdate(reportSignedUpdate, { args: [{ actorId: 'signer-1' }] })).phase).toBe('distributing');
      const retried = await handle.executeUpdate(reportSignedUpdate, { args: [{ actorId: 'signer-1' }] });
      expect(retried.phase).toBe('distributing');
      expect(retried.phaseHistory.filter((p) => p.phase === 'distributing')).toEqual([expect.objectContaining({ by: 'signer-1' })]);

      await handle.executeUpdate(advancePhaseUpdate, { args: [{ to: 'closed', actorId: 'clerk-1' }] });
      expect((await handle.result()).phaseHistory.map((p) => p.phase)).toEqual([
        'collecting',
        'reviewing',
        'commenting',
        'signing',
        'distributing',
        'closed',
      ]);
    });
    const events = await eventStore.readStream(`cycle-${cycleId}`);
    expect(events.filter((e) => e.type === 'CyclePhaseAdvanced').map((e) => e.data.to)).toEqual([
      'collecting',
      'commenting',
      'signing',
      'distributing',
      'closed',
    ]);
  });
});

describe('reportingCycle continues as new with its state (real dev server, mocked activities)', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await connectToDevServer();
  });
  afterAll(() => env?.teardown());

  it('hands phase, phase history, reminder progress and rounds to the next run, which carries the cycle to the end', async () => {
    const taskQueue = `tq-${randomUUID()}`;
    const calls: { kind: string; to?: string }[] = [];
    const planAfter: string[] = [];
    const rounds = [1_000, 1_500, 2_000, 2_500, 3_000, 3_500].map((ms) => new Date(Date.now() + ms).toISOString());
    const round = rounds[rounds.length - 1];
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: workflowBundle(),
      activities: {
        closeSubmissionWindow: async () => {
          calls.push({ kind: 'close' });
        },
        advanceCyclePhase: async (i: AdvanceCyclePhaseInput) => {
          calls.push({ kind: 'advance', to: i.to });
        },
        // Six reminder rounds in the first seconds (they lengthen the first run); a plan lists the rounds after `after`.
        reminderPlan: async (i: { after: string }) => {
          planAfter.push(i.after);
          return rounds.filter((r) => r > i.after);
        },
        sendDueReminders: async (i: { dueAt: string }) => ({ dueAt: i.dueAt, unitsDue: 3 }),
      },
    });
    await worker.runUntil(async () => {
      const cycleId = randomUUID();
      const handle = await env.client.workflow.start<typeof reportingCycle>(WORKFLOW_TYPE, {
        taskQueue,
        workflowId: cycleId,
        args: [
          {
            cycleId,
            coordinatorId: 'c',
            startCollecting: true,
            submissionClosesAt: new Date(Date.now() + 30 * DAY).toISOString(),
            maxHistoryEvents: MAX_HISTORY,
          },
        ],
      });
      const firstRun = handle.firstExecutionRunId;
      await eventually(
        async () => (await handle.query(cycleStatusQuery)).reminderRounds.length === rounds.length,
        20_000,
        'the reminder rounds',
      );
      expect((await handle.executeUpdate(closeSubmissionWindowUpdate, { args: [{ actorId: 'c' }] })).phase).toBe('reviewing');
      // Past the threshold in review: the run hands over to a new one.
      await eventually(async () => (await handle.describe()).runId !== firstRun, 20_000, 'a new run');
      const first = await env.client.workflow.getHandle(cycleId, firstRun).describe();
      expect(first.status.name).toBe('CONTINUED_AS_NEW');
      const resumed = await handle.query(cycleStatusQuery);
      expect(resumed.phase).toBe('reviewing');
      expect(resumed.phaseHistory.map((p) => [p.phase, p.by])).toEqual([
        ['collecting', 'c'],
        ['reviewing', 'c'],
      ]);
      expect(resumed.reminderRounds).toEqual(rounds.map((dueAt) => ({ dueAt, unitsDue: 3 })));
      // The new run planned its reminders from where the first stopped: no round is sent again.
      expect(planAfter[planAfter.length - 1]).toBe(round);

      for (const to of ['commenting', 'signing', 'distributing', 'closed'] as const) {
        expect((await handle.executeUpdate(advancePhaseUpdate, { args: [{ to, actorId: 'l' }] })).phase).toBe(to);
      }
      const result = await handle.result();
      expect(result.phaseHistory.map((p) => p.phase)).toEqual([
        'collecting',
        'reviewing',
        'commenting',
        'signing',
        'distributing',
        'closed',
      ]);
      expect(result.reminderRounds).toEqual(rounds.map((dueAt) => ({ dueAt, unitsDue: 3 })));
      expect(calls).toEqual([
        { kind: 'advance', to: 'collecting' },
        { kind: 'close' },
        ...['commenting', 'signing', 'distributing', 'closed'].map((to) => ({ kind: 'advance', to })),
      ]);
      const lengths = [
        (await env.client.workflow.getHandle(cycleId, firstRun).fetchHistory()).events?.length,
        (await handle.fetchHistory()).events?.length,
      ];
      console.log(`history events per run (threshold ${MAX_HISTORY}): ${lengths.join(', ')}`);
    });
  });
});

/**
 * Low enough for the first run (six reminder rounds, the launch, the close: ~90 events) to pass it once the window
 * is closed, high enough for the second (a plan and four phase changes: ~55) to finish the cycle without another
 * hand-over. The test prints both lengths.
 */
const MAX_HISTORY = 72;
