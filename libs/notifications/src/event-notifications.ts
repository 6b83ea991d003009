import { createHash } from 'node:crypto';
import { isUuid } from '@kybaocao/domain/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { isoDateInVietnam } from '@kybaocao/domain/calendar';
import { formatStateDate } from '@kybaocao/domain/format';
import type { EventStore, RecordedEvent } from '@kybaocao/persistence/event-store/event-store';
import { cycleHeadQueries, type CycleHead } from '@kybaocao/persistence/projections/cycle-heads/cycle-heads.projection';
import { uiLinks } from './ui-links';
import { issueNotifications, type OutgoingNotification } from './outbox';
import { Projector, type Projection } from '@kybaocao/persistence/projections/projector';

/**
 * Notifications issued because something happened (an event in the log), as opposed to reminders (issued
 * because time passed, by the cycle workflow) and digests (issued daily).
 *
 * | event | to | kind |
 * | --- | --- | --- |
 * | SubmissionSubmitted (first or again) | the reviewers of the coordinator's office; the coordinator when there is none | submission-awaiting-review |
 * | SubmissionReturned | the unit, with each section's reason | submission-returned |
 * | SubmissionApproved | the unit | submission-approved |
 * | UnitDeadlineExtended | the unit, with the new deadline and the reason | deadline-extended |
 * | ReportSigned | the coordinator and the clerks of the issuing body ("chờ cấp số, phát hành") | report-signed |
 * | ReportDistributed | each recipient unit | report-distributed |
 *
 * Report events are matched on their type string only (their model lives in libs/domain/src/report).
 */
export const EVENT_NOTIFICATION_TYPES = [
  'SubmissionSubmitted',
  'SubmissionReturned',
  'SubmissionApproved',
  'UnitDeadlineExtended',
  'ReportSigned',
  'ReportDistributed',
] as const;

export const EVENT_NOTIFICATIONS_PROJECTION = 'event-notifications';

/**
 * Events that issue nothing here but mean notifications were just issued elsewhere and are due now: "Nhắc ngay"
 * (the API inserts its reminders with the event). They wake the e-mail loop like a notification issued here, so a
 * coordinator's reminder round starts within the notifier's interval (1 s), not the loop's (60 s).
 */
export const WAKE_EVENT_TYPES = ['RemindersSentByHand'] as const;

export interface IssuedNotification {
  recipientType: 'unit' | 'user';
  recipientId: string;
  kind: string;
  subject: string;
  body: string;
  link: string;
}

/** An event as the builder needs it. */
export interface SourceEvent {
  eventId: string;
  type: string;

  data: any;
  recordedAt: Date;
}

/** What the builder needs to know besides the event, looked up by the caller. */
export interface EventNotificationContext {
  publicUrl: string;
  /** 'năm 2030' (the cycle's period label). */
  periodLabel: string;
  /** The body that issues the report: 'Huyện ủy Tam Đường'. */
  issuingBodyName: string;
  coordinatorId: string;
  /** Reviewers who review this cycle's submissions (may be empty: the coordinator is told instead). */
  reviewerIds: readonly string[];
  /** Clerks (văn thư) who number and distribute the cycle's report. */
  clerkIds: readonly string[];
  /** Canonical name of a unit (its id when unknown). */
  unitName(unitId: string): string;
  /** The report's number and date when it was numbered (for ReportDistributed). */
  reportNumber?: { numberText: string; date?: string } | null;
}

const PURPOSE_VI: Record<string, string> = { 'b/c': 'để báo cáo', 'đ/b': 'để biết', 't/d': 'để theo dõi' };

const nfc = (s: string) => s.normalize('NFC');
const vnDate = (at: Date) => formatStateDate(isoDateInVietnam(at));

/** The cycle an event belongs to (every handled event carries data.cycleId). */
export const cycleIdOf = (e: Pick<SourceEvent, 'data'>): string | null => (typeof e.data?.cycleId === 'string' ? e.data.cycleId : null);

/** Units that received a distributed report: data.recipients[].unitId (tolerating a plain list of unit ids). */
export function distributedUnitIds(data: unknown): { unitId: string; purpose?: string }[] {
  const d = (data ?? {}) as { recipients?: unknown; unitIds?: unknown };
  const list: unknown[] = Array.isArray(d.recipients) ? d.recipients : Array.isArray(d.unitIds) ? d.unitIds : [];
  const out: { unitId: string; purpose?: string }[] = [];
  for (const r of list) {
    const unitId =
      typeof r === 'string' ? r : typeof (r as { unitId?: unknown })?.unitId === 'string' ? (r as { unitId: string }).unitId : null;
    if (!unitId || out.some((o) => o.unitId === unitId)) continue;
    const purpose = typeof (r as { purpose?: unknown })?.purpose === 'string' ? (r as { purpose: string }).purpose : undefined;
    out.push({ unitId, ...(purpose ? { purpose } : {}) });
  }
  return out;
}

/**
 * The notifications one event gives rise to (pure: no I/O, no clock). Every message says what happened, why
 * the reader gets it, what to do, and links to where to do it.
 */
export function notificationsForEvent(e: SourceEvent, ctx: EventNotificationContext): IssuedNotification[] {
  const cycleId = cycleIdOf(e);
  if (!cycleId) return [];
  const label = ctx.periodLabel;
  const d = e.data;
  const links = uiLinks(ctx.publicUrl);
  const submissionLink = (unitId: string) => links.submission(cycleId, unitId);
  const reportLink = links.report(cycleId);
  const on = vnDate(e.recordedAt);
  const make = (n: IssuedNotification): IssuedNotification => ({ ...n, subject: nfc(n.subject), body: nfc(n.body) });
  switch (e.type) {
    case 'SubmissionSubmitted': {
      const unit = ctx.unitName(d.unitId);
      const again = d.resubmission === true;
      const late = d.late === true ? `, trễ ${d.daysLate} ngày so với hạn nộp ${formatStateDate(d.deadline)}` : '';
      const link = submissionLink(d.unitId);
      const subject = again ? `[Chờ thẩm định] ${unit} đã nộp lại báo cáo ${label}` : `[Chờ thẩm định] ${unit} đã nộp báo cáo ${label}`;
      const body =
        `${unit} đã ${again ? 'nộp lại' : 'nộp'} báo cáo ${label} (lần nộp thứ ${d.version}) ngày ${on}${late}.\n` +
        `Đề nghị đồng chí thẩm định: duyệt, hoặc trả lại kèm lý do cho từng mục, tại: ${link}\n` +
        '(Thư gửi tự động vì có báo cáo đang chờ đồng chí thẩm định.)';
      const to = ctx.reviewerIds.length ? ctx.reviewerIds : [ctx.coordinatorId];
      return to.map((userId) =>
        make({ recipientType: 'user', recipientId: userId, kind: 'submission-awaiting-review', subject, body, link }),
      );
    }
    case 'SubmissionReturned': {
      const unit = ctx.unitName(d.unitId);
      const link = submissionLink(d.unitId);
      const reasons: { sectionCode?: string; reason: string }[] = Array.isArray(d.reasons) ? d.reasons : [];
      const lines = reasons.map((r) => `- ${r.sectionCode ? `Mục ${r.sectionCode}` : 'Ý kiến chung'}: ${String(r.reason).trim()}`);
      return [
        make({
          recipientType: 'unit',
          recipientId: d.unitId,
          kind: 'submission-returned',
          link,
          subject: `[Trả lại] Báo cáo ${label} của ${unit}: đề nghị chỉnh sửa và nộp lại`,
          body:
            `Báo cáo ${label} (lần nộp thứ ${d.version}) của ${unit} đã bị trả lại ngày ${on}. Lý do:\n${lines.join('\n')}\n` +
            `Đề nghị đồng chí chỉnh sửa theo các ý kiến trên và nộp lại báo cáo tại: ${link}\n` +
            '(Thư gửi tự động vì báo cáo của đơn vị bị trả lại.)',
        }),
      ];
    }
    case 'SubmissionApproved': {
      const unit = ctx.unitName(d.unitId);
      const link = submissionLink(d.unitId);
      return [
        make({
          recipientType: 'unit',
          recipientId: d.unitId,
          kind: 'submission-approved',
          link,
          subject: `[Đã duyệt] Báo cáo ${label} của ${unit}`,
          body:
            `Báo cáo ${label} (lần nộp thứ ${d.version}) của ${unit} đã được duyệt ngày ${on}.\n` +
            `Đơn vị không phải làm gì thêm: số liệu đã duyệt được dùng để tổng hợp báo cáo chung. Xem báo cáo đã duyệt tại: ${link}\n` +
            '(Thư gửi tự động vì báo cáo của đơn vị đã được duyệt.)',
        }),
      ];
    }
    case 'UnitDeadlineExtended': {
      const unit = ctx.unitName(d.unitId);
      const link = submissionLink(d.unitId);
      const to = formatStateDate(d.newDeadline);
      return [
        make({
          recipientType: 'unit',
          recipientId: d.unitId,
          kind: 'deadline-extended',
          link,
          subject: `[Gia hạn] Báo cáo ${label}: hạn nộp mới của ${unit} là ${to}`,
          body:
            `Hạn nộp báo cáo ${label} của ${unit} được gia hạn từ ngày ${formatStateDate(d.previousDeadline)} đến hết ngày ${to}. Lý do: ${String(d.reason ?? '').trim()}\n` +
            `Đề nghị đồng chí hoàn thành và gửi báo cáo trước hạn mới tại: ${link}\n` +
            '(Thư gửi tự động vì hạn nộp báo cáo của đơn vị đã thay đổi.)',
        }),
      ];
    }
    case 'ReportSigned': {
      const s = d.signature ?? {};
      const authority = [s.authority, s.onBehalfOf].filter((x: unknown) => typeof x === 'string' && x.trim()).join(' ');
      const signer = [authority, [s.title, s.name].filter(Boolean).join(' ')].filter(Boolean).join(', ');
      const signedOn = typeof d.signedAt === 'string' && !Number.isNaN(Date.parse(d.signedAt)) ? vnDate(new Date(d.signedAt)) : on;
      const subject = `[Chờ cấp số, phát hành] Báo cáo ${label} đã được ký`;
      const body =
        `Báo cáo ${label} (dự thảo lần ${d.version}) đã được ký ngày ${signedOn}${signer ? `: ${signer}` : ''}. Nội dung văn bản đã khóa.\n` +
        `Đề nghị văn thư cấp số, ghi ngày ban hành và phát hành văn bản theo danh sách Nơi nhận tại: ${reportLink}\n` +
        '(Thư gửi tự động vì báo cáo đang chờ cấp số và phát hành.)';
      const to = [...new Set([ctx.coordinatorId, ...ctx.clerkIds])];
      return to.map((userId) =>
        make({ recipientType: 'user', recipientId: userId, kind: 'report-signed', subject, body, link: reportLink }),
      );
    }
    case 'ReportDistributed': {
      const number = ctx.reportNumber;
      const numbered = number ? `, ${number.numberText}${number.date ? ` ngày ${formatStateDate(number.date)}` : ''}` : '';
      return distributedUnitIds(d).map((r) => {
        const unit = ctx.unitName(r.unitId);
        const purpose = r.purpose && PURPOSE_VI[r.purpose] ? ` (${PURPOSE_VI[r.purpose]})` : '';
        return make({
          recipientType: 'unit',
          recipientId: r.unitId,
          kind: 'report-distributed',
          link: reportLink,
          subject: `[Văn bản đến] Báo cáo ${label}${number ? ` (${number.numberText})` : ''} của ${ctx.issuingBodyName}`,
          body:
            `${ctx.issuingBodyName} đã phát hành báo cáo ${label}${numbered} và gửi đến ${unit}${purpose}.\n` +
            `Đề nghị đồng chí xem văn bản và xác nhận đã nhận tại: ${reportLink}\n` +
            '(Thư gửi tự động vì đơn vị có tên trong Nơi nhận của văn bản.)',
        });
      });
    }
    default:
      return [];
  }
}

/** Idempotency key of one notification: the source event and the recipient. */
export const eventNotificationKey = (eventId: string, n: Pick<IssuedNotification, 'recipientType' | 'recipientId' | 'kind'>) =>
  `event:${eventId}:${n.kind}:${n.recipientType}:${n.recipientId}`;

/** A UUID derived from a key (for idempotent event ids). */
export function uuidFromKey(key: string): string {
  const h = createHash('sha256').update(key, 'utf8').digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * The projection that issues event-driven notifications into `notifications`. It runs under the Projector,
 * which applies a batch and moves the checkpoint in one transaction under an advisory lock: every event is
 * handled exactly once however many processes run it, and the dedupe key (source event id, kind, recipient)
 * makes even a replay from the start of the log insert nothing twice. `due_at` is the event's recording time.
 *
 * The context (period, coordinator, unit names, report number) is read from the event store itself, not from
 * read models that another projector may not have caught up yet.
 */
export function createEventNotificationsProjection(deps: { publicUrl: string; onIssued?: (count: number) => void }): Projection {
  return {
    name: EVENT_NOTIFICATIONS_PROJECTION,
    handles: [...EVENT_NOTIFICATION_TYPES, ...WAKE_EVENT_TYPES],
    async apply(m: EntityManager, batch: RecordedEvent[]) {
      const wake = batch.filter((e) => (WAKE_EVENT_TYPES as readonly string[]).includes(e.type)).length;
      const events = wake ? batch.filter((e) => !(WAKE_EVENT_TYPES as readonly string[]).includes(e.type)) : batch;
      // The context of the whole batch in a few reads (heads, unit names, reviewers …) and its notifications in one
      // INSERT: the worker's cost per event is a fraction of a query, however long the burst (issue #16).
      const contexts = events.length ? await loadContexts(m, deps.publicUrl, events) : new Map<string, EventNotificationContext>();
      const items: OutgoingNotification[] = [];
      for (const e of events) {
        const cycleId = cycleIdOf(e);
        const ctx = cycleId ? contexts.get(e.eventId) : undefined;
        if (!cycleId || !ctx) continue; // an event of a cycle that was never opened: nothing to say
        for (const n of notificationsForEvent(e, ctx))
          items.push({
            dedupeKey: eventNotificationKey(e.eventId, n),
            cycleId,
            recipientType: n.recipientType,
            recipientId: n.recipientId,
            kind: n.kind,
            dueAt: e.recordedAt,
            subject: n.subject,
            body: n.body,
            link: n.link,
          });
      }
      const inserted = await issueNotifications(m, items);
      if (inserted.length + wake > 0) deps.onIssued?.(inserted.length + wake);
    },
    async reset() {
      // Issued notifications are not a rebuildable read model: they were (maybe) e-mailed and read.
      throw new Error('event notifications cannot be reset: a rebuild would re-announce the history');
    },
  };
}

/**
 * The context of each event of a batch (by event id; none for an event whose cycle was never opened), read once
 * per batch: each cycle's head (one row, not its CycleOpened event, which lists every unit), the names of the
 * units the events name, the reviewers of each coordinator's office, the clerks, the report numbers.
 */
async function loadContexts(m: EntityManager, publicUrl: string, events: RecordedEvent[]): Promise<Map<string, EventNotificationContext>> {
  const contexts = new Map<string, EventNotificationContext>();
  const heads = new Map<string, CycleHead>();
  for (const cycleId of new Set(events.map(cycleIdOf))) {
    const found = cycleId ? await cycleHeadQueries.head(m, cycleId) : null;
    if (found) heads.set(cycleId!, found.head);
  }
  const opened = events.filter((e) => heads.has(cycleIdOf(e)!));
  if (opened.length === 0) return contexts;
  const headOf = (e: RecordedEvent) => heads.get(cycleIdOf(e)!)!;

  const unitIds = new Set<string>();
  for (const e of opened) {
    if (typeof e.data?.unitId === 'string') unitIds.add(e.data.unitId);
    if (e.type === 'ReportDistributed') distributedUnitIds(e.data).forEach((r) => unitIds.add(r.unitId));
  }
  const names = new Map<string, string>();
  if (unitIds.size) {
    // Each unit's latest name event, one backward probe of its stream's (stream_id, version) key each: a plan that
    // cannot turn into a scan of the whole log, which a join of the ids with the log became at a batch of 91 approvals
    // (the planner's estimate for the ids and types together).
    const rows: { unit_id: string; name: string | null }[] = await m.query(
      `SELECT u.id AS unit_id,
              (SELECT coalesce(e.data->>'newName', e.data->>'canonicalName') FROM events e
                WHERE e.stream_id = 'orgunit-' || u.id AND e.event_type IN ('UnitRegistered', 'UnitRenamed')
                ORDER BY e.version DESC LIMIT 1) AS name
         FROM unnest($1::text[]) AS u(id)`,
      [[...unitIds]],
    );
    rows.forEach((r) => r.name !== null && names.set(r.unit_id, r.name));
  }
  const reviewersOf = new Map<string, string[]>(); // by coordinator
  for (const coordinatorId of new Set(opened.filter((e) => e.type === 'SubmissionSubmitted').map((e) => headOf(e).coordinatorId))) {
    // At each submission: the coordinator by its key and its office's accounts through users_office (migration
    // 1764600000000), never every account (one per unit at national scale).
    // The office's id first (an InitPlan), then its accounts by that value: whatever the statistics say of the roles,
    // the plan cannot start from a scan of every account (it did, on statistics not yet gathered after an import).
    const rows: { id: string }[] = isUuid(coordinatorId)
      ? await m.query(
          `SELECT u.id::text AS id FROM users u
            WHERE u.office_unit_id = (SELECT c.office_unit_id FROM users c WHERE c.id = $1::uuid)
              AND 'reviewer' = ANY (u.roles) AND u.disabled_at IS NULL
            ORDER BY u.username`,
          [coordinatorId],
        )
      : [];
    reviewersOf.set(
      coordinatorId,
      rows.map((r) => r.id),
    );
  }
  const clerks: { id: string; office_unit_id: string | null }[] = opened.some((e) => e.type === 'ReportSigned')
    ? await m.query(
        `SELECT id::text AS id, office_unit_id FROM users WHERE 'clerk' = ANY (roles) AND disabled_at IS NULL ORDER BY username`,
      )
    : [];
  const numbers = new Map<string, EventNotificationContext['reportNumber']>(); // by cycle
  for (const cycleId of new Set(opened.filter((e) => e.type === 'ReportDistributed').map((e) => cycleIdOf(e)!))) {
    const [numbered] = await m.query(
      `SELECT data FROM events WHERE stream_id = $1 AND event_type = 'ReportNumbered' ORDER BY version DESC LIMIT 1`,
      [`report-${cycleId}`],
    );
    if (numbered && typeof numbered.data?.numberText === 'string') {
      numbers.set(cycleId, {
        numberText: numbered.data.numberText,
        ...(typeof numbered.data.date === 'string' ? { date: numbered.data.date } : {}),
      });
    }
  }
  const unitName = (id: string) => names.get(id) ?? id;
  for (const e of opened) {
    const cycle = headOf(e);
    const ofBody = clerks.filter((r) => r.office_unit_id === cycle.issuingBody.unitId);
    contexts.set(e.eventId, {
      publicUrl,
      periodLabel: cycle.period.label,
      issuingBodyName: cycle.issuingBody.name,
      coordinatorId: cycle.coordinatorId,
      reviewerIds: e.type === 'SubmissionSubmitted' ? (reviewersOf.get(cycle.coordinatorId) ?? []) : [],
      clerkIds: e.type === 'ReportSigned' ? (ofBody.length ? ofBody : clerks).map((r) => r.id) : [],
      unitName,
      reportNumber: e.type === 'ReportDistributed' ? (numbers.get(cycleIdOf(e)!) ?? null) : null,
    });
  }
  return contexts;
}

/** The projector of event-driven notifications alone (its own checkpoint, its own advisory lock). */
export function createEventNotifier(deps: {
  db: DataSource;
  store: EventStore;
  publicUrl: string;
  onIssued?: (count: number) => void;
}): Projector {
  return new Projector(deps.db, deps.store, [createEventNotificationsProjection(deps)]);
}

export interface EventNotificationsPoller {
  projector: Projector;
  stop(): Promise<void>;
}

/**
 * Follows the log every `intervalMs` (default 1 s) and issues event-driven notifications; after a pass that
 * issued something (committed), calls `onIssued` — the worker wakes its e-mail loop so a return goes out at once.
 */
export function startEventNotifications(deps: {
  db: DataSource;
  store: EventStore;
  publicUrl: string;
  intervalMs?: number;
  onIssued?: () => void;
  onError: (error: unknown) => void;
}): EventNotificationsPoller {
  let issued = 0;
  const projector = createEventNotifier({
    db: deps.db,
    store: deps.store,
    publicUrl: deps.publicUrl,
    onIssued: (n) => {
      issued += n;
    },
  });
  const intervalMs = deps.intervalMs ?? 1000;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let current: Promise<void> = Promise.resolve();
  const tick = async () => {
    try {
      await projector.catchUp();
      if (issued > 0) {
        issued = 0;
        deps.onIssued?.();
      }
    } catch (error) {
      issued = 0;
      deps.onError(error);
    }
  };
  const schedule = () => {
    if (stopped) return;
    current = tick().then(() => {
      if (!stopped) timer = setTimeout(schedule, intervalMs);
    });
  };
  schedule();
  return {
    projector,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
    },
  };
}
