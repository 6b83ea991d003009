import { Injectable } from '@nestjs/common';
import { blockingFindingsOf, latestVersion, signatureAsSigned, signatureOf } from '@kybaocao/domain/report';
import { Actor, authorize } from '../../../common/actor';
import type { WriteOptions } from '../../../common/write-options';
import { CyclesService } from '../../../cycles/cycles.service';
import type { ReportDto } from '../../report-response.dto';
import { ReportRepository } from '../../report.repository';
import { TemporalClient } from '../../../temporal/temporal.module';
import { reportSignedUpdate } from '../../../../../../workflows/reporting-cycle/reporting-cycle.messages';
import { ReportFigures } from '../../report-figures';
import type { SignReportDto } from '../../reports.dto';
import { GetReport } from '../get-report/get-report.usecase';

/** BTV sign-off; the cycle's workflow then moves it on to distribution (the clerk numbers and sends). */
@Injectable()
export class SignReport {
  constructor(
    private readonly cycles: CyclesService,
    private readonly reports: ReportRepository,
    private readonly figures: ReportFigures,
    private readonly view: GetReport,
    private readonly temporal: TemporalClient,
  ) {}

  async execute(cycleId: string, dto: SignReportDto, actor: Actor, opts: WriteOptions): Promise<ReportDto> {
    const cycle = await this.cycles.cycleHead(cycleId);
    authorize(actor, 'report.sign', { cycleStatus: cycle.status });
    const signature = signatureAsSigned(signatureOf(cycle, (await this.cycles.templateOf(cycle)).document?.onBehalfOf), dto);
    const { consolidation } = await this.figures.of(cycle);
    // What blocks signing is found in the latest version's document as the append read it (the one it signs).
    const written = await this.reports.append(cycleId, actor, opts, (by, at, state) => ({
      type: 'SignReport',
      data: {
        version: dto.version,
        signature,
        at,
        by,
        blockingFindings: blockingFindingsOf(consolidation, latestVersion(state)?.document),
        ...(dto.overrideReason ? { overrideReason: dto.overrideReason } : {}),
      },
    }));
    // The workflow moves the cycle on to distribution (its own step); a retried sign-off finds it moved already.
    await this.temporal.workflow.getHandle(cycleId).executeUpdate(reportSignedUpdate, { args: [{ actorId: actor.userId }] });
    // The cycle's head read again: the phase (and so what the caller may do next) is distribution's now.
    const moved = await this.cycles.cycleHead(cycleId);
    return { ...(await this.view.ofWrite(cycleId, actor, written, moved.status)), cyclePhase: 'distributing' };
  }
}
