import {
  computeBoard,
  PENDING_NAMES_SHOWN,
  pendingUnits,
  pendingUnitsLine,
  SUBMITTED_STATUSES,
  type BoardStatistics,
  type BoardUnit,
} from '@kybaocao/domain/board';
import { isoDateInVietnam, vietnamLocalTime } from '@kybaocao/domain/calendar';
import { formatCount, formatStateDate } from '@kybaocao/domain/format';
import { UUID_PATTERN, type IsoDate } from '@kybaocao/domain/shared';
import type { Queryable } from './queryable';
import { cycleBoardQueries } from '@kybaocao/persistence/projections/cycle-board/cycle-board.queries';
import { uiLinks } from './ui-links';
import { issueNotifications } from './outbox';
import { DEFAULT_NOTIFICATION_PREFERENCES } from './user-preferences';

/** Cycles whose units a coordinator still waits for: collecting, and reviewing (returned units resubmit). */
export const DIGEST_CYCLE_STATUSES = ['collecting', 'reviewing'] as const;

export const DIGEST_KIND = 'coordinator-digest';

export interface DigestCycle {
  cycleId: string;
  periodLabel: string;
  submissionDeadline: IsoDate;
  boardLink: string;
  board: BoardStatistics;
}

export interface RenderedDigest {
  subject: string;
  body: string;
  link: string;
  /** The cycle when the digest is about one cycle only. */
  cycleId: string | null;
}

/**
 * The coordinator's daily digest: for each open cycle with units still to submit, the "còn X/Y đơn vị chưa
 * nộp báo cáo (…)" line, the overdue units with their days, the returned ones, and the board link. Null when
 * no cycle has anything pending (no digest is sent that day).
 */
export function renderCoordinatorDigest(input: {
  asOf: Date;
  cycles: readonly DigestCycle[];
  overviewLink: string;
}): RenderedDigest | null {
  const cycles = input.cycles.filter((c) => pendingUnits(c.board).length > 0);
  if (cycles.length === 0) return null;
  const date = formatStateDate(isoDateInVietnam(input.asOf));
  const lines = [`Tình hình nộp báo cáo lúc ${vietnamClock(input.asOf)} ngày ${date}:`];
  cycles.forEach((c, i) => {
    const pending = pendingUnits(c.board);
    const overdue = pending.filter((u) => u.timeliness === 'overdue');
    const returned = pending.filter((u) => u.status === 'returned');
    lines.push('', `${i + 1}. Báo cáo ${c.periodLabel} (hạn nộp ${formatStateDate(c.submissionDeadline)}): ${pendingUnitsLine(c.board)}.`);
    if (overdue.length) lines.push(`   - Quá hạn: ${firstNames(overdue, (u) => `${u.unitName} (${u.daysLate} ngày)`)}.`);
    if (returned.length) lines.push(`   - Bị trả lại, chưa nộp lại: ${firstNames(returned, (u) => u.unitName)}.`);
    lines.push(`   - Bảng theo dõi: ${c.boardLink}`);
  });
  const only = cycles.length === 1 ? cycles[0] : null;
  const subject = only
    ? `[Tổng hợp ngày ${date}] Báo cáo ${only.periodLabel}: còn ${pendingUnits(only.board).length}/${only.board.overall.expected} đơn vị chưa nộp`
    : `[Tổng hợp ngày ${date}] ${cycles.length} kỳ báo cáo còn đơn vị chưa nộp`;
  return {
    subject: subject.normalize('NFC'),
    body: lines.join('\n').normalize('NFC'),
    link: only ? only.boardLink : input.overviewLink,
    cycleId: only ? only.cycleId : null,
  };
}

export interface CoordinatorDigestDeps {
  /** Runs as the application role. */
  db: Queryable;
  /** Base of links ('http://127.0.0.1:3000'), as PUBLIC_URL. */
  publicUrl: string;
  clock?: () => Date;
}

/**
 * Issues, once a day per coordinator, one notification (kind 'coordinator-digest', addressed to the user)
 * listing the pending units of every open cycle they coordinate — instead of one message per unit. It is
 * issued on the first call after the coordinator's digest time (user_preferences.digest_hour and
 * digest_minute, default 07:00 Vietnam time) and only if something is pending; the dedupe key `digest:<user>:<Vietnam date>` makes it
 * idempotent per (coordinator, date), however often and on however many workers it runs. The dispatcher
 * e-mails it like any other notification (or not, if the coordinator switched e-mail off).
 */
export class CoordinatorDigestBuilder {
  private readonly clock: () => Date;

  constructor(private readonly deps: CoordinatorDigestDeps) {
    this.clock = deps.clock ?? (() => new Date());
  }

  /** Returns the users a digest was issued to by this call. */
  async issueDue(): Promise<{ issuedTo: string[] }> {
    const now = this.clock();
    const today = isoDateInVietnam(now);
    const coordinators: { user_id: string; digest_hour: number; digest_minute: number }[] = await this.deps.db.query(
      // At every tick of the notification loop (after each notification issued): the open cycles' coordinators (an
      // InitPlan over the cycles), then their accounts by key; whatever the statistics say, never a scan of every
      // account (20,000 at national scale; a join on u.id::text was one).
      `SELECT u.id::text AS user_id, COALESCE(p.digest_hour, $2) AS digest_hour, COALESCE(p.digest_minute, $3) AS digest_minute
         FROM users u LEFT JOIN user_preferences p ON p.user_id = u.id
        WHERE u.disabled_at IS NULL
          AND u.id = ANY (ARRAY(SELECT DISTINCT coordinator_id::uuid FROM cycles WHERE status = ANY ($1) AND coordinator_id ~* $4))
        ORDER BY u.id`,
      [DIGEST_CYCLE_STATUSES, DEFAULT_NOTIFICATION_PREFERENCES.digestHour, DEFAULT_NOTIFICATION_PREFERENCES.digestMinute, UUID_PATTERN],
    );
    const issuedTo: string[] = [];
    for (const c of coordinators) {
      if (now.getTime() < vietnamLocalTime(today, c.digest_hour, c.digest_minute).getTime()) continue;
      const dedupeKey = `digest:${c.user_id}:${today}`;
      const [existing] = await this.deps.db.query(`SELECT 1 FROM notifications WHERE dedupe_key = $1`, [dedupeKey]);
      if (existing) continue;
      const digest = renderCoordinatorDigest({
        asOf: now,
        cycles: await this.cyclesOf(c.user_id, now),
        overviewLink: uiLinks(this.deps.publicUrl).cycles(),
      });
      if (!digest) continue;
      const inserted = await issueNotifications(this.deps.db, [
        {
          dedupeKey,
          cycleId: digest.cycleId,
          recipientType: 'user',
          recipientId: c.user_id,
          kind: DIGEST_KIND,
          dueAt: now,
          createdAt: now,
          subject: digest.subject,
          body: digest.body,
          link: digest.link,
        },
      ]);
      if (inserted.length === 1) issuedTo.push(c.user_id);
    }
    return { issuedTo };
  }

  private async cyclesOf(coordinatorId: string, now: Date): Promise<DigestCycle[]> {
    const cycles = await cycleBoardQueries.cyclesCoordinatedBy(this.deps.db, coordinatorId, DIGEST_CYCLE_STATUSES);
    const result: DigestCycle[] = [];
    for (const cycle of cycles) {
      // Nothing pending by the cycle's grouped counts (a few rows whatever its size): the digest leaves it out, so its
      // units are not read. Until the coordinator's digest of the day is issued this runs at every tick.
      if ((await cycleBoardQueries.pendingCount(this.deps.db, cycle.id, SUBMITTED_STATUSES)) === 0) continue;
      const boardRows = await cycleBoardQueries.boardRowsOfCycle(this.deps.db, cycle.id);
      result.push({
        cycleId: cycle.id,
        periodLabel: cycle.periodLabel,
        submissionDeadline: cycle.submissionDeadline,
        boardLink: uiLinks(this.deps.publicUrl).board(cycle.id),
        board: computeBoard(boardRows, { dataFrom: cycle.dataFrom, dataTo: cycle.dataTo }, now.toISOString()),
      });
    }
    return result;
  }
}

/**
 * The first PENDING_NAMES_SHOWN units of a list, the rest counted ("… và 1.234 đơn vị khác"), as the pending line does:
 * one line of the e-mail whatever the number of units (a national cycle's overdue units are thousands).
 */
function firstNames(units: readonly BoardUnit[], name: (u: BoardUnit) => string): string {
  const rest = units.length - PENDING_NAMES_SHOWN;
  return units.slice(0, PENDING_NAMES_SHOWN).map(name).join(', ') + (rest > 0 ? ` và ${formatCount(rest, { pad: 1 })} đơn vị khác` : '');
}

/** 'HH:MM' in Vietnam (UTC+7, no daylight saving time). */
function vietnamClock(instant: Date): string {
  return new Date(instant.getTime() + 7 * 3_600_000).toISOString().slice(11, 16);
}
