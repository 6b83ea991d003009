import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { cycleDecider } from '../../libs/domain/src/cycle';
import { openCycleCommand } from '../../libs/domain/src/cycle/test-fixtures';
import { submissionDecider } from '../../libs/domain/src/submission';
import { DAN_VAN_ANNUAL_TEMPLATE } from '../../libs/domain/src/templates';
import { CommandHandler } from '../../libs/persistence/src/event-store/command-handler';
import { EventMetadata } from '../../libs/persistence/src/event-store/event-store';
import { realActivities } from '../../test/infra/activities';
import { createTestDatabase, TestDatabase } from '../../test/infra/db';
import { connectToDevServer, workflowBundle } from '../../test/infra/temporal';
import { advancePhaseUpdate, closeSubmissionWindowUpdate, WORKFLOW_TYPE } from './reporting-cycle.messages';
import type { reportingCycle } from './reporting-cycle.workflow';

Runtime.install({ logger: new DefaultLogger('WARN') });

/**
 * Scale is a design input: a cycle's workflow history must not grow with its number of units. A 20-unit and a
 * 2,000-unit cycle run end to end on the real dev server (every unit submits and is approved); their histories
 * have the same length.
 */
describe('workflow history length does not grow with the number of units (real dev server)', () => {
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

  async function runCycle(unitCount: number): Promise<{ events: number; seconds: number }> {
    const started = Date.now();
    const { store, activities } = realActivities(db);
    const commands = new CommandHandler(store);
    const cycleId = randomUUID();
    const units = Array.from({ length: unitCount }, (_, i) => `unit-${unitCount}-${String(i).padStart(5, '0')}`);
    const meta: EventMetadata = { actor: { userId: 'cv', role: 'coordinator' }, correlationId: cycleId };
    await commands.handle(
      cycleDecider,
      `cycle-${cycleId}`,
      openCycleCommand({
        cycleId,
        units,
        periodKind: 'year',
        issuingBody: { unitId: 'tw', name: 'Ban Dân vận Trung ương', symbol: 'BDVTW' },
      }),
      { metadata: meta, now: new Date() },
    );

    const taskQueue = `history-${unitCount}-${cycleId}`;
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: workflowBundle(), activities });
    const events = await worker.runUntil(async () => {
      const handle = await env.client.workflow.start<typeof reportingCycle>(WORKFLOW_TYPE, {
        taskQueue,
        workflowId: cycleId,
        args: [{ cycleId, coordinatorId: 'cv', startCollecting: true, submissionClosesAt: '2026-12-16T17:00:00.000Z' }],
      });
      const forEachUnit = async (fn: (unitId: string) => Promise<unknown>) => {
        for (let i = 0; i < units.length; i += 16) await Promise.all(units.slice(i, i + 16).map(fn));
      };
      await forEachUnit((unitId) =>
        commands.handle(
          submissionDecider,
          `submission-${cycleId}:${unitId}`,
          {
            type: 'Submit',
            data: {
              cycleId,
              unitId,
              now: new Date().toISOString(),
              effectiveDeadline: '2026-12-16',
              template: DAN_VAN_ANNUAL_TEMPLATE,
              content: { figures: { TT_BUOI: { value: 3 } }, narrative: {} },
            },
          },
          { metadata: { ...meta, unitId }, now: new Date() },
        ),
      );
      await handle.executeUpdate(closeSubmissionWindowUpdate, { args: [{ actorId: 'cv' }] });
      await forEachUnit((unitId) =>
        commands.handle(
          submissionDecider,
          `submission-${cycleId}:${unitId}`,
          { type: 'ApproveSubmission', data: { cycleId, unitId } },
          { metadata: meta, now: new Date() },
        ),
      );
      for (const to of ['commenting', 'signing', 'distributing', 'closed'] as const) {
        await handle.executeUpdate(advancePhaseUpdate, { args: [{ to, actorId: 'cv' }] });
      }
      const result = await handle.result();
      expect(result.phase).toBe('closed');
      return (await handle.fetchHistory()).events!.length;
    });
    return { events, seconds: (Date.now() - started) / 1000 };
  }

  it('has the same order of history length for 20 and 2,000 units', async () => {
    const small = await runCycle(20);
    const large = await runCycle(2000);
    process.stdout.write(
      `[history-length] 20 units: ${small.events} history events (${small.seconds.toFixed(1)} s); ` +
        `2,000 units: ${large.events} history events (${large.seconds.toFixed(1)} s)\n`,
    );
    // Same order, not necessarily equal: how many workflow tasks the updates share varies with timing by a few
    // events. One signal or child workflow per unit would add thousands.
    expect(large.events).toBeLessThanOrEqual(small.events + 10);
    expect(large.events).toBeLessThan(200);
    expect((await db.owner.query(`SELECT count(*)::int AS n FROM events WHERE event_type = 'SubmissionApproved'`))[0].n).toBe(2020);
  }, 300000);
});
