import { ConflictException, Injectable } from '@nestjs/common';
import { draftReport } from '@kybaocao/domain/report';
import { Actor, authorize } from '../../../common/actor';
import type { WriteOptions } from '../../../common/write-options';
import { CyclesService } from '../../../cycles/cycles.service';
import type { ReportDto } from '../../report-response.dto';
import { ReportFigures } from '../../report-figures';
import { NO_DOCUMENTS } from '../../report-read';
import { ReportRepository } from '../../report.repository';
import type { DraftReportDto } from '../../report-draft.dto';
import { GetReport } from '../get-report/get-report.usecase';

/** Version 1 (or a new version when the figures changed) from the approved submissions. */
@Injectable()
export class DraftReport {
  constructor(
    private readonly cycles: CyclesService,
    private readonly reports: ReportRepository,
    private readonly figures: ReportFigures,
    private readonly view: GetReport,
  ) {}

  async execute(cycleId: string, dto: DraftReportDto, actor: Actor, opts: WriteOptions): Promise<ReportDto> {
    // The head (one row) and the units' order from the cycle's memberships: never the stream, whose CycleOpened lists
    // every unit (≈1 MB at 20,000 units).
    const cycle = await this.cycles.cycleHead(cycleId);
    authorize(actor, 'report.draft', { cycleStatus: cycle.status });
    const { consolidation, narratives, units, unitOrder } = await this.figures.of(cycle);
    if (consolidation.units.length === 0) {
      throw new ConflictException({
        statusCode: 409,
        error: 'REPORT_NOTHING_APPROVED',
        message: 'no unit submission is approved yet',
        messageVi: 'Chưa có báo cáo nào của đơn vị được duyệt để tổng hợp.',
      });
    }
    const template = await this.cycles.templateOf(cycle);
    const assignedUnits = unitOrder.map((unitId) => ({ unitId }));
    const document = draftReport({ cycle: { ...cycle, assignedUnits }, template, consolidation, narratives, units, choices: dto });
    // A new version is decided on the versions' numbers alone: no stored document is read. Its answer shows the
    // document as built (as it always has).
    const written = await this.reports.append(
      cycleId,
      actor,
      opts,
      (by, at) => ({ type: 'DraftReport', data: { cycleId, document, at, by, ...(dto.note ? { note: dto.note } : {}) } }),
      { documents: NO_DOCUMENTS, answerAsDecided: true },
    );
    return this.view.ofWrite(cycleId, actor, written, cycle.status);
  }
}
