import { EventStore } from '@kybaocao/persistence/event-store/event-store';
import { createTestDatabase, type TestDatabase } from '../../../test/infra/db';
import { tallied } from '../../../test/support/sql-tally';
import { startTestSmtpServer, type TestSmtpServer } from '../../../test/support/test-smtp';
import { deliveryClaims } from './delivery-claims';
import { NotificationDispatcher } from './notification-dispatcher';
import { OutcomeRecorder } from './outcome-recorder';
import { createMailer, type Mailer } from './smtp-mailer';

/*
 * Issue #16, the reminder round: the statements the dispatcher sends per e-mail. Claims of a group of free slots
 * are one INSERT, and outcomes are recorded in batches (one transaction: one UPDATE of their rows, one append of
 * their events), so the statements grow with the number of batches, not of e-mails. Counted (test/support/
 * sql-tally.ts), not timed; through a real SMTP server and PostgreSQL, as the application role.
 */
describe('NotificationDispatcher: statements per batch of e-mails, not per e-mail', () => {
  let db: TestDatabase;
  let smtp: TestSmtpServer;
  let mailer: Mailer;
  beforeAll(async () => {
    db = await createTestDatabase();
    smtp = await startTestSmtpServer();
    mailer = createMailer({ host: '127.0.0.1', port: smtp.port, secure: false, from: 'kybaocao@tinh.test', pool: true, timeoutMs: 5000 });
  }, 60_000);
  afterAll(async () => {
    mailer?.close();
    await smtp?.stop();
    await db?.drop();
  });

  /** `count` reporters, each of their own unit, and one due reminder to each unit. */
  async function dueReminders(count: number): Promise<void> {
    await db.owner.query(`TRUNCATE notification_deliveries, notifications CASCADE`);
    await db.owner.query(`DELETE FROM users`);
    smtp.received.length = 0;
    await db.owner.query(
      `INSERT INTO users (id, username, display_name, email, password_hash, roles, unit_ids, password_changed_at, created_at, created_by)
       SELECT gen_random_uuid(), 'u' || i, 'Người dùng ' || i, 'u' || i || '@xa.test', 'not-a-hash', '{unit_reporter}', ARRAY['unit-' || i], now(), now(), 'test'
         FROM generate_series(1, $1::int) i`,
      [count],
    );
    await db.owner.query(
      `INSERT INTO notifications (dedupe_key, cycle_id, recipient_type, recipient_id, kind, due_at, subject, body, link, created_at)
       SELECT 'k' || i, NULL, 'unit', 'unit-' || i, 'reminder', now() - interval '1 minute', '[Nhắc nộp] Báo cáo', 'Nội dung', NULL, now() - interval '1 minute'
         FROM generate_series(1, $1::int) i`,
      [count],
    );
  }

  const statementsOf = (texts: string[], pattern: RegExp) => texts.filter((t) => pattern.test(t)).length;

  it('delivers 240 reminders in a statement count set by the batches (claims of 8 slots, outcomes of 8), each once with its event', async () => {
    const count = 240;
    await dueReminders(count);
    const dispatcher = new NotificationDispatcher({
      db: db.app,
      mailer,
      events: new EventStore(db.app),
      concurrency: 16,
      recordBatch: 8,
      recordLingerMs: 60_000, // outcomes written when 8 wait (or at the end): the count does not depend on timing
      pollMs: 60_000,
    });
    const { result: report, tally } = await tallied(() => dispatcher.dispatchDue());
    expect(report).toEqual({ sent: count, failed: 0, interrupted: 0, claimedElsewhere: 0 });
    expect(smtp.received).toHaveLength(count);
    expect(new Set(smtp.received.map((r) => r.mail.messageId)).size).toBe(count);
    const [{ delivered, streams }] = await db.owner.query(
      `SELECT count(*)::int AS delivered, count(DISTINCT stream_id)::int AS streams
         FROM events e JOIN notifications n ON e.stream_id = 'notification-' || n.id WHERE e.event_type = 'NotificationDelivered'`,
    );
    expect({ delivered, streams }).toEqual({ delivered: count, streams: count });
    const [{ sent }] = await db.owner.query(`SELECT count(*)::int AS sent FROM notification_deliveries WHERE status = 'sent'`);
    expect(sent).toBe(count);
    // Each event appended in a batch is chained and hashed like any other append.
    const verified = await new EventStore(db.owner).verify();
    expect(verified.broken).toEqual([]);
    expect(verified.checkedEvents).toBeGreaterThanOrEqual(count);

    const texts = tally.statements.map((s) => s.text);
    const batches = count / 8;
    // Before: one claim INSERT per e-mail, and a transaction of six statements per outcome (≈ 7 per e-mail).
    expect(statementsOf(texts, /^\s*INSERT INTO notification_deliveries/)).toBeLessThanOrEqual(batches + 2);
    expect(statementsOf(texts, /UPDATE notification_deliveries d/)).toBeLessThanOrEqual(batches + 2);
    expect(statementsOf(texts, /^\s*INSERT INTO events/)).toBeLessThanOrEqual(batches + 2);
    expect(texts.length).toBeLessThanOrEqual(7 * (batches + 2) + 10);
    expect(texts.length / count).toBeLessThan(1);
  }, 120_000);

  it('reads only the notifications still to do: after 240 were e-mailed, a new reminder is found without reading them again', async () => {
    await dueReminders(240);
    const dispatcher = () => new NotificationDispatcher({ db: db.app, mailer, events: new EventStore(db.app), concurrency: 16 });
    expect((await dispatcher().dispatchDue()).sent).toBe(240);
    expect((await dispatcher().dispatchDue()).sent).toBe(0); // finds every recipient's attempt final: marks them dispatched
    const [{ dispatched }] = await db.owner.query(`SELECT count(*)::int AS dispatched FROM notifications WHERE dispatched_at IS NOT NULL`);
    expect(dispatched).toBe(240);
    await db.owner.query(
      `INSERT INTO notifications (dedupe_key, cycle_id, recipient_type, recipient_id, kind, due_at, subject, body, link, created_at)
       VALUES ('k-new', NULL, 'unit', 'unit-7', 'reminder', now() - interval '1 second', '[Nhắc nộp] Báo cáo', 'Nội dung', NULL, now() - interval '1 second')`,
    );
    const { result, tally } = await tallied(() => dispatcher().dispatchDue());
    expect(result.sent).toBe(1);
    // Rows read from notifications: the new one's id, then its one recipient (before: all 241, twice).
    const read = tally.statements
      .filter((st) => /^\s*SELECT[\s\S]*FROM notifications n/.test(st.text))
      .reduce((sum, st) => sum + st.rows, 0);
    expect(read).toBe(2);
  }, 120_000);

  it('records 10 or 200 outcomes in the same six statements: BEGIN, one UPDATE, the event probe, the heads, one INSERT, COMMIT', async () => {
    const recordOutcomes = async (count: number) => {
      await dueReminders(count);
      const pairs: { notification_id: string; user_id: string; email: string }[] = await db.owner.query(
        `SELECT n.id AS notification_id, u.id AS user_id, u.email FROM notifications n JOIN users u ON u.unit_ids @> ARRAY[n.recipient_id]`,
      );
      const at = new Date();
      const claimed = await deliveryClaims.claimMany(
        db.app,
        pairs.map((p) => ({
          notificationId: p.notification_id,
          userId: p.user_id,
          email: p.email,
          attempt: 1,
          messageId: `<${p.user_id}@x>`,
        })),
        at,
        new Date(at.getTime() + 60_000),
      );
      expect(claimed.size).toBe(count);
      const recorder = new OutcomeRecorder({
        db: db.app,
        events: new EventStore(db.app),
        flushAt: 1000,
        lingerMs: 60_000,
        maxBatch: 500,
        patienceMs: 0,
        onError: (error) => {
          throw error;
        },
      });
      const { result, tally } = await tallied(async () => {
        const recorded = pairs.map((p, i) =>
          recorder.record(
            {
              id: claimed.get(`${p.notification_id}/${p.user_id}`)!,
              status: i % 10 === 0 ? 'failed' : 'sent',
              error: 'x',
              messageId: 'm',
              at,
              nextAttemptAt: null,
            } as never,
            {
              type: 'NotificationDelivered',
              data: {
                notificationId: p.notification_id,
                userId: p.user_id,
                email: p.email,
                attempt: 1,
                messageId: 'm',
                deliveredAt: at.toISOString(),
              },
            },
          ),
        );
        await recorder.drain();
        return Promise.all(recorded);
      });
      expect(result.filter(Boolean)).toHaveLength(count);
      const [{ events }] = await db.owner.query(
        `SELECT count(*)::int AS events FROM events e JOIN notifications n ON e.stream_id = 'notification-' || n.id`,
      );
      const [{ failed }] = await db.owner.query(`SELECT count(*)::int AS failed FROM notification_deliveries WHERE status = 'failed'`);
      return { statements: tally.statements.length, events, failed };
    };
    const small = await recordOutcomes(10);
    const large = await recordOutcomes(200);
    expect(small).toEqual({ statements: 6, events: 10, failed: 1 });
    expect(large).toEqual({ statements: 6, events: 200, failed: 20 });
    expect((await new EventStore(db.owner).verify()).broken).toEqual([]);
  }, 120_000);
});
