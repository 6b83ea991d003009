import { Injectable } from '@nestjs/common';
import { Actor, authorize } from '../../../common/actor';
import type { WriteOptions } from '../../../common/write-options';
import { CyclesService } from '../../../cycles/cycles.service';
import type { ReportDto } from '../../report-response.dto';
import { ReportRepository } from '../../report.repository';
import { GetReport } from '../get-report/get-report.usecase';

/** A comment marked resolved (in the latest version). */
@Injectable()
export class ResolveComment {
  constructor(
    private readonly cycles: CyclesService,
    private readonly reports: ReportRepository,
    private readonly view: GetReport,
  ) {}

  async execute(cycleId: string, commentId: string, note: string | undefined, actor: Actor, opts: WriteOptions): Promise<ReportDto> {
    const cycle = await this.cycles.cycleHead(cycleId);
    authorize(actor, 'report.resolve', { cycleStatus: cycle.status });
    const written = await this.reports.append(cycleId, actor, opts, (by, at) => ({
      type: 'ResolveComment',
      data: { commentId, at, by, ...(note ? { note } : {}) },
    }));
    return this.view.ofWrite(cycleId, actor, written, cycle.status);
  }
}
