import { Injectable } from '@nestjs/common';
import { phaseRule } from '@kybaocao/domain/permissions';
import { Actor, authorize, enforce } from '../../../common/actor';
import type { WriteOptions } from '../../../common/write-options';
import { CyclesService } from '../../../cycles/cycles.service';
import type { ReportDto } from '../../report-response.dto';
import { ReportRepository } from '../../report.repository';
import type { ReceiptDto } from '../../reports.dto';
import { GetReport } from '../get-report/get-report.usecase';

/** The answer to `Prefer: return=minimal`: the report's new stream version only (204, its ETag). */
export interface MinimalAnswer {
  minimal: true;
  streamVersion: number;
}

/**
 * Receipt acknowledged by a receiving unit. With `Prefer: return=minimal` (the web app's: it reads its list of
 * received reports again) the receipt is decided on what concerns that unit alone (readForReceipt: a few rows, not the
 * report's one delivery per receiving unit) and nothing is answered but the new version; otherwise a unit's cán bộ,
 * often on a phone, gets the whole issued report back (2.5 MB at 20,000 units), decided on the whole stream. Receipts
 * of different units sent at the same moment are all stored: the stream moving under one is not a conflict of its own.
 */
@Injectable()
export class AcknowledgeReceipt {
  constructor(
    private readonly cycles: CyclesService,
    private readonly reports: ReportRepository,
    private readonly view: GetReport,
  ) {}

  async execute(cycleId: string, dto: ReceiptDto, actor: Actor, opts: WriteOptions): Promise<ReportDto | MinimalAnswer> {
    // Phase first, then the unit (the order the callers have always seen).
    const cycle = await this.cycles.cycleHead(cycleId);
    enforce(phaseRule('report.acknowledge', { cycleStatus: cycle.status }));
    authorize(actor, 'report.acknowledge', { unitId: dto.unitId });
    const written = await this.reports.append(
      cycleId,
      actor,
      opts,
      (by, at) => ({ type: 'AcknowledgeReceipt', data: { unitId: dto.unitId, at, by } }),
      // Either way, another unit's receipt in between does not refuse this one (409): it is decided again.
      opts.returnMinimal ? { receiptOf: dto.unitId } : { retryOnMove: true },
    );
    if (opts.returnMinimal) return { minimal: true, streamVersion: written.version };
    return this.view.ofWrite(cycleId, actor, written, cycle.status);
  }
}
