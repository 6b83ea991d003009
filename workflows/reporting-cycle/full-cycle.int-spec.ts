import fs from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { cycleDecider } from '../../libs/domain/src/cycle';
import { openCycleCommand } from '../../libs/domain/src/cycle/test-fixtures';
import { orgUnitDecider } from '../../libs/domain/src/org-units';
import { submissionDecider, SubmissionCommand } from '../../libs/domain/src/submission';
import { DAN_VAN_ANNUAL_TEMPLATE } from '../../libs/domain/src/templates';
import { CommandHandler } from '../../libs/persistence/src/event-store/command-handler';
import { cycleBoardQueries } from '../../libs/persistence/src/projections/cycle-board/cycle-board.projection';
import { EventMetadata } from '../../libs/persistence/src/event-store/event-store';
import { realActivities } from '../../test/infra/activities';
import { createTestDatabase, TestDatabase } from '../../test/infra/db';
import { createTimeSkippingEnv, workflowBundle } from '../../test/infra/temporal';
import { advancePhaseUpdate, cycleStatusQuery, deadlinesChangedSignal, WORKFLOW_TYPE } from './reporting-cycle.messages';
import type { reportingCycle } from './reporting-cycle.workflow';

Runtime.install({ logger: new DefaultLogger('WARN') });

/**
 * A whole annual cycle over real dates, in seconds: opened on 1 December 2030, data cut-off on the 14th,
 * deadline Monday 16 December (reminders D-3, D-1, D0, D+1, D+3 working days at 08:00 Vietnam time = 01:00Z),
 * a return and a resubmission, an extension, a late unit, then review, comments, sign-off and distribution.
 * The activities are the real ones, on a real PostgreSQL; only the clock is Temporal's time-skipping one.
 */
describe('a whole reporting cycle on the time-skipping server', () => {
  let env: TestWorkflowEnvironment;
  let db: TestDatabase;
  beforeAll(async () => {
    env = await createTimeSkippingEnv();
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await env?.teardown();
    await db?.drop();
  });

  it('reminds exactly the units still pending at each reminder point and walks every phase', async () => {
    const { store, projector, activities } = realActivities(db, { publicUrl: 'https://kybaocao.example' });
    const commands = new CommandHandler(store);
    const cycleId = '7d1f0c52-3b1e-4c55-9a57-3c1c2a1d2030';
    const taskQueue = 'full-cycle';
    const envNow = async () => new Date(await env.currentTimeMs());
    const meta = (userId: string, unitId?: string): EventMetadata => ({
      actor: { userId, role: 'test' },
      correlationId: cycleId,
      ...(unitId ? { unitId } : {}),
    });
    const sleepUntil = async (iso: string) => {
      const ms = Date.parse(iso) - (await env.currentTimeMs());
      if (ms < 0) throw new Error(`already past ${iso}`);
      await env.sleep(ms);
    };
    const units = { A: 'hlhpn', B: 'hnd', C: 'mttq', D: 'dtn' } as const;
    const onSubmission = async (unit: string, command: (now: string) => SubmissionCommand) => {
      const now = await envNow();
      await commands.handle(submissionDecider, `submission-${cycleId}:${unit}`, command(now.toISOString()), {
        metadata: meta(unit, unit),
        now,
      });
    };
    const submit = (unit: string, deadline: string) =>
      onSubmission(unit, (now) => ({
        type: 'Submit',
        data: {
          cycleId,
          unitId: unit,
          now,
          effectiveDeadline: deadline,
          template: DAN_VAN_ANNUAL_TEMPLATE,
          content: { figures: { TT_BUOI: { value: 10 } }, narrative: { 'II.1': `Báo cáo của ${unit}` } },
        },
      }));

    for (const [name, id] of Object.entries(units)) {
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
            canonicalName: `Đơn vị ${name}`,
            activeFrom: '2020-01-01',
          },
        },
        { metadata: meta('admin'), now: await envNow() },
      );
    }

    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: workflowBundle(), activities });

    await worker.runUntil(async () => {
      // 1 December 2030, 09:00 in Vietnam: the coordinator opens the cycle.
      await sleepUntil('2030-12-01T02:00:00Z');
      await commands.handle(
        cycleDecider,
        `cycle-${cycleId}`,
        openCycleCommand({
          cycleId,
          units: Object.values(units),
          year: 2030,
          periodKind: 'year',
          issuingBody: { unitId: 'hu', name: 'Huyện ủy Tam Đường', symbol: 'HU' },
          milestones: { reviewDue: '2030-12-20', signOffDue: '2030-12-27', distributionDue: '2030-12-31' },
        }),
        { metadata: meta('cv'), now: await envNow() },
      );
      const handle = await env.client.workflow.start<typeof reportingCycle>(WORKFLOW_TYPE, {
        taskQueue,
        workflowId: cycleId,
        args: [{ cycleId, coordinatorId: 'cv', startCollecting: true, submissionClosesAt: '2030-12-16T17:00:00.000Z' }],
      });

      await sleepUntil('2030-12-10T03:00:00Z'); // Tue 10th: A submits
      await submit(units.A, '2030-12-16');
      await sleepUntil('2030-12-11T04:00:00Z'); // Wed 11th, after D-3: A returned, B submits, C gets an extension
      await onSubmission(units.A, () => ({
        type: 'ReturnSubmission',
        data: { cycleId, unitId: units.A, reasons: [{ sectionCode: 'II.1', reason: 'Thiếu số liệu tuyên truyền' }] },
      }));
      await submit(units.B, '2030-12-16');
      await commands.handle(
        cycleDecider,
        `cycle-${cycleId}`,
        { type: 'ExtendUnitDeadline', data: { unitId: units.C, newDeadline: '2030-12-20', reason: 'Đại hội Mặt trận' } },
        { metadata: meta('cv', units.C), now: await envNow() },
      );
      await handle.signal(deadlinesChangedSignal);
      await sleepUntil('2030-12-16T03:00:00Z'); // Mon 16th 10:00, after D0: A resubmits
      await submit(units.A, '2030-12-16');
      await sleepUntil('2030-12-17T02:00:00Z'); // the window closed at the end of the 16th (Vietnam)
      expect((await handle.query(cycleStatusQuery)).phase).toBe('reviewing');
      await sleepUntil('2030-12-18T03:00:00Z'); // Wed 18th: D submits late
      await submit(units.D, '2030-12-16');
      await sleepUntil('2030-12-19T05:00:00Z'); // Thu 19th: C submits, before its extended deadline
      await submit(units.C, '2030-12-20');
      await sleepUntil('2030-12-20T03:00:00Z'); // Fri 20th: the reviewer approves everyone, review done
      for (const unit of Object.values(units)) {
        await onSubmission(unit, () => ({ type: 'ApproveSubmission', data: { cycleId, unitId: unit } }));
      }
      await handle.executeUpdate(advancePhaseUpdate, { args: [{ to: 'commenting', actorId: 'reviewer' }] });
      await sleepUntil('2030-12-24T03:00:00Z');
      await handle.executeUpdate(advancePhaseUpdate, { args: [{ to: 'signing', actorId: 'cv' }] });
      await sleepUntil('2030-12-27T03:00:00Z');
      await handle.executeUpdate(advancePhaseUpdate, { args: [{ to: 'distributing', actorId: 'signer' }] });
      await sleepUntil('2030-12-30T03:00:00Z');
      await handle.executeUpdate(advancePhaseUpdate, { args: [{ to: 'closed', actorId: 'clerk' }] });
      const result = await handle.result();

      expect(result.phaseHistory.map((p) => `${p.phase} ${p.at.slice(0, 10)} ${p.by}`)).toEqual([
        'collecting 2030-12-01 cv',
        'reviewing 2030-12-16 system:deadline',
        'commenting 2030-12-20 reviewer',
        'signing 2030-12-24 cv',
        'distributing 2030-12-27 signer',
        'closed 2030-12-30 clerk',
      ]);

      const sent = await db.owner.query(
        `SELECT to_char(due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI') AS at, recipient_type, recipient_id, kind, reminder_key
           FROM notifications WHERE cycle_id = $1 ORDER BY due_at, recipient_type, recipient_id`,
        [cycleId],
      );
      expect(sent.map((n: any) => `${n.at} ${n.recipient_type}:${n.recipient_id} ${n.kind} ${n.reminder_key ?? ''}`.trim())).toEqual([
        // Wed 11th = D-3 of the 16th: everyone but A, who had submitted.
        '2030-12-11T01:00 unit:dtn reminder D-3',
        '2030-12-11T01:00 unit:hnd reminder D-3',
        '2030-12-11T01:00 unit:mttq reminder D-3',
        '2030-12-11T01:00 user:cv reminder-summary',
        // Fri 13th = D-1: A (returned on the 11th) and D; not B (submitted), not C (its deadline is now the 20th).
        '2030-12-13T01:00 unit:dtn reminder D-1',
        '2030-12-13T01:00 unit:hlhpn reminder D-1',
        '2030-12-13T01:00 user:cv reminder-summary',
        // Mon 16th = D0: A had not resubmitted yet at 08:00.
        '2030-12-16T01:00 unit:dtn reminder D0',
        '2030-12-16T01:00 unit:hlhpn reminder D0',
        '2030-12-16T01:00 user:cv reminder-summary',
        // Tue 17th: D+1 for D (overdue → escalation to the coordinator) and D-3 of C's extended deadline.
        '2030-12-17T01:00 unit:dtn reminder D+1',
        '2030-12-17T01:00 unit:mttq reminder D-3',
        '2030-12-17T01:00 user:cv escalation',
        // Thu 19th: D-1 for C; D's D+3 is not sent, D submitted on the 18th.
        '2030-12-19T01:00 unit:mttq reminder D-1',
        '2030-12-19T01:00 user:cv reminder-summary',
      ]);
      const [summary] = await db.owner.query(`SELECT subject, body, link FROM notifications WHERE cycle_id = $1 AND kind = 'escalation'`, [
        cycleId,
      ]);
      expect(summary.subject).toBe('[Tổng hợp] Báo cáo năm 2030: còn 2/4 đơn vị chưa nộp');
      expect(summary.body).toContain('Hệ thống vừa nhắc 2 đơn vị (1 đơn vị đã quá hạn): Đơn vị D, Đơn vị C.');
      const [reminder] = await db.owner.query(
        `SELECT subject, body, link FROM notifications WHERE cycle_id = $1 AND reminder_key = 'D+1'`,
        [cycleId],
      );
      expect(reminder).toEqual({
        subject: '[Quá hạn] Báo cáo năm 2030: đã quá hạn nộp 16/12/2030',
        body: expect.stringContaining('Đơn vị chưa nộp báo cáo năm 2030, đã quá hạn nộp ngày 16/12/2030.'),
        link: `https://kybaocao.example/ui/cycles/${cycleId}/units/dtn`,
      });
      await projector.catchUpToNow(30000); // the board is a read model: read it once it has caught up
      const board = await cycleBoardQueries.unitsOfCycle(db.app.manager, cycleId);
      expect(board.map((u) => [u.unitId, u.status, u.late, u.daysLate, u.effectiveDeadline])).toEqual([
        ['hlhpn', 'approved', false, 0, '2030-12-16'],
        ['hnd', 'approved', false, 0, '2030-12-16'],
        ['mttq', 'approved', false, 0, '2030-12-20'],
        ['dtn', 'approved', true, 2, '2030-12-16'],
      ]);

      if (process.env.UPDATE_REPLAY_HISTORIES) {
        // `UPDATE_REPLAY_HISTORIES=1 npm test -- full-cycle` refreshes the history replayed by test/replay.int-spec.ts.
        fs.writeFileSync(
          path.join(__dirname, '../../test/histories/reporting-cycle-full.json'),
          JSON.stringify(temporal.api.history.v1.History.fromObject(await handle.fetchHistory()).toJSON()),
        );
      }
    });
  });
});
