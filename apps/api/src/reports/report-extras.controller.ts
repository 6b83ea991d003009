import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { SESSION_COOKIE } from '../auth/session-token';
import { Allow } from '../auth/roles';
import { PageQueryDto } from '../assignments/assignments.dto';
import { Actor, CurrentActor } from '../common/actor';
import { cycleIdPipe } from '../common/cycle-id.pipe';
import { positiveInt } from '../common/positive-int';
import type { ReadAfter as Token } from '../common/read-your-writes';
import { ApiReadAfter, ReadAfter } from '../common/written-position';
import { FIGURE_SOURCES_EXAMPLE, FigureSourcesDto } from './figure-sources.dto';
import { FigureSources } from './figure-sources';
import { RECEIVED_REPORTS_EXAMPLE, ReceivedReportsPageDto } from './received-reports.dto';
import { ReceivedReports } from './received-reports';
import { MissingUnits } from './missing-units';
import { MISSING_UNITS_EXAMPLE, MissingUnitsPageDto } from './report-checks.dto';

/** Where a report passage's figures came from (the office, while revising). */
@ApiTags('reports')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'not an office role' })
@Controller('cycles/:cycleId/report')
export class FigureSourcesController {
  constructor(
    private readonly sources: FigureSources,
    private readonly missing: MissingUnits,
  ) {}

  @Get('checks/missing-units')
  @Allow('report.checks')
  @ApiQuery({ name: 'page', required: false, description: 'page of the units (100 a page), from 1' })
  @ApiOkResponse({
    type: MissingUnitsPageDto,
    example: MISSING_UNITS_EXAMPLE,
    description: "the cycle's units with no approved submission, named, in the cycle's order, a page at a time",
  })
  @ApiBadRequestResponse({ description: 'page is not a positive integer (VALIDATION_FAILED)' })
  missingUnits(@Param('cycleId', cycleIdPipe) cycleId: string, @Query('page') page: string | undefined, @CurrentActor() actor: Actor) {
    return this.missing.page(cycleId, actor, positiveInt(page, 'page') ?? 1);
  }

  @Get('versions/:version/figure-sources')
  @Allow('report.checks')
  @ApiQuery({ name: 'passageId', required: true, description: 'a paragraph (or footnote) id of that version, e.g. s2.1/p1' })
  @ApiQuery({ name: 'page', required: false, description: "page of each figure's contributing units (100 a page), from 1" })
  @ApiOkResponse({
    type: FigureSourcesDto,
    example: FIGURE_SOURCES_EXAMPLE,
    description: "per figure of the passage: the total's contributing units, their approved submission version and the approving event",
  })
  @ApiNotFoundResponse({ description: 'no such version' })
  @ApiUnprocessableEntityResponse({ description: 'no such paragraph in that version (PASSAGE_NOT_FOUND)' })
  get(
    @Param('cycleId', cycleIdPipe) cycleId: string,
    @Param('version') version: string,
    @Query('passageId') passageId: string | undefined,
    @Query('page') page: string | undefined,
    @CurrentActor() actor: Actor,
  ) {
    return this.sources.ofPassage(cycleId, positiveInt(version, 'version')!, passageId ?? '', actor, positiveInt(page, 'page') ?? 1);
  }
}

/** "Văn bản đến": reports distributed to the caller's units (any signed-in user; empty without units). */
@ApiTags('me')
@ApiBearerAuth()
@ApiCookieAuth(SESSION_COOKIE)
@ApiUnauthorizedResponse({ description: 'not logged in' })
@ApiReadAfter()
@Controller('me')
export class ReceivedReportsController {
  constructor(private readonly received: ReceivedReports) {}

  @Get('reports')
  @ApiOperation({ summary: "reports distributed to the caller's units, most recent first, with the receipts of those units" })
  @ApiOkResponse({ type: ReceivedReportsPageDto, example: RECEIVED_REPORTS_EXAMPLE })
  @ApiBadRequestResponse({ description: 'limit or cursor has a bad value (the response names it)' })
  list(@CurrentActor() actor: Actor, @Query() query: PageQueryDto, @ReadAfter() readAfter: Token): Promise<ReceivedReportsPageDto> {
    return this.received.page(actor, query, readAfter);
  }
}
