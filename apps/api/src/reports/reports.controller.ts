import { Body, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ReportRoutes } from './report-routes';
import { ApiBody, ApiConflictResponse, ApiOkResponse, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Allow } from '../auth/roles';
import { Actor, CurrentActor } from '../common/actor';
import { cycleIdPipe } from '../common/cycle-id.pipe';
import { WriteOpts, type WriteOptions } from '../common/write-options';
import { CommentDto, ResolveCommentDto, SignReportDto } from './reports.dto';
import { DraftReportDto, ReviseReportDto } from './report-draft.dto';
import { REPORT_EXAMPLE, ReportDto } from './report-response.dto';
import { ReportUseCases } from './usecases';

/** The cycle's report and its workflow up to the signature: drafts, revisions, comments, sign-off. One use case per route; reading versions and downloads is in ReportVersionsController, numbering and distribution in ReportIssuanceController. */
@ReportRoutes()
export class ReportsController {
  constructor(private readonly use: ReportUseCases) {}

  @Get()
  @Allow('report.read')
  @ApiOkResponse({
    type: ReportDto,
    example: REPORT_EXAMPLE,
    description: 'the report: status, versions, comments, signature, number, distribution, current document, what the caller may do',
  })
  get(@Param('cycleId', cycleIdPipe) cycleId: string, @CurrentActor() actor: Actor) {
    return this.use.getReport.execute(cycleId, actor);
  }

  @Post('draft')
  @Allow('report.draft')
  @HttpCode(200)
  @ApiOkResponse({ type: ReportDto, example: REPORT_EXAMPLE, description: 'a new version generated from the approved submissions' })
  @ApiConflictResponse({ description: 'wrong cycle phase, nothing approved yet, or the report is signed' })
  @ApiBody({
    type: DraftReportDto,
    examples: { example: { value: { title: 'tổng kết công tác dân vận năm 2026, nhiệm vụ trọng tâm năm 2027', place: 'Tam Đường' } } },
  })
  draft(
    @Param('cycleId', cycleIdPipe) cycleId: string,
    @Body() dto: DraftReportDto,
    @CurrentActor() actor: Actor,
    @WriteOpts() opts: WriteOptions,
  ) {
    return this.use.draftReport.execute(cycleId, dto, actor, opts);
  }

  @Post('revisions')
  @Allow('report.revise')
  @HttpCode(200)
  @ApiOkResponse({ type: ReportDto, example: REPORT_EXAMPLE, description: 'a new version with the changes' })
  @ApiConflictResponse({ description: 'based on a version that is not the latest, or the report is signed (DOCUMENT_SIGNED)' })
  @ApiUnprocessableEntityResponse({ description: 'nothing changed, unknown recipient units, or forged provenance' })
  @ApiBody({
    type: ReviseReportDto,
    examples: {
      example: {
        value: {
          baseVersion: 1,
          title: 'tổng kết công tác dân vận năm 2026',
          note: 'Sửa trích yếu theo ý kiến Thường trực',
          recipients: [
            { name: 'Ban Dân vận Tỉnh ủy', purpose: 'b/c' },
            { name: 'MTTQ và các đoàn thể huyện', purpose: 't/d', unitIds: ['mttq-tam-duong', 'hlhpn-tam-duong'] },
          ],
        },
      },
    },
  })
  revise(
    @Param('cycleId', cycleIdPipe) cycleId: string,
    @Body() dto: ReviseReportDto,
    @CurrentActor() actor: Actor,
    @WriteOpts() opts: WriteOptions,
  ) {
    return this.use.reviseReport.execute(cycleId, dto, actor, opts);
  }

  @Post('comments')
  @Allow('report.comment')
  @HttpCode(200)
  @ApiOkResponse({ type: ReportDto, example: REPORT_EXAMPLE, description: 'comment anchored to a passage of a version' })
  @ApiUnprocessableEntityResponse({ description: 'unknown version or passage, or a quote not in the passage' })
  @ApiBody({
    type: CommentDto,
    examples: {
      example: {
        value: { version: 1, passageId: 's2.4/p1', quote: '312 hội viên', text: 'Đề nghị kiểm tra lại số hội viên kết nạp mới.' },
      },
    },
  })
  comment(
    @Param('cycleId', cycleIdPipe) cycleId: string,
    @Body() dto: CommentDto,
    @CurrentActor() actor: Actor,
    @WriteOpts() opts: WriteOptions,
  ) {
    return this.use.commentOnReport.execute(cycleId, dto, actor, opts);
  }

  @Post('comments/:commentId/resolve')
  @Allow('report.resolve')
  @HttpCode(200)
  @ApiOkResponse({ type: ReportDto, example: REPORT_EXAMPLE, description: 'the comment marked resolved (in the latest version)' })
  @ApiBody({ type: ResolveCommentDto, examples: { example: { value: { note: 'Đã sửa ở phiên bản 3.' } } } })
  resolve(
    @Param('cycleId', cycleIdPipe) cycleId: string,
    @Param('commentId') commentId: string,
    @Body() dto: ResolveCommentDto,
    @CurrentActor() actor: Actor,
    @WriteOpts() opts: WriteOptions,
  ) {
    return this.use.resolveComment.execute(cycleId, commentId, dto.note, actor, opts);
  }

  @Post('sign')
  @Allow('report.sign')
  @HttpCode(200)
  @ApiOkResponse({
    type: ReportDto,
    example: { ...REPORT_EXAMPLE, status: 'signed', cyclePhase: 'distributing' },
    description: 'signed and frozen; the cycle moves on to distribution',
  })
  @ApiConflictResponse({ description: 'not the latest version, open comments, or already signed' })
  @ApiUnprocessableEntityResponse({ description: 'the document is not well-formed (e.g. a state authority on a Party document)' })
  @ApiBody({
    type: SignReportDto,
    examples: {
      example: { value: { version: 3, authority: 'T/M', onBehalfOf: 'BAN THƯỜNG VỤ', title: 'PHÓ BÍ THƯ', name: 'Cao Trang Trọng' } },
    },
  })
  sign(
    @Param('cycleId', cycleIdPipe) cycleId: string,
    @Body() dto: SignReportDto,
    @CurrentActor() actor: Actor,
    @WriteOpts() opts: WriteOptions,
  ) {
    return this.use.signReport.execute(cycleId, dto, actor, opts);
  }
}
