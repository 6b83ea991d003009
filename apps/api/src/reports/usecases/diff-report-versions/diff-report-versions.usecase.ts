import { requireDrafts } from '../../report-visibility';
import { Injectable } from '@nestjs/common';
import { diffPassages, passagesOf } from '@kybaocao/domain/report';
import { Actor } from '../../../common/actor';
import { CyclesService } from '../../../cycles/cycles.service';
import { ReportRepository, requireReader, versionOf } from '../../report.repository';

/** Passage-level changes between two versions (default: the previous one), with word-level detail. */
@Injectable()
export class DiffReportVersions {
  constructor(
    private readonly cycles: CyclesService,
    private readonly reports: ReportRepository,
  ) {}

  async execute(cycleId: string, n: number, from: number | undefined, actor: Actor) {
    await this.cycles.cycleHead(cycleId);
    // The two versions' documents alone.
    const { state } = await this.reports.readAs(actor, cycleId, { shown: false, versions: [n, from ?? n - 1] });
    requireReader(actor, state);
    const to = versionOf(state, n);
    const base = versionOf(state, from ?? n - 1);
    requireDrafts(actor); // diffs between drafts: the office only
    return { cycleId, from: base.version, to: to.version, changes: diffPassages(passagesOf(base.document), passagesOf(to.document)) };
  }
}
