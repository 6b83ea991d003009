import { Body, Controller, Get, HttpCode, Param, Post, Query, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth, ApiBody, ApiConflictResponse, ApiForbiddenResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiQuery, ApiServiceUnavailableResponse,
  ApiTags, ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Allow } from '../auth/roles';
import { Actor, CurrentActor } from '../common/actor';
import { cycleIdPipe } from '../common/cycle-id.pipe';
import { Etag } from '../common/etag.interceptor';
import { positiveInt } from '../common/positive-int';
import { WriteOpts, type WriteOptions } from '../common/write-options';
import { CommentDto, NumberReportDto, RecallDto, ReceiptDto, ResolveCommentDto, SignReportDto } from './reports.dto';
import { DraftReportDto, ReviseReportDto } from './report-draft.dto';
import { REPORT_CHECKS_EXAMPLE, ReportChecksDto } from './report-checks.dto';
import { REPORT_EXAMPLE, REPORT_VERSION_EXAMPLE, ReportDto, ReportVersionDto } from './report-response.dto';
import { ReportUseCases } from './usecases';

const CHECKS_EXAMPLE = { cycleId: '2f0b8a52-6d1e-4c1b-9d7a-0c9a4e0f5a11', approvedUnits: 19, assignedUnits: 21, missingUnits: ['du-xa-ho-thau', 'du-xa-na-tam'], findings: [], draftFindings: [], totals: [{ code: 'TT_BUOI', name: 'Số buổi tuyên truyền', total: { value: 608 }, text: '608 buổi' }] };
const DIFF_EXAMPLE = { from: 1, to: 2, changes: [{ kind: 'changed', from: { id: 's2.4/p1', kind: 'paragraph', text: 'Kết nạp mới 312 hội viên.' }, to: { id: 's2.4/p1', kind: 'paragraph', text: 'Kết nạp mới 320 hội viên.' }, words: [{ value: 'Kết nạp mới ' }, { value: '312', removed: true }, { value: '320', added: true }, { value: ' hội viên.' }] }] };
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const file = (type: string) => ({ buffer, filename }: { buffer: Buffer; filename: string }) => new StreamableFile(buffer, { type, disposition: `attachment; filename="${filename}"` });

/** The cycle's report: draft versions, comments, sign-off, number, distribution, downloads. One use case per route. */
@ApiTags('reports')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'the caller\'s roles do not allow it' })
@ApiHeader({ name: 'If-Match', required: false, description: 'report ETag last read; a stale one gets 409 with the current version' })
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'a retried request with the same key is stored once' })
@Controller('cycles/:cycleId/report')
@Etag()
export class ReportsController {
  constructor(private readonly use: ReportUseCases) {}

  @Get()
  @Allow('report.read')
  @ApiOkResponse({ type: ReportDto, example: REPORT_EXAMPLE, description: 'the report: status, versions, comments, signature, number, distribution, current document, what the caller may do' })
  get(@Param('cycleId', cycleIdPipe) cycleId: string, @CurrentActor() actor: Actor) {
    return this.use.getReport.execute(cycleId, actor);
  }

  @Get('checks')
  @Allow('report.checks')
  @ApiOkResponse({ type: ReportChecksDto, example: REPORT_CHECKS_EXAMPLE, description: 'rule violations and qualifier mixes of the approved submissions; figures of the latest draft that no longer match their sources' })
  checks(@Param('cycleId', cycleIdPipe) cycleId: string, @CurrentActor() actor: Actor): Promise<ReportChecksDto> {
    return this.use.checkReport.execute(cycleId, actor);
  }

  @Post('draft')
  @Allow('report.draft')
  @HttpCode(200)
  @ApiOkResponse({ type: ReportDto, example: REPORT_EXAMPLE, description: 'a new version generated from the approved submissions' })
  @ApiConflictResponse({ description: 'wrong cycle phase, nothing approved yet, or the report is signed' })
  @ApiBody({ type: DraftReportDto, examples: { example: { value: { title: 'tổng kết công tác dân vận năm 2026, nhiệm vụ trọng tâm năm 2027', place: 'Tam Đường' } } } })
  draft(@Param('cycleId', cycleIdPipe) cycleId: string, @Body() dto: DraftReportDto, @CurrentActor() actor: Actor, @WriteOpts() opts: WriteOptions) {
    return this.use.draftReport.execute(cycleId, dto, actor, opts);
  }

  @Get('versions/:version')
  @Allow('report.read')
  @ApiOkResponse({ type: ReportVersionDto, example: REPORT_VERSION_EXAMPLE, description: 'one version: the document (runs carry provenance), its passages (ids to comment on) and the comments on it' })
  @ApiNotFoundResponse({ description: 'no such version' })
  version(@Param('cycleId', cycleIdPipe) cycleId: string, @Param('version') version: string, @CurrentActor() actor: Actor) {
    return this.use.getReportVersion.execute(cycleId, positiveInt(version, 'version')!, actor);
  }

  @Get('versions/:version/diff')
  @Allow('report.read')
  @ApiQuery({ name: 'from', required: false, description: 'the version to compare with; default the previous one' })
  @ApiOkResponse({ description: 'passage-level changes with word-level detail', schema: { example: DIFF_EXAMPLE } })
  diff(@Param('cycleId', cycleIdPipe) cycleId: string, @Param('version') version: string, @Query('from') from: string | undefined, @CurrentActor() actor: Actor) {
    return this.use.diffReportVersions.execute(cycleId, positiveInt(version, 'version')!, positiveInt(from, 'from'), actor);
  }

  @Post('revisions')
  @Allow('report.revise')
  @HttpCode(200)
  @ApiOkResponse({ type: ReportDto, example: REPORT_EXAMPLE, description: 'a new version with the changes' })
  @ApiConflictResponse({ description: 'based on a version that is not the latest, or the report is signed (DOCUMENT_SIGNED)' })
  @ApiUnprocessableEntityResponse({ description: 'nothing changed, unknown recipient units, or forged provenance' })
  @ApiBody({ type: ReviseReportDto, examples: { example: { value: { baseVersion: 1, title: 'tổng kết công tác dân vận năm 2026', note: 'Sửa trích yếu theo ý kiến Thường trực', recipients: [{ name: 'Ban Dân vận Tỉnh ủy', purpose: 'b/c' }, { name: 'MTTQ và các đoàn thể huyện', purpose: 't/d', unitIds: ['mttq-tam-duong', 'hlhpn-tam-duong'] }] } } } })
  revise(@Param('cycleId', cycleIdPipe) cycleId: string, @Body() dto: ReviseReportDto, @CurrentActor() actor: Actor, @WriteOpts() opts: WriteOptions) {
    return this.use.reviseReport.execute(cycleId, dto, actor, opts);
  }

  @Post('comments')
  @Allow('report.comment')
  @HttpCode(200)
  @ApiOkResponse({ type: ReportDto, example: REPORT_EXAMPLE, description: 'comment anchored to a passage of a version' })
  @ApiUnprocessableEntityResponse({ description: 'unknown version or passage, or a quote not in the passage' })
  @ApiBody({ type: CommentDto, examples: { example: { value: { version: 1, passageId: 's2.4/p1', quote: '312 hội viên', text: 'Đề nghị kiểm tra lại số hội viên kết nạp mới.' } } } })
  comment(@Param('cycleId', cycleIdPipe) cycleId: string, @Body() dto: CommentDto, @CurrentActor() actor: Actor, @WriteOpts() opts: WriteOptions) {
    return this.use.commentOnReport.execute(cycleId, dto, actor, opts);
  }

  @Post('comments/:commentId/resolve')
  @Allow('report.resolve')
  @HttpCode(200)
  @ApiOkResponse({ type: ReportDto, example: REPORT_EXAMPLE, description: 'the comment marked resolved (in the latest version)' })
  @ApiBody({ type: ResolveCommentDto, examples: { example: { value: { note: 'Đã sửa ở phiên bản 3.' } } } })
  resolve(@Param('cycleId', cycleIdPipe) cycleId: string, @Param('commentId') commentId: string, @Body() dto: ResolveCommentDto, @CurrentActor() actor: Actor, @WriteOpts() opts: WriteOptions) {
    return this.use.resolveComment.execute(cycleId, commentId, dto.note, actor, opts);
  }

  @Post('sign')
  @Allow('report.sign')
  @HttpCode(200)
  @ApiOkResponse({ type: ReportDto, example: { ...REPORT_EXAMPLE, status: 'signed', cyclePhase: 'distributing' }, description: 'signed and frozen; the cycle moves on to distribution' })
  @ApiConflictResponse({ description: 'not the latest version, open comments, or already signed' })
  @ApiUnprocessableEntityResponse({ description: 'the document is not well-formed (e.g. a state authority on a Party document)' })
  @ApiBody({ type: SignReportDto, examples: { example: { value: { version: 3, authority: 'T/M', onBehalfOf: 'BAN THƯỜNG VỤ', title: 'PHÓ BÍ THƯ', name: 'Cao Trang Trọng' } } } })
  sign(@Param('cycleId', cycleIdPipe) cycleId: string, @Body() dto: SignReportDto, @CurrentActor() actor: Actor, @WriteOpts() opts: WriteOptions) {
    return this.use.signReport.execute(cycleId, dto, actor, opts);
  }

  @Post('number')
  @Allow('report.number')
  @HttpCode(200)
  @ApiOkResponse({ type: ReportDto, example: { ...REPORT_EXAMPLE, status: 'numbered', numbered: { number: 7, numberText: 'Số 07-BC/HU', date: '2026-12-28', by: REPORT_EXAMPLE.versions[0].createdBy, at: '2026-12-28T02:00:00.000Z' } },
    description: 'number from the register of its scheme and period, and the date of issue' })
  @ApiConflictResponse({ description: 'not signed, or already numbered' })
  @ApiBody({ type: NumberReportDto, examples: { example: { value: { date: '2026-12-28' } } } })
  number(@Param('cycleId', cycleIdPipe) cycleId: string, @Body() dto: NumberReportDto, @CurrentActor() actor: Actor, @WriteOpts() opts: WriteOptions) {
    return this.use.numberReport.execute(cycleId, dto, actor, opts);
  }

  @Post('distribute')
  @Allow('report.distribute')
  @HttpCode(200)
  @ApiOkResponse({ type: ReportDto, example: { ...REPORT_EXAMPLE, status: 'distributed' }, description: 'sent to every registry unit of Nơi nhận (one delivery event each)' })
  distribute(@Param('cycleId', cycleIdPipe) cycleId: string, @CurrentActor() actor: Actor, @WriteOpts() opts: WriteOptions) {
    return this.use.distributeReport.execute(cycleId, actor, opts);
  }

  @Post('receipts')
  @Allow('report.acknowledge')
  @HttpCode(200)
  @ApiOkResponse({ type: ReportDto, example: { ...REPORT_EXAMPLE, status: 'distributed' }, description: 'receipt acknowledged by a receiving unit' })
  @ApiConflictResponse({ description: 'not sent to that unit, already acknowledged, or recalled' })
  @ApiBody({ type: ReceiptDto, examples: { example: { value: { unitId: 'hnd-tam-duong' } } } })
  acknowledge(@Param('cycleId', cycleIdPipe) cycleId: string, @Body() dto: ReceiptDto, @CurrentActor() actor: Actor, @WriteOpts() opts: WriteOptions) {
    return this.use.acknowledgeReceipt.execute(cycleId, dto, actor, opts);
  }

  @Post('recall')
  @Allow('report.recall')
  @HttpCode(200)
  @ApiOkResponse({ type: ReportDto, example: { ...REPORT_EXAMPLE, status: 'recalled', recall: { reason: 'Sai số liệu mục II.4', at: '2026-12-30T02:00:00.000Z', by: REPORT_EXAMPLE.versions[0].createdBy } },
    description: 'recalled (thu hồi) with the reason' })
  @ApiBody({ type: RecallDto, examples: { example: { value: { reason: 'Sai số liệu mục II.4; sẽ ban hành văn bản thay thế.' } } } })
  recall(@Param('cycleId', cycleIdPipe) cycleId: string, @Body() dto: RecallDto, @CurrentActor() actor: Actor, @WriteOpts() opts: WriteOptions) {
    return this.use.recallReport.execute(cycleId, dto, actor, opts);
  }

  @Get('document.docx')
  @Allow('report.read')
  @ApiProduces(DOCX)
  @ApiQuery({ name: 'version', required: false, description: 'default: the signed version, else the latest' })
  @ApiOkResponse({ description: 'the report in the official layout (DOCX)' })
  async docx(@Param('cycleId', cycleIdPipe) cycleId: string, @Query('version') version: string | undefined, @CurrentActor() actor: Actor) {
    return file(DOCX)(await this.use.exportReport.docx(cycleId, positiveInt(version, 'version'), actor));
  }

  @Get('document.pdf')
  @Allow('report.read')
  @ApiProduces('application/pdf')
  @ApiQuery({ name: 'version', required: false })
  @ApiOkResponse({ description: 'the report as PDF (LibreOffice on the server; conversions queued, each version converted once)' })
  @ApiServiceUnavailableResponse({ description: 'LibreOffice is not installed on the server (PDF_UNAVAILABLE)' })
  async pdf(@Param('cycleId', cycleIdPipe) cycleId: string, @Query('version') version: string | undefined, @CurrentActor() actor: Actor) {
    return file('application/pdf')(await this.use.exportReport.pdf(cycleId, positiveInt(version, 'version'), actor));
  }
}
