import { requireDefaultVersion } from '../../report-visibility';
import { createHash } from 'node:crypto';
import { Injectable, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import type { RecordedEvent } from '@kybaocao/persistence/event-store/event-store';
import { DocxFiles } from '@kybaocao/documents/docx-files';
import { PdfConverter, PdfUnavailableError } from '@kybaocao/documents/pdf-converter';
import { issuedDocument, latestVersion, printableLabel } from '@kybaocao/domain/report';
import { Actor } from '../../../common/actor';
import { CyclesService } from '../../../cycles/cycles.service';
import { DELIVERY_EVENTS, NO_DOCUMENTS } from '../../report-read';
import { ReportRepository, requireReader, versionOf } from '../../report.repository';

export interface ReportFile {
  buffer: Buffer;
  filename: string;
}

/**
 * The report as a file: DOCX in the official layout (rendered once per version as it prints: DocxFiles, printedKey), or
 * PDF through LibreOffice (queued and cached per version).
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

  /**
   * The version asked for (else the one the view shows: the signed one, else the latest) as it prints, named from the
   * report's events read without any document (printedKey); its document is read only when its file is not kept, so
   * the units a national report is sent to download it without each reading its 5 MB.
   */
  private async printable(cycleId: string, n: number | undefined, actor: Actor) {
    await this.cycles.cycleHead(cycleId);
    const { state, events } = await this.reports.readAs(actor, cycleId, NO_DOCUMENTS);
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
    versionOf(state, version);
    const json = async () => {
      // Read again with that version's document. Had the report moved meanwhile (numbered, say), this is the newer
      // document, filed under the older name, which no later read computes again.
      const read = await this.reports.readAs(actor, cycleId, { shown: false, versions: [version] }, { sourceTable: false });
      const v = versionOf(read.state, version);
      return JSON.stringify(read.state.signed?.version === version ? issuedDocument(read.state)! : v.document);
    };
    return { printed: { key: printedKey(cycleId, version, events), json }, label: printableLabel(state, version), version };
  }
}

/**
 * What names a version of the report as it prints, without its document: the version, and the ids of the report's
 * events but the deliveries and receipts. Every event that can change what prints is among them (the version's own
 * ReportDrafted / ReportRevised, the signature, Nơi nhận's amendment, the number), and none of the ones a distribution
 * brings in by the thousand, so every unit it was sent to downloads the same file. A comment or a recall names another
 * file, rendered again (rare: before signing, few download).
 */
export function printedKey(cycleId: string, version: number, events: readonly RecordedEvent[]): string {
  const ids = events.filter((e) => !DELIVERY_EVENTS.includes(e.type)).map((e) => e.eventId);
  return createHash('sha256')
    .update(JSON.stringify([cycleId, version, ids]))
    .digest('hex');
}
