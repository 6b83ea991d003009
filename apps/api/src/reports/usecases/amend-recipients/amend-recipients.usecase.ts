import { Injectable } from '@nestjs/common';
import { Actor, authorize } from '../../../common/actor';
import type { WriteOptions } from '../../../common/write-options';
import { CyclesService } from '../../../cycles/cycles.service';
import type { ReportDto } from '../../report-response.dto';
import { ReportRepository } from '../../report.repository';
import { GetReport } from '../get-report/get-report.usecase';
import type { AmendRecipientsDto } from './amend-recipients.dto';

/** The clerk finalises Nơi nhận and the Lưu line of the signed document before distributing it; the body stays frozen. */
@Injectable()
export class AmendRecipients {
  constructor(
    private readonly cycles: CyclesService,
    private readonly reports: ReportRepository,
    private readonly view: GetReport,
  ) {}

  async execute(cycleId: string, dto: AmendRecipientsDto, actor: Actor, opts: WriteOptions): Promise<ReportDto> {
    const cycle = await this.cycles.cycleHead(cycleId);
    authorize(actor, 'report.amend-recipients', { cycleStatus: cycle.status });
    await this.reports.requireKnownUnits(dto.recipients.flatMap((r) => r.unitIds ?? []));
    const recipients = dto.recipients.map((r) => ({
      name: r.name,
      ...(r.purpose ? { purpose: r.purpose } : {}),
      ...(r.unitIds ? { unitIds: r.unitIds } : {}),
    }));
    const written = await this.reports.append(cycleId, actor, opts, (by, at) => ({
      type: 'AmendRecipients',
      data: { recipients, archive: dto.archive, ...(dto.reason ? { reason: dto.reason } : {}), at, by },
    }));
    return this.view.ofWrite(cycleId, actor, written, cycle.status);
  }
}
