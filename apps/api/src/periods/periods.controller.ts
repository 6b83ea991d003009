import { BadRequestException, Controller, Get, NotFoundException, Query, UnprocessableEntityException } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Projector } from '../../../../libs/persistence/src/projections/projector';
import { Roles } from '../auth/roles';
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
  constructor(private readonly db: DataSource, private readonly projector: Projector) {}

  /**
   * The cycle to compare with when opening one: the same template and issuer, its data cut-off a year before
   * this one's (± 45 days), not cancelled; the latest such. 404 PREVIOUS_CYCLE_NONE when there is none.
   */
  @Get('previous-cycle')
  @Roles('coordinator', 'admin')
  @ApiQuery({ name: 'templateId', example: 'mttq-doan-the-9-thang' }) @ApiQuery({ name: 'issuerId', example: 'huyen-uy-tam-duong' }) @ApiQuery({ name: 'dataTo', example: '2027-09-14' })
  @ApiOkResponse({ example: { cycleId: '0b7c2f4e-5a6d-4e8f-9a1b-2c3d4e5f6a7b', periodLabel: '9 tháng năm 2026', dataTo: '2026-09-14' } })
  @ApiNotFoundResponse({ description: 'no earlier cycle of this template and issuer' })
  async previousCycle(@Query('templateId') templateId: string | undefined, @Query('issuerId') issuerId: string | undefined, @Query('dataTo') dataTo: string | undefined) {
    const missing = [['templateId', templateId], ['issuerId', issuerId], ['dataTo', dataTo]].filter(([, v]) => !v).map(([k]) => k as string);
    if (dataTo && !/^\d{4}-\d{2}-\d{2}$/.test(dataTo)) missing.push('dataTo');
    if (missing.length) {
      throw new BadRequestException({ statusCode: 400, error: 'VALIDATION_FAILED', message: missing.map((f) => `${f} is required (dataTo as YYYY-MM-DD)`),
        messageVi: 'Cần chọn mẫu báo cáo, cơ quan ban hành và ngày chốt số liệu.', fields: missing.map((f) => ({ field: f, messages: [`${f} is required`] })) });
    }
    await this.projector.catchUpToNow();
    const rows: { id: string; period_label: string; data_to: string }[] = await this.db.query(
      `SELECT id, period_label, to_char(data_to, 'YYYY-MM-DD') AS data_to FROM cycles
        WHERE template_id = $1 AND issuing_body_unit_id = $2 AND status <> 'cancelled'
          AND data_to BETWEEN ($3::date - interval '1 year' - interval '45 days') AND ($3::date - interval '1 year' + interval '45 days')
        ORDER BY data_to DESC, opened_at DESC LIMIT 1`, [templateId, issuerId, dataTo]);
    if (rows.length === 0) {
      throw new NotFoundException({ statusCode: 404, error: 'PREVIOUS_CYCLE_NONE', message: 'no cycle of this template and issuer a year earlier', messageVi: 'Chưa có kỳ báo cáo cùng kỳ năm trước để so sánh.' });
    }
    return { cycleId: rows[0].id, periodLabel: rows[0].period_label, dataTo: rows[0].data_to };
  }

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
