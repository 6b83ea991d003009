import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { issuedDocument } from '@kybaocao/domain/report';
import { titleLines } from '@kybaocao/domain/document/official-document';
import { EventStore } from '@kybaocao/persistence/event-store/event-store';
import { Projector } from '@kybaocao/persistence/projections/projector';
import type { Actor } from '../common/actor';
import { decodeCursor, encodeCursor } from '../common/cursor';
import type { ReceivedReportDto, ReceivedReportsPageDto } from './received-reports.dto';
import { reportDecider } from '@kybaocao/domain/report';
import { foldStream } from '@kybaocao/persistence/event-store/fold-stream';

const DEFAULT_LIMIT = 20;
interface Key {
  position: string;
}
const isKey = (k: any): k is Key => typeof k === 'object' && k !== null && typeof k.position === 'string' && /^\d{1,19}$/.test(k.position);

/**
 * "Văn bản đến": the reports distributed to the caller's units, most recent first, a page at a time. The page
 * is found by the ReportDistributed events naming one of those units (one per report, so the scan grows with
 * the number of reports, not of units); each listed report's own stream gives its number and the receipts.
 */
@Injectable()
export class ReceivedReports {
  constructor(
    private readonly store: EventStore,
    private readonly projector: Projector,
    private readonly db: DataSource,
  ) {}

  async page(actor: Actor, query: { limit?: number; cursor?: string }): Promise<ReceivedReportsPageDto> {
    const unitIds = actor.user.unitIds ?? [];
    const after = decodeCursor(query.cursor, isKey);
    const limit = query.limit ?? DEFAULT_LIMIT;
    if (unitIds.length === 0) return { items: [], nextCursor: null };
    const rows: { stream_id: string; position: string }[] = await this.db.query(
      `SELECT stream_id, global_position::text AS position FROM events
        WHERE stream_type = 'report' AND event_type = 'ReportDistributed'
          AND EXISTS (SELECT 1 FROM jsonb_array_elements(data->'recipients') r WHERE r->>'unitId' = ANY($1::text[]))
          AND ($2::bigint IS NULL OR global_position < $2::bigint)
        ORDER BY global_position DESC LIMIT $3`,
      [unitIds, after?.position ?? null, limit + 1],
    );
    const shown = rows.slice(0, limit);
    const names = await this.unitNames(unitIds);
    const items: ReceivedReportDto[] = [];
    for (const row of shown) {
      const state = foldStream(reportDecider, await this.store.readStream(row.stream_id));
      const doc = issuedDocument(state);
      if (!doc || !state.distribution) continue;
      const typeName = titleLines(doc)[0];
      items.push({
        cycleId: row.stream_id.slice('report-'.length),
        title: `${typeName.charAt(0)}${typeName.slice(1).toLowerCase()} ${doc.title}`,
        issuingBody: doc.header.issuingBody,
        ...(state.numbered ? { numberText: state.numbered.numberText, date: state.numbered.date } : {}),
        status: state.status === 'recalled' ? 'recalled' : 'distributed',
        ...(state.recall ? { recallReason: state.recall.reason } : {}),
        deliveries: state.distribution.deliveries
          .filter((d) => unitIds.includes(d.unitId))
          .map((d) => ({
            unitId: d.unitId,
            unitName: names.get(d.unitId) ?? d.unitId,
            line: d.line,
            ...(d.purpose ? { purpose: d.purpose } : {}),
            deliveredAt: d.deliveredAt,
            ...(d.acknowledgedAt ? { acknowledgedAt: d.acknowledgedAt } : {}),
            ...(d.acknowledgedBy ? { acknowledgedBy: d.acknowledgedBy.name } : {}),
          })),
      });
    }
    return { items, nextCursor: rows.length > limit ? encodeCursor({ position: shown[shown.length - 1].position } satisfies Key) : null };
  }

  private async unitNames(unitIds: readonly string[]): Promise<Map<string, string>> {
    await this.projector.catchUpToNow();
    const rows: { id: string; canonical_name: string }[] = await this.db.query(
      `SELECT id, canonical_name FROM org_units WHERE id = ANY($1::text[])`,
      [unitIds],
    );
    return new Map(rows.map((r) => [r.id, r.canonical_name]));
  }
}
