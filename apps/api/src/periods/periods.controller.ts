import { BadRequestException, Controller, Get, NotFoundException, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Projector } from '@kybaocao/persistence/projections/projector';
import { loadHolidayCalendar } from '../../../../activities/holiday-calendar.loader';
import {
  addWorkingDays,
  defaultSubmissionDeadline,
  earliestAllowedDeadline,
  standardPeriod,
  type HolidayCalendar,
} from '@kybaocao/domain/calendar';
import { Allow } from '../auth/roles';
import { PeriodSuggestionDto, PeriodSuggestionQueryDto } from './periods.dto';
import { cycleBoardQueries } from '@kybaocao/persistence/projections/cycle-board/cycle-board.queries';

/** Working days between one milestone and the next in a suggestion (the office's usual rhythm; the user may change any date). */
const REVIEW_DAYS = 3;
const COMMENT_DAYS = 3;
const SIGN_OFF_DAYS = 2;
const DISTRIBUTION_DAYS = 2;

export const PERIOD_SUGGESTION_EXAMPLE: PeriodSuggestionDto = {
  kind: 'annual',
  year: 2026,
  label: 'năm 2026',
  dataFrom: '2025-12-15',
  dataTo: '2026-12-14',
  earliestDeadline: '2026-12-15',
  milestones: {
    submissionDeadline: '2026-12-15',
    reviewDue: '2026-12-18',
    commentsDue: '2026-12-23',
    signOffDue: '2026-12-25',
    distributionDue: '2026-12-29',
  },
};

/**
 * A periodic cycle's data window and milestones as Nghị định 09/2019 sets them (libs/domain/src/calendar):
 * data from the 15th to the 14th, the deadline the first working day after the cut-off, the later milestones
 * a few working days apart. A suggestion only: the form fills it in and the coordinator may change it.
 */
@ApiTags('cycles')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'only a coordinator opens cycles' })
@Controller('periods')
export class PeriodsController {
  private readonly calendar: HolidayCalendar = loadHolidayCalendar();

  constructor(
    private readonly db: DataSource,
    private readonly projector: Projector,
  ) {}

  /**
   * The cycle to compare with when opening one: the same template and issuer, its data cut-off a year before
   * this one's (± 45 days), not cancelled; the latest such. 404 PREVIOUS_CYCLE_NONE when there is none.
   */
  @Get('previous-cycle')
  @Allow('cycle.open')
  @ApiQuery({ name: 'templateId', example: 'mttq-doan-the-9-thang' })
  @ApiQuery({ name: 'issuerId', example: 'huyen-uy-tam-duong' })
  @ApiQuery({ name: 'dataTo', example: '2027-09-14' })
  @ApiOkResponse({ example: { cycleId: '0b7c2f4e-5a6d-4e8f-9a1b-2c3d4e5f6a7b', periodLabel: '9 tháng năm 2026', dataTo: '2026-09-14' } })
  @ApiNotFoundResponse({ description: 'no earlier cycle of this template and issuer' })
  async previousCycle(
    @Query('templateId') templateId: string | undefined,
    @Query('issuerId') issuerId: string | undefined,
    @Query('dataTo') dataTo: string | undefined,
  ) {
    const missing = [
      ['templateId', templateId],
      ['issuerId', issuerId],
      ['dataTo', dataTo],
    ]
      .filter(([, v]) => !v)
      .map(([k]) => k as string);
    if (dataTo && !/^\d{4}-\d{2}-\d{2}$/.test(dataTo)) missing.push('dataTo');
    if (missing.length) {
      throw new BadRequestException({
        statusCode: 400,
        error: 'VALIDATION_FAILED',
        message: missing.map((f) => `${f} is required (dataTo as YYYY-MM-DD)`),
        messageVi: 'Cần chọn mẫu báo cáo, cơ quan ban hành và ngày chốt số liệu.',
        fields: missing.map((f) => ({ field: f, messages: [`${f} is required`] })),
      });
    }
    await this.projector.catchUpToNow();
    const previous = await cycleBoardQueries.sameCycleYearBefore(this.db.manager, templateId!, issuerId!, dataTo!);
    if (!previous) {
      throw new NotFoundException({
        statusCode: 404,
        error: 'PREVIOUS_CYCLE_NONE',
        message: 'no cycle of this template and issuer a year earlier',
        messageVi: 'Chưa có kỳ báo cáo cùng kỳ năm trước để so sánh.',
      });
    }
    return previous;
  }

  @Get('suggestion')
  @Allow('cycle.open')
  @ApiOkResponse({ type: PeriodSuggestionDto, example: PERIOD_SUGGESTION_EXAMPLE })
  @ApiBadRequestResponse({ description: 'kind, year or index missing or out of range (the response names it)' })
  suggestion(@Query() query: PeriodSuggestionQueryDto): PeriodSuggestionDto {
    const period = standardPeriod(
      query.kind === 'annual' ? 'year' : query.kind,
      query.year,
      query.kind === 'quarter' ? (query.index ?? 1) : undefined,
    );
    const cal = this.calendar;
    const submissionDeadline = defaultSubmissionDeadline(cal, period);
    const reviewDue = addWorkingDays(cal, submissionDeadline, REVIEW_DAYS);
    const commentsDue = addWorkingDays(cal, reviewDue, COMMENT_DAYS);
    const signOffDue = addWorkingDays(cal, commentsDue, SIGN_OFF_DAYS);
    const distributionDue = addWorkingDays(cal, signOffDue, DISTRIBUTION_DAYS);
    // The cycles name a year's period in lower case inside a sentence ("Báo cáo năm 2026"); quarters keep theirs.
    const label = query.kind === 'annual' ? `năm ${query.year}` : period.label.charAt(0).toLowerCase() + period.label.slice(1);
    return {
      kind: query.kind,
      year: query.year,
      ...(period.index !== undefined ? { index: period.index } : {}),
      label,
      dataFrom: period.dataFrom,
      dataTo: period.dataTo,
      earliestDeadline: earliestAllowedDeadline(cal, period),
      milestones: { submissionDeadline, reviewDue, commentsDue, signOffDue, distributionDue },
    };
  }
}
