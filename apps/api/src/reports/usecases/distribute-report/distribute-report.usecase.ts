import { Injectable } from '@nestjs/common';
import { Actor, authorize } from '../../../common/actor';
import type { WriteOptions } from '../../../common/write-options';
import { CyclesService } from '../../../cycles/cycles.service';
import type { ReportDto } from '../../report-response.dto';
import { ReportRepository } from '../../report.repository';
import { GetReport } from '../get-report/get-report.usecase';

/** Sent to every registry unit of Nơi nhận (one delivery event each). */
@Injectable()
export class DistributeReport {
  constructor(
    private readonly cycles: CyclesService,
    private readonly reports: ReportRepository,
    private readonly view: GetReport,
  ) {}

  async execute(cycleId: string, actor: Actor, opts: WriteOptions): Promise<ReportDto> {
    const cycle = await this.cycles.cycleHead(cycleId);
    authorize(actor, 'report.distribute', { cycleStatus: cycle.status });
    const written = await this.reports.append(cycleId, actor, opts, (by, at) => ({ type: 'DistributeReport', data: { at, by } }));
    return this.view.ofWrite(cycleId, actor, written, cycle.status);
  }
}
