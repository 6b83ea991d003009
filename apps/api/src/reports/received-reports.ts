import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { receivedReportQueries } from '@kybaocao/persistence/projections/received-reports/received-reports.queries';
import { Projector } from '@kybaocao/persistence/projections/projector';
import type { Actor } from '../common/actor';
import { readYourWrites, type ReadAfter } from '../common/read-your-writes';
import { decodeCursor, encodeCursor } from '../common/cursor';
import type { ReceivedReportDto, ReceivedReportsPageDto } from './received-reports.dto';

const DEFAULT_LIMIT = 20;
/** The read models the received reports and the office's deliveries page read. */
export const RECEIVED_REPORTS_READ_MODELS = ['org-units', 'received-reports'];
interface Key {
  position: string;
}
const isKey = (k: any): k is Key => typeof k === 'object' && k !== null && typeof k.position === 'string' && /^\d{1,19}$/.test(k.position);

/**
 * "Văn bản đến": the reports distributed to the caller's units, most recent first, a page at a time, from the
 * received-reports read model (an index range of the units' own deliveries; no report stream is folded per request).
 */
@Injectable()
export class ReceivedReports {
  constructor(
    private readonly projector: Projector,
    private readonly db: DataSource,
  ) {}

  async page(actor: Actor, query: { limit?: number; cursor?: string }, readAfter: ReadAfter): Promise<ReceivedReportsPageDto> {
    const unitIds = actor.user.unitIds ?? [];
    const after = decodeCursor(query.cursor, isKey);
    const limit = query.limit ?? DEFAULT_LIMIT;
    if (unitIds.length === 0) return { items: [], nextCursor: null };
    // Read-your-own-writes (common/read-your-writes.ts): the unit's own receipt shows on its next page read; a report
    // the office distributed a moment ago, within the read model's background lag.
    await readYourWrites(this.projector, RECEIVED_REPORTS_READ_MODELS, readAfter);
    const rows = await receivedReportQueries.page(this.db.manager, unitIds, after?.position ?? null, limit + 1);
    const shown = rows.slice(0, limit);
    const names = await this.unitNames(unitIds);
    const items: ReceivedReportDto[] = shown.map((r) => ({
      cycleId: r.cycleId,
      title: `${r.typeName.charAt(0)}${r.typeName.slice(1).toLowerCase()} ${r.title}`,
      issuingBody: r.issuingBody,
      ...(r.numberText && r.date ? { numberText: r.numberText, date: r.date } : {}),
      status: r.recalledReason !== null ? 'recalled' : 'distributed',
      ...(r.recalledReason !== null ? { recallReason: r.recalledReason } : {}),
      deliveries: r.deliveries.map((d) => ({
        unitId: d.unitId,
        unitName: names.get(d.unitId) ?? d.unitId,
        line: d.line,
        ...(d.purpose ? { purpose: d.purpose } : {}),
        deliveredAt: d.deliveredAt,
        ...(d.acknowledgedAt ? { acknowledgedAt: d.acknowledgedAt } : {}),
        ...(d.acknowledgedBy ? { acknowledgedBy: d.acknowledgedBy } : {}),
      })),
    }));
    return { items, nextCursor: rows.length > limit ? encodeCursor({ position: shown[shown.length - 1].position } satisfies Key) : null };
  }

  private async unitNames(unitIds: readonly string[]): Promise<Map<string, string>> {
    const rows: { id: string; canonical_name: string }[] = await this.db.query(
      `SELECT id, canonical_name FROM org_units WHERE id = ANY($1::text[])`,
      [unitIds],
    );
    return new Map(rows.map((r) => [r.id, r.canonical_name]));
  }
}
