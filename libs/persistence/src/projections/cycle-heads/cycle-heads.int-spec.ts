import { randomUUID } from 'node:crypto';
import { cycleDecider, effectiveDeadline, type CycleState } from '@kybaocao/domain/cycle';
import { openCycleCommand } from '@kybaocao/domain/cycle/test-fixtures';
import { createTestDatabase, TestDatabase } from '../../../../../test/infra/db';
import { CommandHandler } from '../../event-store/command-handler';
import { ConcurrencyConflictError, EventMetadata, EventStore } from '../../event-store/event-store';
import { cycleHeadQueries, rebuildCycleHeads, type Sql } from './cycle-heads.projection';
import { UNIT_PAGE } from '../pages';

const meta: EventMetadata = { actor: { userId: 'cv', role: 'coordinator' }, correlationId: 'c' };
const now = () => new Date('2026-12-10T03:00:00Z');
const unitIds = (n: number) => Array.from({ length: n }, (_, i) => `xa-${String(i + 1).padStart(5, '0')}`);

/** Counts the rows and bytes (as JSON) that the queries run through it return. */
function counting(m: Sql) {
  const seen = { rows: 0, bytes: 0 };
  const sql: Sql = {
    async query(text, params) {
      const rows = await m.query(text, params);
      seen.rows += rows.length;
      seen.bytes += Buffer.byteLength(JSON.stringify(rows));
      return rows;
    },
  };
  return { sql, seen };
}

describe('cycle heads: the inline read model commands on one unit read', () => {
  let db: TestDatabase;
  let store: EventStore;
  let commands: CommandHandler;
  beforeEach(async () => {
    db = await createTestDatabase();
    store = new EventStore(db.app);
    commands = new CommandHandler(store);
  });
  afterEach(() => db.drop());

  const open = async (units: string[]) => {
    const cycleId = randomUUID();
    await commands.handle(cycleDecider, `cycle-${cycleId}`, openCycleCommand({ cycleId, units }), { metadata: meta, now: now() });
    return cycleId;
  };
  const fold = async (cycleId: string) =>
    (await store.readStream(`cycle-${cycleId}`)).reduce<CycleState>(
      (s, e) => cycleDecider.evolve(s, { type: e.type, data: e.data } as any),
      cycleDecider.initialState(),
    );

  it("follows every change of the stream in the append's own transaction, as the decider folds it", async () => {
    const cycleId = await open(['a', 'b', 'c']);
    const stream = `cycle-${cycleId}`;
    await commands.handle(cycleDecider, stream, { type: 'AdvancePhase', data: { to: 'collecting' } }, { metadata: meta, now: now() });
    await commands.handle(
      cycleDecider,
      stream,
      { type: 'ExtendUnitDeadline', data: { unitId: 'b', newDeadline: '2026-12-20', reason: 'Lũ lụt' } },
      { metadata: meta, now: now() },
    );
    await commands.handle(
      cycleDecider,
      stream,
      { type: 'AssignUnits', data: { units: [{ unitId: 'd', deadline: '2026-12-14' }] } },
      { metadata: meta, now: now() },
    );
    await commands.handle(
      cycleDecider,
      stream,
      { type: 'UnassignUnit', data: { unitId: 'a', reason: 'Sáp nhập' } },
      { metadata: meta, now: now() },
    );

    const folded = await fold(cycleId);
    if (folded.status === 'not_opened') throw new Error('not opened');
    const { assignedUnits, ...head } = folded;
    const read = await cycleHeadQueries.head(db.app.manager, cycleId);
    expect(read).toEqual({ head: JSON.parse(JSON.stringify(head)), version: 5 });
    expect(read!.head.status).toBe('collecting');

    const deadlines = await Promise.all(['a', 'b', 'c', 'd'].map((u) => cycleHeadQueries.forUnit(db.app.manager, cycleId, u)));
    // As the decider's own fold says (effectiveDeadline), unit by unit; 'a' left the cycle.
    expect(deadlines.map((r) => r?.unit && [r.unit.unitId, r.unit.effectiveDeadline])).toEqual([
      null,
      ...['b', 'c', 'd'].map((u) => [u, effectiveDeadline(folded, u)]),
    ]);
    expect(deadlines[1]!.unit!.effectiveDeadline).toBe('2026-12-20');
    expect(deadlines[3]!.unit!.effectiveDeadline).toBe('2026-12-14');
    expect(assignedUnits.map((u) => u.unitId)).toEqual(['b', 'c', 'd']);
    expect(await cycleHeadQueries.assignedAmong(db.app.manager, cycleId, ['d', 'a', 'b', 'zz'])).toEqual(['b', 'd']);
    expect(await cycleHeadQueries.forUnit(db.app.manager, randomUUID(), 'b')).toBeNull();

    // Rebuilt from the log (as the migration backfills): the same rows.
    const snapshot = async () => ({
      heads: await db.owner.query(`SELECT * FROM cycle_heads ORDER BY cycle_id`),
      members: await db.owner.query(`SELECT * FROM cycle_memberships ORDER BY cycle_id, unit_id`),
    });
    const live = await snapshot();
    await db.owner.transaction((m) => rebuildCycleHeads(m));
    expect(await snapshot()).toEqual(live);
  });

  it('a refused append (stale version) leaves the read model as it was', async () => {
    const cycleId = await open(['a', 'b']);
    await expect(
      store.appendToStream(
        `cycle-${cycleId}`,
        [
          {
            eventId: randomUUID(),
            type: 'UnitDeadlineExtended',
            data: { cycleId, unitId: 'a', previousDeadline: '2026-12-16', newDeadline: '2027-01-05', reason: 'x' },
          },
        ],
        { expectedVersion: 0, metadata: meta, now: now() },
      ),
    ).rejects.toBeInstanceOf(ConcurrencyConflictError);
    expect((await cycleHeadQueries.forUnit(db.app.manager, cycleId, 'a'))!.unit!.effectiveDeadline).toBe('2026-12-16');
    expect((await cycleHeadQueries.head(db.app.manager, cycleId))!.version).toBe(1);
  });

  it('what a command on one unit reads is the same at 200 and at 20,000 units (rows and bytes counted), unlike the stream', async () => {
    const small = await open(unitIds(200));
    const large = await open(unitIds(20_000));
    const readFor = async (cycleId: string) => {
      const { sql, seen } = counting(db.app.manager);
      const r = await cycleHeadQueries.forUnit(sql, cycleId, 'xa-00150');
      expect(r!.unit!.effectiveDeadline).toBe('2026-12-16');
      return seen;
    };
    const a = await readFor(small);
    const b = await readFor(large);
    // Only the cycle id differs between the two rows, and it has the same length.
    expect(b).toEqual(a);
    expect(a.rows).toBe(1);
    // The stream a fold would read grows with the units (the CycleOpened event holds them all).
    const streamBytes = async (cycleId: string) => Buffer.byteLength(JSON.stringify(await store.readStream(`cycle-${cycleId}`)));
    expect(await streamBytes(large)).toBeGreaterThan(50 * (await streamBytes(small)));
  }, 120_000);

  it('an opening of more than a page of units (UNIT_PAGE) assigns every unit, positioned in order across the pages', async () => {
    expect(UNIT_PAGE).toBe(1000);
    const units = unitIds(2500);
    const cycleId = await open(units);
    await commands.handle(
      cycleDecider,
      `cycle-${cycleId}`,
      { type: 'AssignUnits', data: { units: [{ unitId: 'zz-b' }, { unitId: 'zz-a' }] } },
      { metadata: meta, now: now() },
    );
    const rows: { unit_id: string; position: string | number }[] = await db.owner.query(
      `SELECT unit_id, position FROM cycle_memberships WHERE cycle_id = $1 AND assigned ORDER BY position`,
      [cycleId],
    );
    expect(rows.map((r) => r.unit_id)).toEqual([...units, 'zz-b', 'zz-a']);
    expect(rows.map((r) => Number(r.position))).toEqual(Array.from({ length: 2502 }, (_, i) => i + 1));
    // As the decider's own fold orders them.
    const folded = await fold(cycleId);
    if (folded.status === 'not_opened') throw new Error('not opened');
    expect(folded.assignedUnits.map((u) => u.unitId)).toEqual(rows.map((r) => r.unit_id));
  }, 120_000);

  it('names the approved units from the log itself, before any read model has run', async () => {
    const cycleId = await open(['a', 'b', 'c']);
    for (const unitId of ['c', 'a']) {
      await store.appendToStream(
        `submission-${cycleId}:${unitId}`,
        [{ type: 'SubmissionApproved', data: { cycleId, unitId, version: 1 }, eventId: randomUUID() }],
        { expectedVersion: 'any', metadata: meta, now: now() },
      );
    }
    // Another cycle's approval of a unit of the same name does not count.
    const other = await open(['b']);
    await store.appendToStream(
      `submission-${other}:b`,
      [{ type: 'SubmissionApproved', data: { cycleId: other, unitId: 'b', version: 1 }, eventId: randomUUID() }],
      { expectedVersion: 'any', metadata: meta, now: now() },
    );
    expect(await cycleHeadQueries.approvedUnitIds(db.app.manager, cycleId)).toEqual(['a', 'c']);
    expect(await cycleHeadQueries.approvedUnitIds(db.app.manager, other)).toEqual(['b']);
  });
});
