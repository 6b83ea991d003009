import { BadRequestException, Controller, Get, Query, UnprocessableEntityException } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { defaultSubmissionDeadline, earliestAllowedDeadline, isStandardPeriodKind, standardPeriod } from '../../../../libs/domain/src/calendar';
import { isDomainError } from '../../../../libs/domain/src/shared/domain-error';
import { positiveInt } from '../common/positive-int';
import { holidays } from '../cycles/cycles.service';

const KINDS = ['quarter', 'six-month', 'nine-month', 'year'];

/**
 * Nghị định 09/2019/NĐ-CP periods for the "open a cycle" form: the data window of a period kind and year (15th
 * of the previous period's last month → 14th of the period's last month) and the first deadline allowed (one
 * working day after the cut-off, holidays as data).
 */
@ApiTags('periods')
@ApiBearerAuth()
@Controller('periods')
export class PeriodsController {
  @Get('suggestion')
  @ApiQuery({ name: 'kind', enum: KINDS }) @ApiQuery({ name: 'year', example: 2026 }) @ApiQuery({ name: 'index', required: false, description: 'quarter 1-4' })
  @ApiOkResponse({ example: { kind: 'nine-month', year: 2026, label: '9 tháng năm 2026', dataFrom: '2025-12-15', dataTo: '2026-09-14', submissionDeadline: '2026-09-15', earliestDeadline: '2026-09-15' } })
  suggest(@Query('kind') kind: string | undefined, @Query('year') year: string | undefined, @Query('index') index: string | undefined) {
    if (!kind || !isStandardPeriodKind(kind === 'annual' ? 'year' : kind)) {
      throw new BadRequestException({ statusCode: 400, error: 'VALIDATION_FAILED', message: [`kind must be one of ${KINDS.join(', ')}`],
        messageVi: 'Loại kỳ báo cáo phải là quý, 6 tháng, 9 tháng hoặc năm.', fields: [{ field: 'kind', messages: [`kind must be one of ${KINDS.join(', ')}`] }] });
    }
    const y = positiveInt(year, 'year');
    if (y === undefined) {
      throw new BadRequestException({ statusCode: 400, error: 'VALIDATION_FAILED', message: ['year is required'], messageVi: 'Cần chọn năm báo cáo.', fields: [{ field: 'year', messages: ['year is required'] }] });
    }
    try {
      const period = standardPeriod(kind === 'annual' ? 'year' : (kind as 'year'), y, positiveInt(index, 'index'));
      const cal = holidays();
      return { ...period, submissionDeadline: defaultSubmissionDeadline(cal, period), earliestDeadline: earliestAllowedDeadline(cal, period) };
    } catch (err) {
      if (!isDomainError(err)) throw err;
      throw new UnprocessableEntityException({ statusCode: 422, error: err.code, message: err.message, messageVi: err.messageVi });
    }
  }
}
