import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { SESSION_COOKIE } from '../auth/session-token';
import { Allow } from '../auth/roles';
import { Actor, CurrentActor } from '../common/actor';
import type { ReadAfter as Token } from '../common/read-your-writes';
import { ApiReadAfter, ReadAfter } from '../common/written-position';
import { ASSIGNMENTS_EXAMPLE, AssignmentsPageDto, PageQueryDto, REVIEWS_EXAMPLE, ReviewQueuePageDto } from './assignments.dto';
import { AssignmentsService } from './assignments.service';

/** "Việc của tôi": the caller's own work, whoever they are (a caller who reports for no unit gets an empty page). */
@ApiTags('me')
@ApiBearerAuth()
@ApiCookieAuth(SESSION_COOKIE)
@ApiUnauthorizedResponse({ description: 'not logged in' })
@ApiReadAfter()
@Controller('me')
export class AssignmentsController {
  constructor(private readonly assignments: AssignmentsService) {}

  @Get('assignments')
  @ApiOperation({ summary: "the assignments of the caller's units across cycles, most urgent first (deadlines after extensions)" })
  @ApiOkResponse({ type: AssignmentsPageDto, example: ASSIGNMENTS_EXAMPLE })
  @ApiBadRequestResponse({ description: 'limit or cursor has a bad value (the response names it)' })
  list(@CurrentActor() actor: Actor, @Query() query: PageQueryDto, @ReadAfter() readAfter: Token): Promise<AssignmentsPageDto> {
    return this.assignments.assignments(actor, query, readAfter);
  }
}

/** "Chờ duyệt": the reviewer's queue. */
@ApiTags('reviews')
@ApiBearerAuth()
@ApiCookieAuth(SESSION_COOKIE)
@ApiUnauthorizedResponse({ description: 'not logged in' })
@ApiForbiddenResponse({ description: 'not a reviewer' })
@ApiReadAfter()
@Controller('reviews')
export class ReviewsController {
  constructor(private readonly assignments: AssignmentsService) {}

  @Get()
  @Allow('reviews.read')
  @ApiOperation({ summary: 'submissions and resubmissions awaiting review across cycles, oldest first' })
  @ApiOkResponse({ type: ReviewQueuePageDto, example: REVIEWS_EXAMPLE })
  @ApiBadRequestResponse({ description: 'limit or cursor has a bad value (the response names it)' })
  list(@Query() query: PageQueryDto, @CurrentActor() actor: Actor, @ReadAfter() readAfter: Token): Promise<ReviewQueuePageDto> {
    return this.assignments.reviews(query, actor, readAfter);
  }
}
