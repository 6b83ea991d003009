import { randomUUID } from 'node:crypto';
import { cycleDecider } from '@kybaocao/domain/cycle';
import { openCycleCommand } from '@kybaocao/domain/cycle/test-fixtures';
import { orgUnitDecider } from '@kybaocao/domain/org-units';
import { submissionDecider } from '@kybaocao/domain/submission';
import { DAN_VAN_ANNUAL_TEMPLATE } from '@kybaocao/domain/templates';
import { createTestDatabase, TestDatabase } from '../../../../../test/infra/db';
import { CommandHandler } from '../../event-store/command-handler';
import { EventMetadata, EventStore } from '../../event-store/event-store';
import { orgUnitsProjection } from '../org-units/org-units.projection';
import { Projector } from '../projector';
import { cycleBoardProjection } from './cycle-board.projection';
import { cycleBoardQueries } from './cycle-board.queries';

const meta: EventMetadata = { actor: { userId: 'cv', role: 'coordinator' }, correlationId: 'c' };
const now = () => new Date('2026-12-10T03:00:00Z');

/** The board read model's queries over real PostgreSQL: what the board, the reminders and the digest read. */
describe('cycle board queries', () => {
  let db: TestDatabase;
  let commands: CommandHandler;
  let projector: Projector;
  const cycleId = randomUUID();
  const other = randomUUID();

  const open = async (id: string, coordinatorId: string, dataTo: string, units: string[]) => {
    await commands.handle(
      cycleDecider,
      `cycle-${id}`,
      openCycleCommand({
        cycleId: id,
        units,
        coordinatorId,
        year: Number(dataTo.slice(0, 4)),
        issuingBody: { unitId: 'hu', name: 'Huyện ủy Tam Đường', symbol: 'HU' },
      }),
      { metadata: meta, now: now() },
    );
    await commands.handle(
      cycleDecider,
      `cycle-${id}`,
      { type: 'AdvancePhase', data: { to: 'collecting' } },
      { metadata: meta, now: now() },
    );
  };
  const sub = (unitId: string) => `submission-${cycleId}:${unitId}`;
  const submit = (unitId: string) =>
    commands.handle(
      submissionDecider,
      sub(unitId),
      {
        type: 'Submit',
        data: {
          cycleId,
          unitId,
          now: now().toISOString(),
          effectiveDeadline: '2026-12-16',
          template: DAN_VAN_ANNUAL_TEMPLATE,
          content: { figures: { TT_BUOI: { value: 3 } }, narrative: {} },
        },
      },
      { metadata: meta, now: now() },
    );

  beforeAll(async () => {
    db = await createTestDatabase();
    const store = new EventStore(db.app);
    commands = new CommandHandler(store);
    projector = new Projector(db.app, store, [orgUnitsProjection, cycleBoardProjection]);
    for (const [id, name] of [
      ['hlhpn', 'Hội Liên hiệp Phụ nữ huyện'],
      ['hnd', 'Hội Nông dân huyện'],
      ['mttq', 'Ủy ban MTTQ huyện'],
    ]) {
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
            canonicalName: name,
            activeFrom: '2020-01-01',
          },
        },
        { metadata: meta, now: now() },
      );
    }
    await open(cycleId, 'cv', '2026-12-14', ['hlhpn', 'hnd', 'mttq', 'not-in-registry']);
    await open(other, 'someone-else', '2025-12-14', ['hnd']);
    await commands.handle(
      cycleDecider,
      `cycle-${cycleId}`,
      { type: 'ExtendUnitDeadline', data: { unitId: 'mttq', newDeadline: '2026-12-20', reason: 'Lũ' } },
      { metadata: meta, now: now() },
    );
    await submit('hlhpn');
    await submit('hnd');
    await commands.handle(
      submissionDecider,
      sub('hnd'),
      { type: 'ApproveSubmission', data: { cycleId, unitId: 'hnd' } },
      { metadata: meta, now: now() },
    );
    await projector.catchUpToNow();
  });
  afterAll(() => db.drop());

  it("the board's rows: every unit of the cycle by id, named from the registry (a unit missing from it by its id)", async () => {
    const rows = await cycleBoardQueries.boardRowsOfCycle(db.app.manager, cycleId);
    expect(rows.map((r) => [r.unitId, r.unitName, r.unitKind, r.status, r.effectiveDeadline, r.assigned])).toEqual([
      ['hlhpn', 'Hội Liên hiệp Phụ nữ huyện', 'HLHPN', 'submitted', '2026-12-16', true],
      ['hnd', 'Hội Nông dân huyện', 'HND', 'approved', '2026-12-16', true],
      ['mttq', 'Ủy ban MTTQ huyện', 'MTTQ', 'not_started', '2026-12-20', true],
      ['not-in-registry', 'not-in-registry', 'KHONG_RO', 'not_started', '2026-12-16', true],
    ]);
    expect(rows[0].submittedAt).toBe(now().toISOString());
    expect(rows[2].submittedAt).toBeNull();
  });

  it('the cycle headers: one, those ending on a day, every one newest first, and who coordinates', async () => {
    const header = await cycleBoardQueries.cycleHeader(db.app.manager, cycleId);
    expect(header).toEqual(
      expect.objectContaining({
        id: cycleId,
        periodLabel: 'năm 2026',
        dataFrom: '2025-12-15',
        dataTo: '2026-12-14',
        issuingBodyName: 'Huyện ủy Tam Đường',
        status: 'collecting',
      }),
    );
    expect(await cycleBoardQueries.cycleHeader(db.app.manager, randomUUID())).toBeNull();
    expect((await cycleBoardQueries.cyclesEndingOn(db.app.manager, '2026-12-14')).map((c) => [c.id, c.issuingBodyUnitId])).toEqual([
      [cycleId, 'hu'],
    ]);
    expect((await cycleBoardQueries.cyclesNewestFirst(db.app.manager, { all: true }, 10)).map((c) => c.id).sort()).toEqual(
      [cycleId, other].sort(),
    );
    expect(await cycleBoardQueries.coordinationOf(db.app.manager, cycleId)).toEqual({
      status: 'collecting',
      coordinatorId: 'cv',
      periodLabel: 'năm 2026',
    });
    expect((await cycleBoardQueries.cyclesCoordinatedBy(db.app.manager, 'cv', ['collecting'])).map((c) => c.id)).toEqual([cycleId]);
    expect(await cycleBoardQueries.cyclesCoordinatedBy(db.app.manager, 'cv', ['signing'])).toEqual([]);
    expect(await cycleBoardQueries.sameCycleYearBefore(db.app.manager, 'dan-van-annual', 'hu', '2026-12-14')).toEqual({
      cycleId: other,
      periodLabel: 'năm 2025',
      dataTo: '2025-12-14',
    });
    expect(await cycleBoardQueries.sameCycleYearBefore(db.app.manager, 'dan-van-annual', 'hu', '2028-12-14')).toBeNull();
  });

  it('what the reminders read: the distinct deadlines, the units still to send, and the counts', async () => {
    expect((await cycleBoardQueries.unitDeadlines(db.app.manager, cycleId)).sort()).toEqual(['2026-12-16', '2026-12-20']);
    expect(await cycleBoardQueries.unitsWithStatus(db.app.manager, cycleId, ['not_started', 'draft', 'returned'])).toEqual([
      { unitId: 'mttq', deadline: '2026-12-20', name: 'Ủy ban MTTQ huyện' },
      { unitId: 'not-in-registry', deadline: '2026-12-16', name: null },
    ]);
    expect(await cycleBoardQueries.countsOfCycle(db.app.manager, cycleId)).toEqual({ expected: 4, submitted: 2, unapproved: 3 });
    expect(await cycleBoardQueries.approvedUnitIds(db.app.manager, cycleId)).toEqual(['hnd']);
    expect(await cycleBoardQueries.approvedUnitIds(db.app.manager, other)).toEqual([]);
  });
  it("cycle_units' copy of each unit's name, kind, level and interval follows the registry: registered late, renamed, closed", async () => {
    const copies = async () =>
      db.app.query(
        `SELECT cu.unit_id, cu.unit_name IS NOT DISTINCT FROM ou.canonical_name AND cu.unit_kind IS NOT DISTINCT FROM ou.kind
                  AND cu.unit_level IS NOT DISTINCT FROM ou.level AND cu.unit_active_from IS NOT DISTINCT FROM ou.active_from
                  AND cu.unit_active_to IS NOT DISTINCT FROM ou.active_to AS same, cu.unit_name, cu.unit_active_to
           FROM cycle_units cu LEFT JOIN org_units ou ON ou.id = cu.unit_id WHERE cu.cycle_id = $1 ORDER BY cu.unit_id`,
        [cycleId],
      );
    expect((await copies()).map((r: any) => [r.unit_id, r.same, r.unit_name])).toEqual([
      ['hlhpn', true, 'Hội Liên hiệp Phụ nữ huyện'],
      ['hnd', true, 'Hội Nông dân huyện'],
      ['mttq', true, 'Ủy ban MTTQ huyện'],
      ['not-in-registry', true, null],
    ]);
    const change = (unitId: string, command: any) =>
      commands.handle(orgUnitDecider, `orgunit-${unitId}`, command, { metadata: meta, now: now() });
    await change('not-in-registry', {
      type: 'RegisterUnit',
      data: {
        unitId: 'not-in-registry',
        parentId: null,
        level: 'xa',
        kind: 'HND',
        canonicalName: 'Hội Nông dân xã Bản Bo',
        activeFrom: '2020-01-01',
      },
    });
    await change('hlhpn', { type: 'RenameUnit', data: { newName: 'Hội Liên hiệp Phụ nữ huyện Tam Đường' } });
    await change('mttq', { type: 'CloseUnit', data: { activeTo: '2026-06-30', reason: 'Hợp nhất' } });
    await projector.catchUpToNow();
    expect((await copies()).map((r: any) => [r.unit_id, r.same, r.unit_name, r.unit_active_to])).toEqual([
      ['hlhpn', true, 'Hội Liên hiệp Phụ nữ huyện Tam Đường', null],
      ['hnd', true, 'Hội Nông dân huyện', null],
      ['mttq', true, 'Ủy ban MTTQ huyện', '2026-06-30'],
      ['not-in-registry', true, 'Hội Nông dân xã Bản Bo', null],
    ]);
    // A rebuild of either read model ends with the same copies.
    await projector.rebuild('org-units');
    await projector.rebuild('cycle-board');
    expect((await copies()).every((r: any) => r.same)).toBe(true);
    expect((await copies()).map((r: any) => r.unit_name)).toEqual([
      'Hội Liên hiệp Phụ nữ huyện Tam Đường',
      'Hội Nông dân huyện',
      'Ủy ban MTTQ huyện',
      'Hội Nông dân xã Bản Bo',
    ]);
  });
});
