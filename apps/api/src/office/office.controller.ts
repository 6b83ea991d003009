import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiQuery,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { SESSION_COOKIE } from '../auth/session-token';
import { Allow } from '../auth/roles';
import { Actor, CurrentActor, permissionActor } from '../common/actor';
import { cycleListScope } from '@kybaocao/domain/permissions';
import { cycleIdPipe } from '../common/cycle-id.pipe';
import {
  AUDIT_TIMELINE_EXAMPLE,
  AuditTimelinePageDto,
  AuditTimelineQueryDto,
  BOARD_AS_OF_EXAMPLE,
  BoardAsOfDto,
} from './audit-timeline.dto';
import { AuditTimelineUseCase } from './audit-timeline.use-case';
import { CYCLE_LIST_EXAMPLE, CycleListPageDto, CycleListQueryDto } from './cycle-list.dto';
import { ListCyclesUseCase } from './list-cycles.use-case';

/** The office's read pages: the paged cycles list and a cycle's audit timeline. */
@ApiTags('office')
@ApiBearerAuth()
@ApiCookieAuth(SESSION_COOKIE)
@ApiUnauthorizedResponse({ description: 'not logged in' })
@ApiForbiddenResponse({ description: 'reporters and callers without an office role' })
@Controller()
export class OfficeController {
  constructor(
    private readonly cycles: ListCyclesUseCase,
    private readonly audit: AuditTimelineUseCase,
  ) {}

  @Get('cycle-list')
  @Allow('cycle.list')
  @ApiOkResponse({
    type: CycleListPageDto,
    example: CYCLE_LIST_EXAMPLE,
    description: 'one page of cycles, the most recently opened first, each with its progress and next milestone',
  })
  @ApiBadRequestResponse({ description: 'phase, year, limit or cursor has a bad value (the response names it)' })
  list(@Query() query: CycleListQueryDto, @CurrentActor() actor: Actor): Promise<CycleListPageDto> {
    return this.cycles.execute(query, cycleListScope(permissionActor(actor), 'read'));
  }

  @Get('cycles/:cycleId/audit/timeline')
  @Allow('audit.read')
  @ApiOkResponse({
    type: AuditTimelinePageDto,
    example: AUDIT_TIMELINE_EXAMPLE,
    description: "one page of the cycle's history in Vietnamese (who, what, when), in the order recorded",
  })
  @ApiBadRequestResponse({ description: 'kind, unitId, asOf, limit or cursor has a bad value (the response names it)' })
  @ApiNotFoundResponse({ description: 'no such cycle' })
  timeline(@Param('cycleId', cycleIdPipe) cycleId: string, @Query() query: AuditTimelineQueryDto): Promise<AuditTimelinePageDto> {
    return this.audit.timeline(cycleId, query);
  }

  @Get('cycles/:cycleId/audit/board')
  @Allow('audit.read')
  @ApiQuery({ name: 'asOf', required: false, description: 'ISO instant; now when absent' })
  @ApiOkResponse({
    type: BoardAsOfDto,
    example: BOARD_AS_OF_EXAMPLE,
    description: "the board's phase and counts as they stood at asOf, from the event log",
  })
  @ApiBadRequestResponse({ description: 'asOf is not an ISO instant' })
  @ApiNotFoundResponse({ description: 'no such cycle' })
  boardAsOf(@Param('cycleId', cycleIdPipe) cycleId: string, @Query('asOf') asOf: string | undefined): Promise<BoardAsOfDto> {
    return this.audit.boardAsOf(cycleId, asOf);
  }
}
