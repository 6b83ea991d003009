import { ConflictException, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { AppConfig } from '@kybaocao/config/config';
import { issuedDocument, numberingRefusal, numberOf, registerKeyFor } from '@kybaocao/domain/report';
import type { ReportCommand, ReportState, ReportUser } from '@kybaocao/domain/report';
import { vietnamDateOf } from '@kybaocao/domain/shared/iso-date';
import { Actor, authorize } from '../../../common/actor';
import type { WriteOptions } from '../../../common/write-options';
import { CyclesService } from '../../../cycles/cycles.service';
import type { ReportDto } from '../../report-response.dto';
import { ReportRepository } from '../../report.repository';
import { reportStream } from '../../report-stream';
import type { NumberReportDto } from '../../reports.dto';
import { GetReport } from '../get-report/get-report.usecase';

/** The clerk's number from the register of the document's scheme and period, and the date of issue. */
@Injectable()
export class NumberReport {
  constructor(
    private readonly cycles: CyclesService,
    private readonly reports: ReportRepository,
    private readonly view: GetReport,
    private readonly config: AppConfig,
  ) {}

  async execute(cycleId: string, dto: NumberReportDto, actor: Actor, opts: WriteOptions): Promise<ReportDto> {
    const cycle = await this.cycles.cycleHead(cycleId);
    authorize(actor, 'report.number', { cycleStatus: cycle.status });
    // One read (the signed version's document, which the view shows too): the register's number is issued from it,
    // and the number appended on it (read again only if the report moved meanwhile).
    const read = await this.reports.read(cycleId);
    const { state } = read;
    // Only a signed report takes a number from the register; otherwise the decider's rule says why not.
    const issued = state.status === 'signed' ? await this.issue(cycleId, state, dto, actor) : undefined;
    const build = (by: ReportUser, at: string, current: ReportState): ReportCommand => {
      if (!issued) {
        throw (
          numberingRefusal(current) ??
          new ConflictException({
            statusCode: 409,
            error: 'REPORT_CHANGED',
            message: 'the report was signed while numbering; retry',
            messageVi: 'Báo cáo vừa thay đổi; hãy thử lại.',
          })
        );
      }
      return { type: 'NumberReport', data: { number: issued.number, numberText: issued.numberText, date: issued.date, at, by } };
    };
    const written = await this.reports.append(cycleId, actor, opts, build, { read });
    return this.view.ofWrite(cycleId, actor, written, cycle.status);
  }

  private async issue(cycleId: string, state: ReportState, dto: NumberReportDto, actor: Actor) {
    const doc = issuedDocument(state)!;
    const date = dto.date ?? vietnamDateOf(new Date().toISOString());
    if (date < vietnamDateOf(state.signed!.signedAt)) {
      throw new UnprocessableEntityException({
        statusCode: 422,
        error: 'DOCUMENT_DATE_BEFORE_SIGNING',
        message: `date of issue ${date} is before the signature on ${vietnamDateOf(state.signed!.signedAt)}`,
        messageVi: 'Ngày ban hành không thể trước ngày ký.',
      });
    }
    const key = registerKeyFor(doc.number.scheme, doc.number.bodySymbol, doc.number.typeCode, date, this.config.partyTerms);
    return numberOf(await this.reports.issueNumber(cycleId, key, date, actor), reportStream(cycleId))!;
  }
}
