import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/activity';
import { cycleDecider, type CycleState } from '@kybaocao/domain/cycle';
import { openCycleCommand } from '@kybaocao/domain/cycle/test-fixtures';
import { CommandHandler } from '@kybaocao/persistence/event-store/command-handler';
import { EventMetadata, EventStore } from '@kybaocao/persistence/event-store/event-store';
import type { Sql } from '@kybaocao/persistence/projections/cycle-heads/cycle-heads.projection';
import { createTestDatabase, TestDatabase } from '../../test/infra/db';
import { createCycleActivities } from './cycle.activities';

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

describe('closing the submission window: decided on the cycle head, whatever the number of units', () => {
  let db: TestDatabase;
  let store: EventStore;
  beforeAll(async () => {
    db = await createTestDatabase();
    store = new EventStore(db.app);
  });
  afterAll(() => db.drop());

  /** A collecting cycle of these units. */
  const collecting = async (units: string[]) => {
    const cycleId = randomUUID();
    const commands = new CommandHandler(store);
    await commands.handle(cycleDecider, `cycle-${cycleId}`, openCycleCommand({ cycleId, units }), { metadata: meta, now: now() });
    await commands.handle(
      cycleDecider,
      `cycle-${cycleId}`,
      { type: 'AdvancePhase', data: { to: 'collecting' } },
      { metadata: meta, now: now() },
    );
    return cycleId;
  };
  const fold = async (cycleId: string) =>
    (await store.readStream(`cycle-${cycleId}`)).reduce<CycleState>(
      (s, e) => cycleDecider.evolve(s, { type: e.type, data: e.data } as any),
      cycleDecider.initialState(),
    );
  /** The activities with the event store's stream reads counted and the head's reads counted. */
  const activities = () => {
    const { sql, seen } = counting(db.app.manager);
    const spied = new EventStore(db.app);
    const streamReads = jest.spyOn(spied, 'readStream');
    const acts = createCycleActivities({ eventStore: spied, sql, approvedUnitIds: async () => [], now });
    return { acts, seen, streamReads };
  };
  const close = (cycleId: string, key: string, userId = 'cv') => ({
    cycleId,
    by: { kind: 'coordinator' as const, userId },
    at: '2026-12-12T02:00:00.000Z',
    idempotencyKey: key,
  });

  it('reads the same rows and bytes at 200 and 5,000 units, never the stream, and records the close as the stream decides it', async () => {
    const small = await collecting(unitIds(200));
    const large = await collecting(unitIds(5_000));
    const closeCounted = async (cycleId: string) => {
      const { acts, seen, streamReads } = activities();
      await acts.closeSubmissionWindow(close(cycleId, `k-${cycleId}`));
      expect(streamReads).not.toHaveBeenCalled();
      return seen;
    };
    const a = await closeCounted(small);
    const b = await closeCounted(large);
    expect(b).toEqual(a);
    expect(a.rows).toBe(1); // the head; the retry check finds nothing
    for (const cycleId of [small, large]) {
      const state = await fold(cycleId);
      expect(state.status).toBe('reviewing');
      expect(state.status !== 'not_opened' && state.submissionWindow).toEqual({
        closedAt: '2026-12-12T02:00:00.000Z',
        closedBy: { kind: 'coordinator', userId: 'cv' },
        early: true,
      });
    }
    const folded = await fold(large);
    expect(folded.status !== 'not_opened' && folded.assignedUnits.length).toBe(5_000);
  }, 120_000);

  it('appends once when retried with the same key, and refuses as the decider does (non-retryable, with the domain code)', async () => {
    const cycleId = await collecting(unitIds(3));
    const { acts } = activities();
    const refused = await acts.closeSubmissionWindow(close(cycleId, 'other', 'not-the-coordinator')).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApplicationFailure);
    expect(refused).toMatchObject({ type: 'CYCLE_NOT_COORDINATOR', nonRetryable: true });
    await acts.closeSubmissionWindow(close(cycleId, 'same'));
    await acts.closeSubmissionWindow(close(cycleId, 'same'));
    const events = await store.readStream(`cycle-${cycleId}`);
    expect(events.map((e) => e.type)).toEqual(['CycleOpened', 'CyclePhaseAdvanced', 'SubmissionWindowClosed']);
    const again = await acts.closeSubmissionWindow(close(cycleId, 'new-key')).catch((e: unknown) => e);
    expect(again).toMatchObject({ type: 'CYCLE_WRONG_PHASE', nonRetryable: true });
    // The later phases that need no units move on the head too; leaving review still checks every unit.
    await expect(acts.advanceCyclePhase({ cycleId, to: 'commenting', actorId: 'cv', idempotencyKey: 'adv' })).rejects.toMatchObject({
      type: 'CYCLE_UNITS_NOT_APPROVED',
    });
    expect((await store.readStream(`cycle-${cycleId}`)).length).toBe(3);
  }, 60_000);
});
