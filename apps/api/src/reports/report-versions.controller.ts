import { Get, Param, Query, StreamableFile } from '@nestjs/common';
import { ReportRoutes } from './report-routes';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiQuery,
  ApiServiceUnavailableResponse,
} from '@nestjs/swagger';
import { Allow } from '../auth/roles';
import { Actor, CurrentActor } from '../common/actor';
import { cycleIdPipe } from '../common/cycle-id.pipe';
import { positiveInt } from '../common/positive-int';
import { FINDINGS_PAGE_EXAMPLE, FindingsPageDto, REPORT_CHECKS_EXAMPLE, ReportChecksDto } from './report-checks.dto';
import { findingSeverity } from './finding-severity';
import { REPORT_VERSION_EXAMPLE, ReportVersionDto } from './report-response.dto';
import { ReportUseCases } from './usecases';

const DIFF_EXAMPLE = {
  from: 1,
  to: 2,
  changes: [
    {
      kind: 'changed',
      from: { id: 's2.4/p1', kind: 'paragraph', text: 'Kết nạp mới 312 hội viên.' },
      to: { id: 's2.4/p1', kind: 'paragraph', text: 'Kết nạp mới 320 hội viên.' },
      words: [{ value: 'Kết nạp mới ' }, { value: '312', removed: true }, { value: '320', added: true }, { value: ' hội viên.' }],
    },
  ],
};
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const file =
  (type: string) =>
  ({ buffer, filename }: { buffer: Buffer; filename: string }) =>
    new StreamableFile(buffer, { type, disposition: `attachment; filename="${filename}"` });

/** Reading the report's versions: one version, the diff of two, the checks of the draft, the DOCX/PDF downloads. The workflow actions are in ReportsController. */
@ReportRoutes()
export class ReportVersionsController {
  constructor(private readonly use: ReportUseCases) {}

  @Get('checks')
  @Allow('report.checks')
  @ApiOkResponse({
    type: ReportChecksDto,
    example: REPORT_CHECKS_EXAMPLE,
    description:
      'rule violations and qualifier mixes of the approved submissions; figures of the latest draft that no longer match their sources',
  })
  checks(@Param('cycleId', cycleIdPipe) cycleId: string, @CurrentActor() actor: Actor): Promise<ReportChecksDto> {
    return this.use.checkReport.execute(cycleId, actor);
  }

  @Get('checks/findings')
  @Allow('report.checks')
  @ApiQuery({ name: 'page', required: false, description: 'page of the findings (100 a page), from 1' })
  @ApiQuery({ name: 'severity', required: false, enum: ['error', 'warning'], description: 'only the findings of this severity' })
  @ApiOkResponse({
    type: FindingsPageDto,
    example: FINDINGS_PAGE_EXAMPLE,
    description: 'the rule violations and qualifier mixes of the approved submissions, in the order of the checks, a page at a time',
  })
  @ApiBadRequestResponse({ description: 'page is not a positive integer or severity is neither error nor warning (VALIDATION_FAILED)' })
  findings(
    @Param('cycleId', cycleIdPipe) cycleId: string,
    @Query('page') page: string | undefined,
    @Query('severity') severity: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<FindingsPageDto> {
    return this.use.checkReport.findings(cycleId, actor, positiveInt(page, 'page') ?? 1, findingSeverity(severity));
  }

  @Get('versions/:version')
  @Allow('report.read')
  @ApiOkResponse({
    type: ReportVersionDto,
    example: REPORT_VERSION_EXAMPLE,
    description: 'one version: the document (runs carry provenance), its passages (ids to comment on) and the comments on it',
  })
  @ApiNotFoundResponse({ description: 'no such version' })
  version(@Param('cycleId', cycleIdPipe) cycleId: string, @Param('version') version: string, @CurrentActor() actor: Actor) {
    return this.use.getReportVersion.execute(cycleId, positiveInt(version, 'version')!, actor);
  }

  @Get('versions/:version/diff')
  @Allow('report.read')
  @ApiQuery({ name: 'from', required: false, description: 'the version to compare with; default the previous one' })
  @ApiOkResponse({ description: 'passage-level changes with word-level detail', schema: { example: DIFF_EXAMPLE } })
  diff(
    @Param('cycleId', cycleIdPipe) cycleId: string,
    @Param('version') version: string,
    @Query('from') from: string | undefined,
    @CurrentActor() actor: Actor,
  ) {
    return this.use.diffReportVersions.execute(cycleId, positiveInt(version, 'version')!, positiveInt(from, 'from'), actor);
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
