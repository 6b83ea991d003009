import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { createCycleActivities } from '../../activities/cycle/cycle.activities';
import { cycleDecider } from '../../libs/domain/src/cycle';
import { CommandHandler } from '../../libs/persistence/src/event-store/command-handler';
import { EventStore } from '../../libs/persistence/src/event-store/event-store';
import { createTestDatabase, TestDatabase } from '../../test/infra/db';
import { connectToDevServer, workflowBundle } from '../../test/infra/temporal';
import { advancePhaseUpdate, closeSubmissionWindowUpdate, reportSignedUpdate, WORKFLOW_TYPE } from './reporting-cycle.messages';
import type { reportingCycle } from './reporting-cycle.workflow';

Runtime.install({ logger: new DefaultLogger('WARN') });
const DAY = 24 * 3600 * 1000;

/** Signing → distribution is the workflow's own step, driven by the report's signature (real dev server, real event store). */
describe('reportingCycle: the report\'s signature moves the cycle on to distribution', () => {
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

  it('refused before the signing phase (the domain\'s phase rule, in the validator); in signing it moves the cycle on; a retry changes nothing', async () => {
    const eventStore = new EventStore(db.app);
    const taskQueue = `tq-${randomUUID()}`;
    const worker = await Worker.create({
      connection: env.nativeConnection, taskQueue, workflowBundle: workflowBundle(),
      activities: {
        ...createCycleActivities({ eventStore, approvedUnitIds: async () => ['u-1'], now: () => new Date() }),
        reminderPlan: async () => [],
        sendDueReminders: async () => { throw new Error('no reminders planned'); },
      },
    });
    const cycleId = randomUUID();
    await new CommandHandler(eventStore).handle(cycleDecider, `cycle-${cycleId}`, {
      type: 'OpenCycle',
      data: {
        cycleId, templateId: 'dan-van-annual', templateVersion: 1, coordinatorId: 'coordinator-1',
        period: { kind: 'annual', year: 2026, label: 'năm 2026', dataFrom: '2025-12-15', dataTo: '2026-12-14' },
        issuingBody: { unitId: 'huyen-uy', name: 'Huyện ủy Tam Đường', symbol: 'HU' },
        milestones: { submissionDeadline: '2026-12-16', reviewDue: '2026-12-21', commentsDue: '2026-12-24', signOffDue: '2026-12-28', distributionDue: '2026-12-30' },
        units: [{ unitId: 'u-1' }],
      },
    }, { metadata: { actor: { userId: 'coordinator-1', role: 'coordinator' }, correlationId: cycleId }, now: new Date() });

    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start<typeof reportingCycle>(WORKFLOW_TYPE, {
        taskQueue, workflowId: cycleId,
        args: [{ cycleId, coordinatorId: 'coordinator-1', startCollecting: true, submissionClosesAt: new Date(Date.now() + 30 * DAY).toISOString() }],
      });
      await handle.executeUpdate(closeSubmissionWindowUpdate, { args: [{ actorId: 'coordinator-1' }] });
      await expect(handle.executeUpdate(reportSignedUpdate, { args: [{ actorId: 'signer-1' }] }))
        .rejects.toMatchObject({ cause: { type: 'CYCLE_WRONG_PHASE' } });
      for (const to of ['commenting', 'signing'] as const) await handle.executeUpdate(advancePhaseUpdate, { args: [{ to, actorId: 'leader-1' }] });

      expect((await handle.executeUpdate(reportSignedUpdate, { args: [{ actorId: 'signer-1' }] })).phase).toBe('distributing');
      const retried = await handle.executeUpdate(reportSignedUpdate, { args: [{ actorId: 'signer-1' }] });
      expect(retried.phase).toBe('distributing');
      expect(retried.phaseHistory.filter((p) => p.phase === 'distributing')).toEqual([expect.objectContaining({ by: 'signer-1' })]);

      await handle.executeUpdate(advancePhaseUpdate, { args: [{ to: 'closed', actorId: 'clerk-1' }] });
      expect((await handle.result()).phaseHistory.map((p) => p.phase)).toEqual(['collecting', 'reviewing', 'commenting', 'signing', 'distributing', 'closed']);
    });
    const events = await eventStore.readStream(`cycle-${cycleId}`);
    expect(events.filter((e) => e.type === 'CyclePhaseAdvanced').map((e) => e.data.to)).toEqual(['collecting', 'commenting', 'signing', 'distributing', 'closed']);
  });
});
