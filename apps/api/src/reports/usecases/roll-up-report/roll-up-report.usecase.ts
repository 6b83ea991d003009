import { ConflictException, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { CyclesService } from '../../../cycles/cycles.service';
import { ReportFigures } from '../../report-figures';
import { NO_DOCUMENTS } from '../../report-read';
import { ReportRepository } from '../../report.repository';

/**
 * A lower-level cycle's consolidated result as one unit's figures in a higher cycle (communes → district →
 * province): the lower cycle must be the unit's own (issued by it), on the same template, with its report
 * signed. The returned source names the signed version and its event, so the figure can be followed down.
 */
@Injectable()
export class RollUpReport {
  constructor(
    private readonly cycles: CyclesService,
    private readonly reports: ReportRepository,
    private readonly figures: ReportFigures,
  ) {}

  async execute(sourceCycleId: string, unitId: string, templateId: string) {
    const source = await this.cycles.cycleHead(sourceCycleId);
    if (source.issuingBody.unitId !== unitId) {
      throw new UnprocessableEntityException({
        statusCode: 422,
        error: 'SOURCE_CYCLE_NOT_OF_UNIT',
        message: `cycle ${sourceCycleId} is issued by ${source.issuingBody.unitId}, not by unit ${unitId}`,
        messageVi: 'Kỳ báo cáo cấp dưới không phải của đơn vị này.',
      });
    }
    if (source.templateId !== templateId) {
      throw new UnprocessableEntityException({
        statusCode: 422,
        error: 'SOURCE_TEMPLATE_MISMATCH',
        message: `cycle ${sourceCycleId} uses template ${source.templateId}, this cycle ${templateId}`,
        messageVi: 'Kỳ báo cáo cấp dưới dùng mẫu báo cáo khác.',
      });
    }
    // The signature's event and version, and the number: no document.
    const { state, events } = await this.reports.read(sourceCycleId, NO_DOCUMENTS);
    const signedEvent = events.find((e) => e.type === 'ReportSigned');
    if (!signedEvent || !['signed', 'numbered', 'distributed'].includes(state.status)) {
      throw new ConflictException({
        statusCode: 409,
        error: 'SOURCE_REPORT_NOT_SIGNED',
        message: `the report of cycle ${sourceCycleId} is ${state.status}, not signed`,
        messageVi: 'Báo cáo của kỳ cấp dưới chưa được ký ban hành (hoặc đã bị thu hồi).',
        reportStatus: state.status,
      });
    }
    // The figures the signed report was built on: approvals as of the signature (a later correction needs a new report).
    const { consolidation } = await this.figures.of(source, signedEvent.globalPosition);
    const figures = Object.fromEntries(
      consolidation.indicators.filter((ci) => ci.total !== undefined).map((ci) => [ci.indicator.code, ci.total!]),
    );
    return {
      figures,
      source: {
        cycleId: sourceCycleId,
        reportVersion: state.signed!.version,
        signedEventId: signedEvent.eventId,
        ...(state.numbered ? { numberText: state.numbered.numberText } : {}),
      },
    };
  }
}
