import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { decodeCursor, encodeCursor } from '../common/cursor';
import { parseAsOf } from '../audit/as-of';
import {
  AUDIT_KIND_KEYS,
  AUDIT_KINDS,
  describeEvent,
  kindOf,
  KIND_LABELS_VI,
  ROLE_LABELS_VI,
  type AuditKind,
} from '@kybaocao/domain/audit';
import type { AuditEntryDto, AuditTimelinePageDto, AuditTimelineQueryDto, BoardAsOfDto } from './audit-timeline.dto';

interface PositionKey {
  p: string;
}
const isPositionKey = (k: any): k is PositionKey => typeof k?.p === 'string' && /^\d{1,19}$/.test(k.p);

/** Draft autosaves are many and decide nothing: they show only when the submissions' own kind is asked for. */
const DEFAULT_TYPES = AUDIT_KIND_KEYS.flatMap((k) => AUDIT_KINDS[k] as readonly string[]).filter((t) => t !== 'SubmissionDraftSaved');

/** The streams of a cycle: the cycle itself, its units' submissions, its report and its manual reminders. */
const STREAMS = `(e.stream_id = 'cycle-' || $1 OR e.stream_id = 'report-' || $1 OR e.stream_id = 'reminders-' || $1
                  OR e.stream_id LIKE 'submission-' || $1 || ':%')`;

const SUBMITTED = `('submitted', 'resubmitted', 'approved')`;

/** A cycle's history told in Vietnamese for the audit page, and the board's counts as they stood at a moment. */
@Injectable()
export class AuditTimelineUseCase {
  constructor(private readonly db: DataSource) {}

  private async requireCycle(cycleId: string): Promise<void> {
    const [row] = await this.db.query(`SELECT 1 FROM cycle_heads WHERE cycle_id = $1`, [cycleId]);
    if (!row)
      throw new NotFoundException({
        statusCode: 404,
        error: 'CYCLE_NOT_FOUND',
        message: `cycle ${cycleId} does not exist`,
        messageVi: 'Không tìm thấy kỳ báo cáo.',
      });
  }

  async timeline(cycleId: string, query: AuditTimelineQueryDto): Promise<AuditTimelinePageDto> {
    const after = decodeCursor(query.cursor, isPositionKey);
    const asOf = parseAsOf(query.asOf);
    await this.requireCycle(cycleId);
    const limit = query.limit ?? 50;
    const types = query.kind ? [...AUDIT_KINDS[query.kind as AuditKind]] : DEFAULT_TYPES;
    const rows: any[] = await this.db.query(
      `SELECT e.global_position::text AS pos, e.event_type, e.data, e.metadata->'actor' AS actor, e.recorded_at,
              (SELECT u.display_name FROM users u WHERE u.id::text = e.metadata->'actor'->>'userId') AS display_name,
              ou.canonical_name AS unit_name
         FROM events e
         LEFT JOIN org_units ou ON ou.id = e.data->>'unitId'
        WHERE ${STREAMS} AND e.event_type = ANY($2::text[])
          AND ($3::text IS NULL OR e.data->>'unitId' = $3 OR e.data->'unitIds' ? $3)
          AND ($4::timestamptz IS NULL OR e.recorded_at <= $4)
          AND ($5::bigint IS NULL OR e.global_position > $5::bigint)
        ORDER BY e.global_position LIMIT $6`,
      [cycleId, types, query.unitId || null, asOf ?? null, after?.p ?? null, limit + 1],
    );
    const page = rows.slice(0, limit);
    const items = page.map((r): AuditEntryDto => {
      const kind = kindOf(r.event_type) ?? 'phase';
      const role = typeof r.actor?.role === 'string' ? (ROLE_LABELS_VI[r.actor.role] ?? null) : null;
      return {
        at: new Date(r.recorded_at).toISOString(),
        who: r.display_name ?? 'Hệ thống',
        roleLabel: r.display_name ? role : null,
        what: describeEvent(r.event_type, r.data),
        kind,
        kindLabel: KIND_LABELS_VI[kind],
        unitName: r.unit_name ?? null,
        unitId: typeof r.data?.unitId === 'string' ? r.data.unitId : null,
      };
    });
    const last = page[page.length - 1];
    return { items, nextCursor: rows.length > limit && last ? encodeCursor({ p: last.pos }) : null };
  }

  /** The board's header figures as they stood at `asOf`: the phase and the units' counts, from the log itself. */
  async boardAsOf(cycleId: string, asOfText: string | undefined): Promise<BoardAsOfDto> {
    const asOf = parseAsOf(asOfText) ?? new Date();
    await this.requireCycle(cycleId);
    const [phase] = await this.db.query(
      `SELECT event_type, data FROM events WHERE stream_id = 'cycle-' || $1 AND recorded_at <= $2
          AND event_type IN ('CycleOpened', 'SubmissionWindowClosed', 'CyclePhaseAdvanced', 'CycleCancelled')
        ORDER BY version DESC LIMIT 1`,
      [cycleId, asOf],
    );
    const [{ expected }] = await this.db.query(
      `SELECT coalesce(sum(CASE WHEN event_type = 'UnitUnassigned' THEN -1 ELSE jsonb_array_length(data->'units') END), 0)::int AS expected
         FROM events WHERE stream_id = 'cycle-' || $1 AND recorded_at <= $2 AND event_type IN ('CycleOpened', 'UnitsAssigned', 'UnitUnassigned')`,
      [cycleId, asOf],
    );
    const [counts] = await this.db.query(
      `SELECT count(*) FILTER (WHERE s IN ${SUBMITTED})::int AS submitted, count(*) FILTER (WHERE s = 'approved')::int AS approved,
              count(*) FILTER (WHERE s = 'returned')::int AS returned
         FROM (SELECT DISTINCT ON (stream_id)
                      CASE event_type WHEN 'SubmissionApproved' THEN 'approved' WHEN 'SubmissionReturned' THEN 'returned'
                        ELSE CASE WHEN (data->>'resubmission')::boolean THEN 'resubmitted' ELSE 'submitted' END END AS s
                 FROM events
                WHERE stream_id LIKE 'submission-' || $1 || ':%' AND recorded_at <= $2
                  AND event_type IN ('SubmissionSubmitted', 'SubmissionReturned', 'SubmissionApproved')
                ORDER BY stream_id, version DESC) last`,
      [cycleId, asOf],
    );
    const status = !phase
      ? 'planned'
      : phase.event_type === 'CyclePhaseAdvanced'
        ? phase.data.to
        : phase.event_type === 'SubmissionWindowClosed'
          ? 'reviewing'
          : phase.event_type === 'CycleCancelled'
            ? 'cancelled'
            : 'planned';
    return {
      asOf: asOf.toISOString(),
      opened: Boolean(phase),
      status,
      expected,
      submitted: counts.submitted,
      approved: counts.approved,
      returned: counts.returned,
      notSubmitted: Math.max(0, expected - counts.submitted - counts.returned),
    };
  }
}
