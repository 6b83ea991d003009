import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import { cycleIdPipe } from '../common/cycle-id.pipe';
import { ApiBearerAuth, ApiConflictResponse, ApiForbiddenResponse, ApiHeader, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { CYCLE_READERS, Roles } from '../auth/roles';
import { Actor, CurrentActor } from '../common/actor';
import { parseIfMatch } from '../common/if-match';
import { ApproveSubmissionDto, ReturnSubmissionDto, SubmissionContentDto, SubmissionDto, SubmitDto } from './submissions.dto';
import { SubmissionsService } from './submissions.service';

const withEtag = (res: Response, dto: SubmissionDto) => { res.setHeader('ETag', `"${dto.streamVersion}"`); return dto; };

@ApiTags('submissions')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'not a reporter of this unit, or not a reviewer' })
@ApiHeader({ name: 'If-Match', required: false, description: 'ETag last read; a stale one gets 409 with the current version' })
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'a retried request with the same key is stored once' })
@Controller('cycles/:cycleId/units/:unitId/submission')
export class SubmissionsController {
  constructor(private readonly submissions: SubmissionsService) {}

  @Get()
  @Roles(...CYCLE_READERS)
  @ApiOkResponse({ type: SubmissionDto })
  async get(@Param('cycleId', cycleIdPipe) cycleId: string, @Param('unitId') unitId: string, @CurrentActor() actor: Actor, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.submissions.get(cycleId, unitId, actor));
  }

  @Put('draft')
  @Roles('reporter')
  @ApiOkResponse({ type: SubmissionDto, description: 'draft saved (not yet submitted)' })
  @ApiConflictResponse({ description: 'already approved, or a stale If-Match' })
  async saveDraft(@Param('cycleId', cycleIdPipe) cycleId: string, @Param('unitId') unitId: string, @Body() dto: SubmissionContentDto,
    @CurrentActor() actor: Actor, @Headers('if-match') ifMatch: string | undefined, @Headers('idempotency-key') key: string | undefined, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.submissions.saveDraft(cycleId, unitId, dto, actor, { expectedVersion: parseIfMatch(ifMatch), idempotencyKey: key || undefined }));
  }

  @Post('submit')
  @Roles('reporter')
  @HttpCode(200)
  @ApiOkResponse({ type: SubmissionDto, description: 'a new version submitted (on time or late against the unit\'s effective deadline)' })
  @ApiUnprocessableEntityResponse({ description: 'figures break an error-severity rule of the template (each violation named)' })
  async submit(@Param('cycleId', cycleIdPipe) cycleId: string, @Param('unitId') unitId: string, @Body() dto: SubmitDto,
    @CurrentActor() actor: Actor, @Headers('if-match') ifMatch: string | undefined, @Headers('idempotency-key') key: string | undefined, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.submissions.submit(cycleId, unitId, dto, actor, { expectedVersion: parseIfMatch(ifMatch), idempotencyKey: key || undefined }));
  }

  @Post('return')
  @Roles('reviewer')
  @HttpCode(200)
  @ApiOkResponse({ type: SubmissionDto, description: 'returned to the unit with reasons' })
  async returnSubmission(@Param('cycleId', cycleIdPipe) cycleId: string, @Param('unitId') unitId: string, @Body() dto: ReturnSubmissionDto,
    @CurrentActor() actor: Actor, @Headers('if-match') ifMatch: string | undefined, @Headers('idempotency-key') key: string | undefined, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.submissions.returnSubmission(cycleId, unitId, dto, actor, { expectedVersion: parseIfMatch(ifMatch), idempotencyKey: key || undefined }));
  }

  @Post('approve')
  @Roles('reviewer')
  @HttpCode(200)
  @ApiOkResponse({ type: SubmissionDto })
  async approve(@Param('cycleId', cycleIdPipe) cycleId: string, @Param('unitId') unitId: string, @Body() dto: ApproveSubmissionDto,
    @CurrentActor() actor: Actor, @Headers('if-match') ifMatch: string | undefined, @Headers('idempotency-key') key: string | undefined, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.submissions.approve(cycleId, unitId, dto, actor, { expectedVersion: parseIfMatch(ifMatch), idempotencyKey: key || undefined }));
  }
}
