import { Injectable } from '@nestjs/common';
import { phaseRule } from '@kybaocao/domain/permissions';
import { Actor, authorize, enforce } from '../../../common/actor';
import type { WriteOptions } from '../../../common/write-options';
import { CyclesService } from '../../../cycles/cycles.service';
import type { ReportDto } from '../../report-response.dto';
import { ReportRepository } from '../../report.repository';
import type { ReceiptDto } from '../../reports.dto';
import { GetReport } from '../get-report/get-report.usecase';

/** Receipt acknowledged by a receiving unit. */
@Injectable()
export class AcknowledgeReceipt {
  constructor(
    private readonly cycles: CyclesService,
    private readonly reports: ReportRepository,
    private readonly view: GetReport,
  ) {}

  async execute(cycleId: string, dto: ReceiptDto, actor: Actor, opts: WriteOptions): Promise<ReportDto> {
    // Phase first, then the unit (the order the callers have always seen).
    const cycle = await this.cycles.cycleHead(cycleId);
    enforce(phaseRule('report.acknowledge', { cycleStatus: cycle.status }));
    authorize(actor, 'report.acknowledge', { unitId: dto.unitId });
    const written = await this.reports.append(cycleId, actor, opts, (by, at) => ({
      type: 'AcknowledgeReceipt',
      data: { unitId: dto.unitId, at, by },
    }));
    return this.view.ofWrite(cycleId, actor, written, cycle.status);
  }
}
