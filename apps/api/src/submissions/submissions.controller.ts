import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { positiveInt } from '../common/positive-int';
import { cycleIdPipe } from '../common/cycle-id.pipe';
import {
  ApiBearerAuth,
  ApiBody,
  ApiNotFoundResponse,
  ApiQuery,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Allow } from '../auth/roles';
import { Actor, CurrentActor } from '../common/actor';
import { EtagOf, type SetEtag } from '../common/etag.interceptor';
import { WriteOpts, type WriteOptions } from '../common/write-options';
import {
  ApproveSubmissionDto,
  CONTENT_EXAMPLE,
  FromCycleDto,
  ReturnSubmissionDto,
  SUBMISSION_EXAMPLE,
  SubmissionContentDto,
  SubmissionDto,
  SubmitDto,
} from './submissions.dto';

const SUBMITTED = { ...SUBMISSION_EXAMPLE, status: 'submitted', streamVersion: 1, returns: [] };
import { SubmissionsService } from './submissions.service';

@ApiTags('submissions')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'not a reporter of this unit, or not a reviewer' })
@ApiHeader({ name: 'If-Match', required: false, description: 'ETag last read; a stale one gets 409 with the current version' })
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'a retried request with the same key is stored once' })
@Controller('cycles/:cycleId/units/:unitId/submission')
export class SubmissionsController {
  constructor(private readonly submissions: SubmissionsService) {}

  @Get()
  @Allow('submission.read')
  @ApiOkResponse({ type: SubmissionDto, example: SUBMISSION_EXAMPLE })
  async get(
    @Param('cycleId', cycleIdPipe) cycleId: string,
    @Param('unitId') unitId: string,
    @CurrentActor() actor: Actor,
    @EtagOf() etag: SetEtag,
  ) {
    return etag(await this.submissions.get(cycleId, unitId, actor));
  }

  @Get('versions/:version/diff')
  @Allow('submission.read')
  @ApiQuery({ name: 'from', required: false, description: 'the older version; default the one before' })
  @ApiOkResponse({
    description: 'figures added, removed and changed (value or qualifier), narrative sections added, removed and changed',
    example: {
      cycleId: '0b7c2f4e-5a6d-4e8f-9a1b-2c3d4e5f6a7b',
      unitId: 'hlhpn-tam-duong',
      from: 1,
      to: 2,
      unchanged: false,
      figures: {
        added: [{ code: 'HV_KET_NAP', value: { value: 215 } }],
        removed: [],
        changed: [{ code: 'TT_BUOI', from: { value: 12 }, to: { value: 120 } }],
      },
      narrative: [],
    },
  })
  @ApiNotFoundResponse({ description: 'no such version' })
  async diff(
    @Param('cycleId', cycleIdPipe) cycleId: string,
    @Param('unitId') unitId: string,
    @Param('version') version: string,
    @Query('from') from: string | undefined,
    @CurrentActor() actor: Actor,
  ) {
    return this.submissions.diff(cycleId, unitId, positiveInt(version, 'version')!, positiveInt(from, 'from'), actor);
  }

  @Put('draft')
  @Allow('submission.save-draft')
  @ApiBody({ type: SubmissionContentDto, examples: { draft: { summary: 'figures and narrative so far', value: CONTENT_EXAMPLE } } })
  @ApiOkResponse({
    type: SubmissionDto,
    example: { ...SUBMISSION_EXAMPLE, status: 'draft', streamVersion: 1, draft: CONTENT_EXAMPLE, versions: [], returns: [] },
    description: 'draft saved (not yet submitted)',
  })
  @ApiConflictResponse({ description: 'already approved, or a stale If-Match' })
  async saveDraft(
    @Param('cycleId', cycleIdPipe) cycleId: string,
    @Param('unitId') unitId: string,
    @Body() dto: SubmissionContentDto,
    @CurrentActor() actor: Actor,
    @WriteOpts() opts: WriteOptions,
    @EtagOf() etag: SetEtag,
  ) {
    return etag(await this.submissions.saveDraft(cycleId, unitId, dto, actor, opts));
  }

  @Post('submit')
  @Allow('submission.submit')
  @HttpCode(200)
  @ApiBody({
    type: SubmitDto,
    examples: {
      content: { summary: 'submit this content', value: { content: CONTENT_EXAMPLE } },
      draft: { summary: 'submit the saved draft', value: {} },
    },
  })
  @ApiOkResponse({
    type: SubmissionDto,
    example: SUBMITTED,
    description: "a new version submitted (on time or late against the unit's effective deadline)",
  })
  @ApiUnprocessableEntityResponse({ description: 'figures break an error-severity rule of the template (each violation named)' })
  async submit(
    @Param('cycleId', cycleIdPipe) cycleId: string,
    @Param('unitId') unitId: string,
    @Body() dto: SubmitDto,
    @CurrentActor() actor: Actor,
    @WriteOpts() opts: WriteOptions,
    @EtagOf() etag: SetEtag,
  ) {
    return etag(await this.submissions.submit(cycleId, unitId, dto, actor, opts));
  }

  @Post('from-cycle')
  @Allow('submission.submit')
  @HttpCode(200)
  @ApiBody({ type: FromCycleDto, examples: { example: { value: { sourceCycleId: '5d1c2b7e-8f0a-4c3b-9a1d-2e3f4a5b6c7d' } } } })
  @ApiOkResponse({
    type: SubmissionDto,
    example: SUBMITTED,
    description: "submitted: the consolidated figures of the unit's own lower-level cycle (its report signed), with the source recorded",
  })
  @ApiConflictResponse({ description: "the lower cycle's report is not signed, or the cycle no longer accepts submissions" })
  @ApiUnprocessableEntityResponse({ description: "the lower cycle is not the unit's, or uses another template" })
  async fromCycle(
    @Param('cycleId', cycleIdPipe) cycleId: string,
    @Param('unitId') unitId: string,
    @Body() dto: FromCycleDto,
    @CurrentActor() actor: Actor,
    @WriteOpts() opts: WriteOptions,
    @EtagOf() etag: SetEtag,
  ) {
    return etag(await this.submissions.submitFromCycle(cycleId, unitId, dto.sourceCycleId, actor, opts));
  }

  @Post('return')
  @Allow('submission.return')
  @HttpCode(200)
  @ApiBody({
    type: ReturnSubmissionDto,
    examples: {
      mismatch: {
        summary: 'figures do not match',
        value: { reasons: [{ sectionCode: 'II.1', reason: 'Số lượt người tham gia chưa khớp với số buổi tuyên truyền.' }], version: 1 },
      },
    },
  })
  @ApiOkResponse({ type: SubmissionDto, example: SUBMISSION_EXAMPLE, description: 'returned to the unit with reasons' })
  async returnSubmission(
    @Param('cycleId', cycleIdPipe) cycleId: string,
    @Param('unitId') unitId: string,
    @Body() dto: ReturnSubmissionDto,
    @CurrentActor() actor: Actor,
    @WriteOpts() opts: WriteOptions,
    @EtagOf() etag: SetEtag,
  ) {
    return etag(await this.submissions.returnSubmission(cycleId, unitId, dto, actor, opts));
  }

  @Post('approve')
  @Allow('submission.approve')
  @HttpCode(200)
  @ApiBody({ type: ApproveSubmissionDto, examples: { latest: { summary: 'approve the version read', value: { version: 1 } } } })
  @ApiOkResponse({ type: SubmissionDto, example: { ...SUBMITTED, status: 'approved', streamVersion: 2, approvedVersion: 1 } })
  async approve(
    @Param('cycleId', cycleIdPipe) cycleId: string,
    @Param('unitId') unitId: string,
    @Body() dto: ApproveSubmissionDto,
    @CurrentActor() actor: Actor,
    @WriteOpts() opts: WriteOptions,
    @EtagOf() etag: SetEtag,
  ) {
    return etag(await this.submissions.approve(cycleId, unitId, dto, actor, opts));
  }
}
