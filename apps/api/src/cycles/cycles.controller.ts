import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { cycleIdPipe } from '../common/cycle-id.pipe';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Allow } from '../auth/roles';
import { Actor, CurrentActor } from '../common/actor';
import { PageQueryDto } from '../assignments/assignments.dto';
import { AdvancePhaseDto, AssignUnitsDto, ExtendDeadlineDto } from './cycle-actions.dto';
import { CYCLE_EXAMPLE, CYCLE_UNITS_EXAMPLE, CycleDto, CycleUnitsPageDto } from './cycle.dto';
import { OPEN_CYCLE_EXAMPLE, OpenCycleDto } from './cycle-open.dto';
import { Etag } from '../common/etag.interceptor';
import { WriteOpts, type WriteOptions } from '../common/write-options';
import { CyclesService } from './cycles.service';
import { OpenCycle } from './open-cycle.usecase';
import { AdvanceCycle } from './advance-cycle.usecase';

@ApiTags('cycles')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: "the caller's roles or units do not allow it" })
@Controller('cycles')
export class CyclesController {
  constructor(
    private readonly cycles: CyclesService,
    private readonly openCycle: OpenCycle,
    private readonly advanceCycle: AdvanceCycle,
  ) {}

  @Post()
  @Allow('cycle.open')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'a retried request with the same key opens the cycle once' })
  @ApiBody({ type: OpenCycleDto, examples: { annual: { summary: 'the annual mass-mobilisation report', value: OPEN_CYCLE_EXAMPLE } } })
  @ApiCreatedResponse({
    type: CycleDto,
    example: { ...CYCLE_EXAMPLE, version: 1, status: 'planned', workflow: null, submittedCount: 0 },
    description: 'cycle opened and its workflow started',
  })
  @ApiUnprocessableEntityResponse({ description: 'domain rule violated (milestones out of order, unknown units …)' })
  @Etag('version')
  async open(@Body() dto: OpenCycleDto, @CurrentActor() actor: Actor, @WriteOpts() opts: WriteOptions) {
    return this.openCycle.execute(dto, actor, opts.idempotencyKey);
  }

  @Get(':cycleId')
  @Allow('cycle.read')
  @ApiOkResponse({ type: CycleDto, example: CYCLE_EXAMPLE })
  @ApiNotFoundResponse({ description: 'no such cycle' })
  @Etag('version')
  async get(@Param('cycleId', cycleIdPipe) cycleId: string, @CurrentActor() actor: Actor) {
    return this.cycles.get(cycleId, actor);
  }

  @Get(':cycleId/units')
  @Allow('cycle.read')
  @ApiOkResponse({
    type: CycleUnitsPageDto,
    example: CYCLE_UNITS_EXAMPLE,
    description: "one page of the cycle's units in name order (a reporter: only their own units)",
  })
  @ApiBadRequestResponse({ description: 'limit or cursor has a bad value (the response names it)' })
  @ApiNotFoundResponse({ description: 'no such cycle' })
  units(
    @Param('cycleId', cycleIdPipe) cycleId: string,
    @Query() query: PageQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<CycleUnitsPageDto> {
    return this.cycles.units(cycleId, actor, query);
  }

  @Post(':cycleId/close-submissions')
  @Allow('cycle.close-submissions')
  @HttpCode(200)
  @ApiOkResponse({
    type: CycleDto,
    example: {
      ...CYCLE_EXAMPLE,
      version: 3,
      status: 'reviewing',
      workflow: { ...CYCLE_EXAMPLE.workflow, phase: 'reviewing', nextReminderAt: null },
    },
    description: 'submission window closed; the cycle is in review',
  })
  @ApiConflictResponse({ description: 'the window is not open, or the caller is not the coordinator' })
  @Etag('version')
  async close(@Param('cycleId', cycleIdPipe) cycleId: string, @CurrentActor() actor: Actor) {
    return this.cycles.closeSubmissions(cycleId, actor);
  }

  @Post(':cycleId/advance')
  @Allow('cycle.advance')
  @HttpCode(200)
  @ApiBody({
    type: AdvancePhaseDto,
    examples: { commenting: { summary: 'to the standing committee for comments', value: { to: 'commenting' } } },
  })
  @ApiOkResponse({
    type: CycleDto,
    example: {
      ...CYCLE_EXAMPLE,
      version: 5,
      status: 'commenting',
      workflow: { ...CYCLE_EXAMPLE.workflow, phase: 'commenting', nextReminderAt: null },
    },
  })
  @ApiConflictResponse({ description: 'not the next phase, or its preconditions are not met (e.g. units not approved)' })
  @Etag('version')
  async advance(@Param('cycleId', cycleIdPipe) cycleId: string, @Body() dto: AdvancePhaseDto, @CurrentActor() actor: Actor) {
    return this.advanceCycle.execute(cycleId, dto, actor);
  }

  @Post(':cycleId/units')
  @Allow('cycle.assign-units')
  @HttpCode(200)
  @ApiHeader({ name: 'If-Match', required: false, description: 'cycle ETag last read' })
  @ApiBody({
    type: AssignUnitsDto,
    examples: { late: { summary: 'units added after opening', value: { units: [{ unitId: 'ldld-tam-duong' }] } } },
  })
  @ApiOkResponse({
    type: CycleDto,
    example: { ...CYCLE_EXAMPLE, version: 3 },
    description: 'units assigned (an event); reminders re-planned',
  })
  @ApiConflictResponse({ description: 'the cycle is past collecting, or a unit is already assigned' })
  @ApiUnprocessableEntityResponse({ description: "unknown or inactive units, duplicates, a deadline after the cycle's" })
  @Etag('version')
  async assign(
    @Param('cycleId', cycleIdPipe) cycleId: string,
    @Body() dto: AssignUnitsDto,
    @CurrentActor() actor: Actor,
    @WriteOpts() opts: WriteOptions,
  ) {
    return this.cycles.assignUnits(cycleId, dto, actor, opts.expectedVersion);
  }

  @Post(':cycleId/units/:unitId/extensions')
  @Allow('cycle.extend-deadline')
  @HttpCode(200)
  @ApiHeader({ name: 'If-Match', required: false, description: 'cycle ETag last read' })
  @ApiBody({
    type: ExtendDeadlineDto,
    examples: {
      congress: {
        summary: 'the unit holds its congress',
        value: { newDeadline: '2026-12-18', reason: 'Đơn vị đề nghị gia hạn do tổ chức Đại hội.' },
      },
    },
  })
  @ApiOkResponse({
    type: CycleDto,
    example: { ...CYCLE_EXAMPLE, version: 3 },
    description: "the unit's deadline extended (an event with its reason); reminders re-planned",
  })
  @ApiUnprocessableEntityResponse({ description: 'the new deadline is not later than the current one, or no reason' })
  @Etag('version')
  async extend(
    @Param('cycleId', cycleIdPipe) cycleId: string,
    @Param('unitId') unitId: string,
    @Body() dto: ExtendDeadlineDto,
    @CurrentActor() actor: Actor,
    @WriteOpts() opts: WriteOptions,
  ) {
    return this.cycles.extendDeadline(cycleId, unitId, dto, actor, opts.expectedVersion);
  }
}
