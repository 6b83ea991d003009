import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { reportDeliveryQueries } from '@kybaocao/persistence/projections/received-reports/received-reports.queries';
import { Projector } from '@kybaocao/persistence/projections/projector';
import { Actor, authorize } from '../common/actor';
import { decodeCursor, encodeCursor } from '../common/cursor';
import { readYourWrites, type ReadAfter } from '../common/read-your-writes';
import { CyclesService } from '../cycles/cycles.service';
import { RECEIVED_REPORTS_READ_MODELS } from './received-reports';
import { DELIVERIES_DEFAULT_LIMIT, type ReportDeliveriesPageDto, type ReportDeliveriesQueryDto } from './report-deliveries.dto';

interface Key {
  ordinal: number;
}
const isKey = (k: any): k is Key => typeof k === 'object' && k !== null && Number.isInteger(k.ordinal) && k.ordinal > 0;

/**
 * The report's deliveries and receipts for the office (văn thư's "Nơi nhận và xác nhận đã nhận"), a page at a time in
 * Nơi nhận order, from the received-reports read model: what a request reads and answers is one page, whatever the
 * number of receiving units (the report's own answer carries only the counts).
 */
@Injectable()
export class ReportDeliveries {
  constructor(
    private readonly cycles: CyclesService,
    private readonly projector: Projector,
    private readonly db: DataSource,
  ) {}

  async page(cycleId: string, actor: Actor, query: ReportDeliveriesQueryDto, readAfter: ReadAfter): Promise<ReportDeliveriesPageDto> {
    await this.cycles.cycleHead(cycleId); // 404 for no such cycle
    authorize(actor, 'report.read-drafts');
    const after = decodeCursor(query.cursor, isKey);
    const limit = query.limit ?? DELIVERIES_DEFAULT_LIMIT;
    const acknowledged = query.acknowledged === undefined ? undefined : query.acknowledged === 'true';
    // Read-your-own-writes (common/read-your-writes.ts): the clerk's own distribution at once; the receiving units'
    // receipts within the read model's background lag (20,000 units acknowledge over days, not waited for per page).
    await readYourWrites(this.projector, RECEIVED_REPORTS_READ_MODELS, readAfter);
    const m = this.db.manager;
    const rows = await reportDeliveryQueries.page(m, cycleId, { after: after?.ordinal ?? null, limit: limit + 1, acknowledged });
    const shown = rows.slice(0, limit);
    // The count over every page; a first page shorter than a page is the count itself.
    const total = !after && rows.length <= limit ? rows.length : await reportDeliveryQueries.count(m, cycleId, acknowledged);
    return {
      total,
      items: shown.map((d) => ({
        unitId: d.unitId,
        unitName: d.unitName ?? d.unitId,
        line: d.line,
        ...(d.purpose ? { purpose: d.purpose } : {}),
        deliveredAt: d.deliveredAt,
        ...(d.acknowledgedAt ? { acknowledgedAt: d.acknowledgedAt } : {}),
        ...(d.acknowledgedBy ? { acknowledgedBy: d.acknowledgedBy } : {}),
      })),
      nextCursor: rows.length > limit ? encodeCursor({ ordinal: shown[shown.length - 1].ordinal } satisfies Key) : null,
    };
  }
}
