import { randomUUID } from 'node:crypto';
import { submissionDecider } from '@kybaocao/domain/submission';
import { DAN_VAN_ANNUAL_TEMPLATE } from '@kybaocao/domain/templates';
import { createTestDatabase, TestDatabase } from '../../../../../test/infra/db';
import { CommandHandler } from '../../event-store/command-handler';
import { EventMetadata, EventStore } from '../../event-store/event-store';
import { Projector } from '../projector';
import { approvedSubmissionQueries, approvedSubmissionsProjection } from './approved-submissions.projection';

const meta: EventMetadata = { actor: { userId: 'u', role: 'reviewer' }, correlationId: 'c' };
const now = () => new Date('2026-12-10T03:00:00Z');

describe('approved submissions: what consolidation reads', () => {
  let db: TestDatabase;
  let commands: CommandHandler;
  let projector: Projector;
  beforeEach(async () => {
    db = await createTestDatabase();
    const store = new EventStore(db.app);
    commands = new CommandHandler(store);
    projector = new Projector(db.app, store, [approvedSubmissionsProjection]);
  });
  afterEach(() => db.drop());

  const run = (cycleId: string, unitId: string, command: any) =>
    commands.handle(
      submissionDecider,
      `submission-${cycleId}:${unitId}`,
      { ...command, data: { cycleId, unitId, ...command.data } },
      { metadata: meta, now: now() },
    );
  const submit = (cycleId: string, unitId: string, buoi: number, text = '') =>
    run(cycleId, unitId, {
      type: 'Submit',
      data: {
        now: now().toISOString(),
        effectiveDeadline: '2026-12-16',
        template: DAN_VAN_ANNUAL_TEMPLATE,
        content: { figures: { TT_BUOI: { value: buoi } }, narrative: text ? { 'II.1': text } : {} },
      },
    });
  const approve = (cycleId: string, unitId: string) => run(cycleId, unitId, { type: 'ApproveSubmission', data: {} });

  it("each unit's latest approval with its content and source; as of a position, the approvals then; other cycles never mixed in", async () => {
    const cycle = randomUUID();
    const other = randomUUID();
    await submit(cycle, 'hlhpn', 12, 'Tổ chức 12 buổi.');
    const approvedHlhpn = await approve(cycle, 'hlhpn');
    await submit(cycle, 'hnd', 7);
    await run(cycle, 'hnd', { type: 'ReturnSubmission', data: { reasons: [{ sectionCode: 'II.1', reason: 'Thiếu số liệu' }] } });
    await submit(cycle, 'hnd', 8);
    const approvedHnd = await approve(cycle, 'hnd');
    await submit(cycle, 'mttq', 99); // submitted, never approved
    await submit(other, 'hlhpn', 500);
    await approve(other, 'hlhpn');
    const before = approvedHnd.events[0].globalPosition;
    const corrected = await run(cycle, 'hlhpn', {
      type: 'CorrectSubmission',
      data: {
        now: now().toISOString(),
        template: DAN_VAN_ANNUAL_TEMPLATE,
        figures: { TT_BUOI: { value: 13 } },
        narrative: { 'II.1': 'Tổ chức 13 buổi.' },
        reason: 'Sai số buổi',
      },
    });
    await projector.catchUpToNow();

    const now_ = await approvedSubmissionQueries.ofCycle(db.app.manager, cycle);
    expect(now_).toEqual([
      {
        unitId: 'hlhpn',
        version: 2,
        figures: { TT_BUOI: { value: 13 } },
        narrative: { 'II.1': 'Tổ chức 13 buổi.' },
        sourceEventId: corrected.events[0].eventId,
        sourcePosition: corrected.events[0].globalPosition,
      },
      {
        unitId: 'hnd',
        version: 2,
        figures: { TT_BUOI: { value: 8 } },
        narrative: {},
        sourceEventId: approvedHnd.events[0].eventId,
        sourcePosition: approvedHnd.events[0].globalPosition,
      },
    ]);
    const then = await approvedSubmissionQueries.ofCycle(db.app.manager, cycle, { upToPosition: before });
    expect(then.map((r) => [r.unitId, r.version, r.figures, r.sourceEventId])).toEqual([
      ['hlhpn', 1, { TT_BUOI: { value: 12 } }, approvedHlhpn.events[0].eventId],
      ['hnd', 2, { TT_BUOI: { value: 8 } }, approvedHnd.events[0].eventId],
    ]);
    // A rebuild from the log gives the same answer.
    await projector.rebuild('approved-submissions');
    expect(await approvedSubmissionQueries.ofCycle(db.app.manager, cycle)).toEqual(now_);
  });
});
