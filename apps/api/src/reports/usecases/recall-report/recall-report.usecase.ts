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
    authorize(actor, 'report.recall', { cycleStatus: (await this.cycles.cycleHead(cycleId)).status });
    const written = await this.reports.append(cycleId, actor, opts, (by, at) => ({
      type: 'RecallReport',
      data: { reason: dto.reason, at, by },
    }));
    return this.view.afterWrite(cycleId, actor, written);
  }
}
