import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { SESSION_COOKIE } from '../auth/session-token';
import { Allow } from '../auth/roles';
import { Actor, CurrentActor } from '../common/actor';
import { cycleIdPipe } from '../common/cycle-id.pipe';
import type { ReadAfter as Token } from '../common/read-your-writes';
import { ApiReadAfter, ReadAfter } from '../common/written-position';
import { REPORT_DELIVERIES_EXAMPLE, ReportDeliveriesPageDto, ReportDeliveriesQueryDto } from './report-deliveries.dto';
import { ReportDeliveries } from './report-deliveries';

/** The distributed report's deliveries and receipts, paged (the office; a receiving unit sees its own on GET /me/reports). */
@ApiTags('reports')
@ApiBearerAuth()
@ApiCookieAuth(SESSION_COOKIE)
@ApiUnauthorizedResponse({ description: 'not logged in' })
@ApiForbiddenResponse({ description: 'not an office role of the issuing office or above' })
@ApiReadAfter()
@Controller('cycles/:cycleId/report')
export class ReportDeliveriesController {
  constructor(private readonly deliveries: ReportDeliveries) {}

  @Get('deliveries')
  @Allow('report.read-drafts')
  @ApiOkResponse({
    type: ReportDeliveriesPageDto,
    example: REPORT_DELIVERIES_EXAMPLE,
    description:
      'the units the report was delivered to, in Nơi nhận order, a page at a time (?limit ≤ 200, default 50; ?acknowledged=true|false), each with its receipt, and how many the filter keeps',
  })
  @ApiBadRequestResponse({ description: 'limit, cursor or acknowledged has a bad value (the response names it)' })
  @ApiNotFoundResponse({ description: 'no such cycle' })
  list(
    @Param('cycleId', cycleIdPipe) cycleId: string,
    @Query() query: ReportDeliveriesQueryDto,
    @CurrentActor() actor: Actor,
    @ReadAfter() readAfter: Token,
  ): Promise<ReportDeliveriesPageDto> {
    return this.deliveries.page(cycleId, actor, query, readAfter);
  }
}
