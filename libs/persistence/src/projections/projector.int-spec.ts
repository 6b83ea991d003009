import { randomUUID } from 'node:crypto';
import { cycleDecider } from '@kybaocao/domain/cycle';
import { openCycleCommand } from '@kybaocao/domain/cycle/test-fixtures';
import { orgUnitDecider } from '@kybaocao/domain/org-units';
import { submissionDecider } from '@kybaocao/domain/submission';
import { DAN_VAN_ANNUAL_TEMPLATE } from '@kybaocao/domain/templates';
import { createTestDatabase, TestDatabase } from '../../../../test/infra/db';
import { CommandHandler } from '../event-store/command-handler';
import { EventMetadata, EventStore } from '../event-store/event-store';
import { PROJECTIONS } from '.';
import { cycleBoardQueries } from './cycle-board/cycle-board.projection';
import { Projection, Projector, ReadModelBehindError } from './projector';
import { orgUnitsProjection } from './org-units/org-units.projection';
import { approvedSubmissionQueries } from './approved-submissions/approved-submissions.projection';

const meta: EventMetadata = { actor: { userId: 'cv', role: 'coordinator' }, correlationId: 'c' };
const units = ['hlhpn', 'hnd', 'mttq'];

describe('Projector over the real event store', () => {
  let db: TestDatabase;
  let store: EventStore;
  let commands: CommandHandler;
  let projector: Projector;
  const cycleId = randomUUID();
  const now = () => new Date('2026-12-10T03:00:00Z');
  const sub = (unitId: string) => `submission-${cycleId}:${unitId}`;
  const submit = (unitId: string, buoi: number, luot: number) =>
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
          content: { figures: { TT_BUOI: { value: buoi }, TT_LUOT_NGUOI: { value: luot, qualifier: 'tren' } }, narrative: {} },
        },
      },
      { metadata: meta, now: now() },
    );

  beforeEach(async () => {
    db = await createTestDatabase();
    store = new EventStore(db.app);
    commands = new CommandHandler(store);
    projector = new Projector(db.app, store, PROJECTIONS);
    for (const id of units) {
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
            canonicalName: `Đơn vị ${id}`,
            activeFrom: '2020-01-01',
          },
        },
        { metadata: meta, now: now() },
      );
    }
    await commands.handle(cycleDecider, `cycle-${cycleId}`, openCycleCommand({ cycleId, units }), { metadata: meta, now: now() });
    await commands.handle(
      cycleDecider,
      `cycle-${cycleId}`,
      { type: 'AdvancePhase', data: { to: 'collecting' } },
      { metadata: meta, now: now() },
    );
  });
  afterEach(() => db.drop());

  const dump = async () => ({
    orgUnits: await db.owner.query(`SELECT * FROM org_units ORDER BY id`),
    cycles: await db.owner.query(`SELECT * FROM cycles ORDER BY id`),
    cycleUnits: await db.owner.query(`SELECT * FROM cycle_units ORDER BY cycle_id, unit_id`),
    versions: await db.owner.query(`SELECT * FROM submission_versions ORDER BY cycle_id, unit_id, version`),
    approvals: await db.owner.query(`SELECT * FROM submission_approvals ORDER BY source_position`),
  });

  it('builds the same read models live (event by event) as rebuilt from scratch', async () => {
    await projector.catchUpToNow();
    await submit('hlhpn', 245, 9800);
    await projector.catchUpToNow();
    await commands.handle(
      submissionDecider,
      sub('hlhpn'),
      {
        type: 'ReturnSubmission',
        data: { cycleId, unitId: 'hlhpn', reasons: [{ sectionCode: 'II.1', reason: 'Số lượt người chưa khớp' }] },
      },
      { metadata: meta, now: now() },
    );
    await submit('hnd', 120, 5100);
    await projector.catchUpToNow();
    await submit('hlhpn', 245, 9850);
    await commands.handle(
      submissionDecider,
      sub('hnd'),
      { type: 'ApproveSubmission', data: { cycleId, unitId: 'hnd' } },
      { metadata: meta, now: now() },
    );
    await projector.catchUpToNow();

    const live = await dump();
    expect(live.cycleUnits.map((r: any) => [r.unit_id, r.status, r.current_version, r.returns])).toEqual([
      ['hlhpn', 'resubmitted', 2, 1],
      ['hnd', 'approved', 1, 0],
      ['mttq', 'not_started', null, 0],
    ]);
    expect(await cycleBoardQueries.approvedUnitIds(db.app.manager, cycleId)).toEqual(['hnd']);
    expect(live.versions.map((r: any) => [r.unit_id, r.version, r.figures.TT_LUOT_NGUOI])).toEqual([
      ['hlhpn', 1, { value: 9800, qualifier: 'tren' }],
      ['hlhpn', 2, { value: 9850, qualifier: 'tren' }],
      ['hnd', 1, { value: 5100, qualifier: 'tren' }],
    ]);
    const approved = await approvedSubmissionQueries.ofCycle(db.app.manager, cycleId);
    expect(approved.map((a) => [a.unitId, a.version, a.figures.TT_LUOT_NGUOI])).toEqual([['hnd', 1, { value: 5100, qualifier: 'tren' }]]);
    // Provenance: each approved figure names the approval it came from.
    const source = (await store.readStream(sub('hnd'))).find((e) => e.eventId === approved[0].sourceEventId)!;
    expect(source.type).toBe('SubmissionApproved');
    expect(source.data.version).toBe(1);

    for (const p of PROJECTIONS) await projector.rebuild(p.name);
    expect(await dump()).toEqual(live);
  });

  it('does not skip a submission whose transaction commits after a later one', async () => {
    await projector.catchUpToNow();
    const slow = db.app.createQueryRunner();
    await slow.connect();
    await slow.startTransaction();
    await store.appendToStream(
      sub('mttq'),
      [
        {
          eventId: randomUUID(),
          type: 'SubmissionSubmitted',
          data: {
            cycleId,
            unitId: 'mttq',
            version: 1,
            resubmission: false,
            submittedAt: now().toISOString(),
            deadline: '2026-12-16',
            late: false,
            daysLate: 0,
            templateId: 'dan-van-annual',
            templateVersion: 1,
            figures: { TT_BUOI: { value: 40 } },
            narrative: {},
            warnings: [],
          },
        },
      ],
      { expectedVersion: 'no_stream', metadata: meta, now: now(), manager: slow.manager },
    );
    await submit('hlhpn', 245, 9800); // commits while the slow one is still open
    await projector.catchUp(); // one pass: it must stop at the open transaction, not skip it
    const status = async () => (await cycleBoardQueries.unitsOfCycle(db.app.manager, cycleId)).map((u) => [u.unitId, u.status]);
    expect(await status()).toEqual([
      ['hlhpn', 'not_started'],
      ['hnd', 'not_started'],
      ['mttq', 'not_started'],
    ]);
    await slow.commitTransaction();
    await slow.release();
    await projector.catchUpToNow();
    expect(await status()).toEqual([
      ['hlhpn', 'submitted'],
      ['hnd', 'not_started'],
      ['mttq', 'submitted'],
    ]);
  });

  /** A read model whose apply waits until the test opens the gate (a slow or stuck projection). */
  const gated = () => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const applied: string[] = [];
    const projection: Projection = {
      name: 'gated',
      handles: ['UnitRegistered'],
      async apply(_m, events) {
        await gate;
        applied.push(...events.map((e) => e.data.unitId));
      },
      async reset() {
        applied.length = 0;
      },
    };
    return { projection, open, applied };
  };
  const register = (id: string) =>
    commands.handle(
      orgUnitDecider,
      `orgunit-${id}`,
      {
        type: 'RegisterUnit',
        data: {
          unitId: id,
          parentId: null,
          level: 'xa',
          kind: 'DANG_UY_XA',
          canonicalName: `Đảng ủy xã ${id}`,
          activeFrom: '2020-01-01',
        },
      },
      { metadata: meta, now: now() },
    );

  describe('independent read models with a real freshness deadline', () => {
    it('a stuck read model holds back neither the others nor its readers: they get ReadModelBehindError by the deadline', async () => {
      const stuck = gated();
      // The stuck one first: a projector that ran its read models one after another would never reach org-units.
      const p = new Projector(db.app, store, [stuck.projection, orgUnitsProjection]);
      await register('x-1');
      await p.catchUpToNow(20000, ['org-units']);
      expect((await db.app.query(`SELECT id FROM org_units WHERE id = 'x-1'`)).length).toBe(1);

      const error = await p.catchUpToNow(300, ['gated']).catch((e) => e);
      expect(error).toBeInstanceOf(ReadModelBehindError);
      expect(error).toMatchObject({ code: 'READ_MODEL_BEHIND', httpStatus: 503, retryAfterSeconds: 2, projections: ['gated'] });

      stuck.open();
      await p.catchUpToNow(20000, ['gated']);
      expect(stuck.applied).toContain('x-1');
    });

    it('returns once what was committed before the call is applied, without waiting for the rest of a pass', async () => {
      // The pass applies 'early' slowly, then reads 'late' (committed meanwhile) and gets stuck on it. The read
      // only needs 'early': a projector whose readers waited for whole passes would hang here.
      let open!: () => void;
      const gate = new Promise<void>((resolve) => (open = resolve));
      let enteredEarly!: () => void;
      const earlyEntered = new Promise<void>((resolve) => (enteredEarly = resolve));
      const applied: string[] = [];
      const slow: Projection = {
        name: 'slow',
        handles: ['UnitRegistered'],
        async apply(_m, events) {
          for (const e of events) {
            if (e.data.unitId === 'early') {
              enteredEarly();
              await new Promise((r) => setTimeout(r, 300));
            } else if (e.data.unitId === 'late') await gate;
            applied.push(e.data.unitId);
          }
        },
        async reset() {},
      };
      const p = new Projector(db.app, store, [slow], 1);
      await p.catchUpToNow(20000); // the setup's events
      await register('early');
      // Generous: gap safety is cluster-wide, and another spec's long transaction may hold every reader back a while.
      const read = p.catchUpToNow(60000, ['slow']);
      // 'late' is committed only once the read has fixed its target: its pass runs only after it read the log's end
      // ('early'). Registering at once raced that first statement, and under load 'late' could be committed first,
      // making it part of what the read waits for (seen once in CI: a 60 s timeout at 'late''s position).
      await earlyEntered;
      await register('late');
      try {
        await read;
        expect(applied).toContain('early');
        expect(applied).not.toContain('late');
      } finally {
        open();
        await p.catchUpToNow(20000);
      }
      expect(applied).toContain('late');
    });

    it("a read model's open batch (it has written) does not hold back another's gap-safe read of later events", async () => {
      // Before read-model transactions were left out of readAll's horizon, every event appended after the slow
      // batch took its transaction id stayed invisible to the other read models until that batch committed.
      let open!: () => void;
      const gate = new Promise<void>((resolve) => (open = resolve));
      let entered!: () => void;
      const inside = new Promise<void>((resolve) => (entered = resolve));
      const holding: Projection = {
        name: 'holding',
        handles: ['UnitRegistered'],
        async apply(m) {
          await m.query(`SELECT pg_current_xact_id()`); // holds a transaction id, as a batch that wrote does
          entered();
          await gate;
        },
        async reset() {},
      };
      const p = new Projector(db.app, store, [holding, orgUnitsProjection]);
      await register('held-1');
      // Background passes (a single pass may stop short of 'held-1' while another transaction is in flight).
      const stop = p.follow(20, () => undefined);
      try {
        await Promise.race([
          inside,
          new Promise((_, reject) => setTimeout(() => reject(new Error('the holding batch never started')), 30000)),
        ]);
        await register('after-1');
        await p.catchUpToNow(20000, ['org-units']);
        expect((await db.app.query(`SELECT id FROM org_units WHERE id = 'after-1'`)).length).toBe(1);
      } finally {
        stop();
        open();
      }
      await p.catchUpToNow(20000);
    });

    it('follows each read model on its own loop: a stuck one does not stop the background passes of the others', async () => {
      const stuck = gated();
      const p = new Projector(db.app, store, [stuck.projection, orgUnitsProjection]);
      const errors: unknown[] = [];
      const stop = p.follow(20, (_name, e) => errors.push(e));
      try {
        await register('followed-1'); // the stuck one's pass never ends from here on
        await register('followed-2');
        const found = async () => (await db.app.query(`SELECT id FROM org_units WHERE id IN ('followed-1', 'followed-2')`)).length;
        for (let i = 0; i < 200 && (await found()) < 2; i++) await new Promise((r) => setTimeout(r, 50));
        expect(await found()).toBe(2);
        expect(stuck.applied).toEqual([]);
      } finally {
        stop();
        stuck.open();
      }
      await p.catchUpToNow(20000);
      expect(stuck.applied).toContain('followed-2');
      expect(errors).toEqual([]);
    });

    it('a transaction that may append events still holds the horizon back (gap safety is kept)', async () => {
      await projector.catchUpToNow();
      const open = db.app.createQueryRunner();
      await open.connect();
      await open.startTransaction();
      try {
        await open.query(`SELECT pg_current_xact_id()`);
        await register('after-open');
        await projector.catchUp();
        expect((await db.app.query(`SELECT id FROM org_units WHERE id = 'after-open'`)).length).toBe(0);
      } finally {
        await open.rollbackTransaction();
        await open.release();
      }
      await projector.catchUpToNow();
      expect((await db.app.query(`SELECT id FROM org_units WHERE id = 'after-open'`)).length).toBe(1);
    });

    it("with a position (a client's token) waits only up to it; a position past the log's end is clamped to it", async () => {
      let open!: () => void;
      const gate = new Promise<void>((resolve) => (open = resolve));
      const applied: string[] = [];
      const upTo: Projection = {
        name: 'up-to',
        handles: ['UnitRegistered'],
        async apply(_m, events) {
          for (const e of events) {
            if (e.data.unitId === 'upto-other') await gate; // another user's later write, stuck in this read model
            applied.push(e.data.unitId);
          }
        },
        async reset() {},
      };
      const p = new Projector(db.app, store, [upTo], 1);
      await p.catchUpToNow(20000);
      const mine = await register('upto-mine');
      await register('upto-other');
      try {
        await p.catchUpToNow(20000, ['up-to'], BigInt(mine.events[0].globalPosition));
        expect(applied).toContain('upto-mine');
        expect(applied).not.toContain('upto-other');
        // Known applied up to there: the same token again (a coordinator polling the board) runs no statement.
        const queries = jest.spyOn(db.app, 'query');
        try {
          await p.catchUpToNow(20000, ['up-to'], BigInt(mine.events[0].globalPosition));
          expect(queries).not.toHaveBeenCalled();
        } finally {
          queries.mockRestore();
        }
        // A forged position far past the log's end: the wait is for the log's end (the stuck write), and ends by the deadline.
        const error = await p.catchUpToNow(300, ['up-to'], 10n ** 30n).catch((e) => e);
        expect(error).toBeInstanceOf(ReadModelBehindError);
        expect(BigInt(error.position)).toBeGreaterThan(BigInt(mine.events[0].globalPosition));
        expect(BigInt(error.position)).toBeLessThan(10n ** 18n);
      } finally {
        open();
      }
      await p.catchUpToNow(20000, ['up-to'], 10n ** 30n);
      expect(applied).toContain('upto-other');
    });

    it('refuses an unknown projection name (a typo must not read as "fresh")', async () => {
      await expect(projector.catchUpToNow(1000, ['no-such-read-model'])).rejects.toThrow('unknown projection');
    });
  });

  it('two projectors over one database (two API processes) apply each event once, while events arrive', async () => {
    // A read model that is not idempotent: it adds a row per event applied, so an event applied twice shows.
    await db.owner.query(`CREATE TABLE projection_tally (event_id text NOT NULL)`);
    await db.owner.query(`GRANT SELECT, INSERT ON projection_tally TO kybaocao_app`);
    const tally: Projection = {
      name: 'tally',
      handles: ['UnitRegistered'],
      async apply(m, events) {
        await m.query(`INSERT INTO projection_tally SELECT unnest($1::text[])`, [events.map((e) => e.eventId)]);
      },
      async reset() {},
    };
    // Small batches: many transactions of each projector interleave with the other's and with the appends.
    const [a, b] = [new Projector(db.app, store, [tally], 2), new Projector(db.app, new EventStore(db.app), [tally], 2)];
    const passes = async (p: Projector) => {
      for (let i = 0; i < 25; i++) await p.catchUp();
    };
    await Promise.all([
      (async () => {
        for (let i = 0; i < 25; i++) await register(`tally-${i}`);
      })(),
      passes(a),
      passes(b),
    ]);
    await Promise.all([a.catchUpToNow(20000), b.catchUpToNow(20000)]);
    const [counts] = await db.owner.query(`SELECT count(*)::int AS applied, count(DISTINCT event_id)::int AS events FROM projection_tally`);
    const [{ registered }] = await db.owner.query(`SELECT count(*)::int AS registered FROM events WHERE event_type = 'UnitRegistered'`);
    expect(counts).toEqual({ applied: registered, events: registered });
    expect(registered).toBe(units.length + 25);
  });
});
