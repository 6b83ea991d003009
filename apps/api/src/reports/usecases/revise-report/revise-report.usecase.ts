import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import type { BodySection, OfficialDocument } from '@kybaocao/domain/document/document.model';
import { unknownSources } from '@kybaocao/domain/report';
import { Actor, authorize } from '../../../common/actor';
import type { WriteOptions } from '../../../common/write-options';
import { CyclesService } from '../../../cycles/cycles.service';
import type { ReportDto } from '../../report-response.dto';
import { documentRead } from '../../report-read';
import { ReportRepository } from '../../report.repository';
import type { ReviseReportDto } from '../../report-draft.dto';
import { GetReport } from '../get-report/get-report.usecase';

/** A new version with the office's changes (title, place, body, recipients, archive). */
@Injectable()
export class ReviseReport {
  constructor(
    private readonly cycles: CyclesService,
    private readonly reports: ReportRepository,
    private readonly view: GetReport,
  ) {}

  async execute(cycleId: string, dto: ReviseReportDto, actor: Actor, opts: WriteOptions): Promise<ReportDto> {
    const cycle = await this.cycles.cycleHead(cycleId);
    // The latest version's document (the revision edits it; the view shows the result).
    let read = await this.reports.read(cycleId);
    const { state } = read;
    // A signed report is refused as such (DOCUMENT_SIGNED, by the decider), whatever phase the cycle is in.
    if (state.status === 'none' || state.status === 'drafting') authorize(actor, 'report.revise', { cycleStatus: cycle.status });
    const { baseVersion, note, ...fields } = dto;
    // Only the fields sent: a DTO instance carries its declared-but-absent properties as undefined.
    const change = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Omit<
      ReviseReportDto,
      'baseVersion' | 'note'
    >;
    if (Object.keys(change).length === 0) {
      throw new UnprocessableEntityException({
        statusCode: 422,
        error: 'REPORT_REVISION_EMPTY',
        message: 'a revision changes at least one of title, place, body, recipients, archive',
        messageVi: 'Nội dung sửa đổi không khác phiên bản hiện tại.',
      });
    }
    let forged = change.body ? unknownSources(change.body as BodySection[], state) : [];
    // Sources listed inline (an older client) may be any version's: those not found are looked for in every version.
    if (forged.length && read.state.versions.some((v) => !documentRead(v.document))) {
      read = await this.reports.read(cycleId, 'all');
      forged = unknownSources(change.body as BodySection[], read.state);
    }
    if (forged.length) {
      throw new UnprocessableEntityException({
        statusCode: 422,
        error: 'PROVENANCE_UNKNOWN',
        message: `runs cite sources no version of this report cites: ${forged.slice(0, 5).join(', ')}`,
        messageVi: 'Nguồn số liệu gắn với đoạn văn không có trong dự thảo; không được tự đặt nguồn số liệu.',
        sources: forged,
      });
    }
    if (change.recipients) await this.reports.requireKnownUnits(change.recipients.flatMap((r) => r.unitIds ?? []));
    const written = await this.reports.append(
      cycleId,
      actor,
      opts,
      (by, at) => ({
        type: 'ReviseReport',
        data: { baseVersion, change: change as Partial<OfficialDocument>, at, by, ...(note ? { note } : {}) },
      }),
      { read },
    );
    return this.view.ofWrite(cycleId, actor, written, cycle.status);
  }
}
