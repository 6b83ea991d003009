import { versionFor } from '../../report-visibility';
import { Injectable } from '@nestjs/common';
import { withoutSourceTable } from '@kybaocao/domain/document/figure-sources';
import { issuedDocument, passagesOf } from '@kybaocao/domain/report';
import { Actor } from '../../../common/actor';
import { CyclesService } from '../../../cycles/cycles.service';
import type { ReportVersionDto } from '../../report-response.dto';
import { ReportRepository, requireReader, versionOf } from '../../report.repository';

/** One version: its document (the issued one for the signed version), passages to comment on, and its comments. */
@Injectable()
export class GetReportVersion {
  constructor(
    private readonly cycles: CyclesService,
    private readonly reports: ReportRepository,
  ) {}

  async execute(cycleId: string, n: number, actor: Actor): Promise<ReportVersionDto> {
    await this.cycles.cycleHead(cycleId);
    // That version's document alone (the issued one when it is the signed version: the same version, amended).
    const { state } = await this.reports.readAs(actor, cycleId, { shown: false, versions: [n] }, { sourceTable: false });
    requireReader(actor, state);
    const v = versionOf(state, n);
    const document = state.signed?.version === n ? issuedDocument(state)! : v.document;
    return versionFor(actor, {
      cycleId,
      version: v.version,
      origin: v.origin,
      createdAt: v.createdAt,
      createdBy: v.createdBy,
      ...(v.note ? { note: v.note } : {}),
      signed: state.signed?.version === n,
      // The source table (one entry per contributing unit) stays here: …/figure-sources answers a passage's, paged.
      document: withoutSourceTable(document),
      passages: passagesOf(document),
      comments: state.comments.filter((c) => c.version === n),
    });
  }
}
