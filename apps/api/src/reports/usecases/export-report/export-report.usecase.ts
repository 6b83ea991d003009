import { requireDefaultVersion } from '../../report-visibility';
import { Injectable, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { DocxFiles } from '@kybaocao/documents/docx-files';
import { PdfConverter, PdfUnavailableError } from '@kybaocao/documents/pdf-converter';
import { issuedDocument, latestVersion, printableLabel } from '@kybaocao/domain/report';
import { Actor } from '../../../common/actor';
import { CyclesService } from '../../../cycles/cycles.service';
import { SHOWN_DOCUMENTS } from '../../report-read';
import { ReportRepository, requireReader, versionOf } from '../../report.repository';

export interface ReportFile {
  buffer: Buffer;
  filename: string;
}

/**
 * The report as a file: DOCX in the official layout (rendered once per document as it prints: DocxFiles), or PDF through
 * LibreOffice (queued and cached per version).
 */
@Injectable()
export class ExportReport {
  constructor(
    private readonly cycles: CyclesService,
    private readonly reports: ReportRepository,
    private readonly pdfs: PdfConverter,
    private readonly docxFiles: DocxFiles,
  ) {}

  async docx(cycleId: string, n: number | undefined, actor: Actor): Promise<ReportFile> {
    requireDefaultVersion(actor, n); // a reader outside the office downloads the issued version only
    const { printed, label } = await this.printable(cycleId, n, actor);
    return { buffer: await this.docxFiles.of(printed), filename: `bao-cao-${label}.docx` };
  }

  async pdf(cycleId: string, n: number | undefined, actor: Actor): Promise<ReportFile> {
    requireDefaultVersion(actor, n);
    const { printed, label, version } = await this.printable(cycleId, n, actor);
    try {
      return {
        buffer: await this.pdfs.convert(`${cycleId}@${version}:${printed.key}`, () => this.docxFiles.of(printed)),
        filename: `bao-cao-${label}.pdf`,
      };
    } catch (error) {
      if (!(error instanceof PdfUnavailableError)) throw error;
      throw new ServiceUnavailableException({
        statusCode: 503,
        error: 'PDF_UNAVAILABLE',
        message: error.message,
        messageVi: 'Máy chủ chưa cài LibreOffice nên chưa xuất được PDF; hãy tải bản DOCX.',
      });
    }
  }

  private async printable(cycleId: string, n: number | undefined, actor: Actor) {
    await this.cycles.cycleHead(cycleId);
    // The version asked for, else the one the view shows (the signed one, else the latest): its document alone.
    const { state } = await this.reports.readAs(actor, cycleId, n === undefined ? SHOWN_DOCUMENTS : { shown: false, versions: [n] });
    requireReader(actor, state);
    if (state.status === 'none') {
      throw new NotFoundException({
        statusCode: 404,
        error: 'REPORT_NOT_DRAFTED',
        message: 'the cycle has no draft report yet',
        messageVi: 'Kỳ báo cáo chưa có dự thảo báo cáo.',
      });
    }
    const version = n ?? state.signed?.version ?? latestVersion(state)!.version;
    const v = versionOf(state, version);
    const document = state.signed?.version === version ? issuedDocument(state)! : v.document;
    // Keyed by the version's content as it prints: the same version numbered later is another document.
    return { printed: DocxFiles.printed(document), label: printableLabel(state, version), version };
  }
}
