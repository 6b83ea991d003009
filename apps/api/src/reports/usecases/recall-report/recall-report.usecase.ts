import { Injectable } from '@nestjs/common';
import { Actor, authorize } from '../../../common/actor';
import type { WriteOptions } from '../../../common/write-options';
import { CyclesService } from '../../../cycles/cycles.service';
import type { ReportDto } from '../../report-response.dto';
import { ReportRepository } from '../../report.repository';
import type { RecallDto } from '../../reports.dto';
import { GetReport } from '../get-report/get-report.usecase';

/** Recalled (thu hồi) with the reason. */
@Injectable()
export class RecallReport {
  constructor(
    private readonly cycles: CyclesService,
    private readonly reports: ReportRepository,
    private readonly view: GetReport,
  ) {}

  async execute(cycleId: string, dto: RecallDto, actor: Actor, opts: WriteOptions): Promise<ReportDto> {
    const cycle = await this.cycles.cycleHead(cycleId);
    authorize(actor, 'report.recall', { cycleStatus: cycle.status });
    const written = await this.reports.append(cycleId, actor, opts, (by, at) => ({
      type: 'RecallReport',
      data: { reason: dto.reason, at, by },
    }));
    return this.view.ofWrite(cycleId, actor, written, cycle.status);
  }
}
