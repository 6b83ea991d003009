import { Injectable } from '@nestjs/common';
import { partCount } from '@kybaocao/domain/consolidation/columns';
import { formatFigure } from '@kybaocao/domain/consolidation/figure-format';
import { coverageListFindings, draftFigureFindings, latestVersion } from '@kybaocao/domain/report';
import { Actor, authorize } from '../../../common/actor';
import { CyclesService } from '../../../cycles/cycles.service';
import { missingUnitsOf } from '../../missing-units';
import { findingsPageOf, findingsSummaryOf, type FindingSeverity } from '../../report-findings';
import { ReportFigures } from '../../report-figures';
import { SHOWN_DOCUMENTS } from '../../report-read';
import { ReportRepository } from '../../report.repository';

/**
 * What the reviewer must look at before drafting: the units' rule violations and qualifier mixes from the
 * consolidation (the first ones and their count per severity; all of them a page at a time: `findings`), and —
 * once a draft exists — every figure of the latest version whose text no longer states the total of its sources
 * (an edit that broke a sum). Nothing in the answer grows with the number of units.
 */
@Injectable()
export class CheckReport {
  constructor(
    private readonly cycles: CyclesService,
    private readonly reports: ReportRepository,
    private readonly figures: ReportFigures,
  ) {}

  async execute(cycleId: string, actor: Actor) {
    const cycle = await this.cycles.cycleHead(cycleId);
    authorize(actor, 'report.checks');
    const { consolidation, approvedUnits, unitOrder } = await this.figures.of(cycle);
    // The latest version's document alone (the others stay in the database), without its source table: the checks
    // compare its text with the consolidation's totals and coverage lists.
    const { state } = await this.reports.readAs(actor, cycleId, SHOWN_DOCUMENTS, { sourceTable: false });
    const latest = latestVersion(state);
    const draftFindings = latest
      ? [...draftFigureFindings(latest.document, consolidation), ...coverageListFindings(latest.document, consolidation)]
      : [];
    return {
      cycleId,
      approvedUnits: approvedUnits.length,
      assignedUnits: unitOrder.length,
      ...missingUnits(unitOrder, approvedUnits),
      ...findingsSummaryOf(consolidation),
      draftFindings,
      ...(latest ? { checkedVersion: latest.version } : {}),
      totals: consolidation.indicators
        .filter((ci) => ci.total !== undefined)
        .map((ci) => ({
          code: ci.indicator.code,
          name: ci.indicator.name,
          total: ci.total,
          text: formatFigure(ci.indicator, ci.total!),
          // How many approved submissions the total sums; which ones: …/figure-sources per passage, paged.
          sourceCount: partCount(ci),
        })),
    };
  }

  /** GET …/report/checks/findings: the consolidation's findings (of one severity, or all), a page at a time. */
  async findings(cycleId: string, actor: Actor, page: number, severity?: FindingSeverity) {
    const cycle = await this.cycles.cycleHead(cycleId);
    authorize(actor, 'report.checks');
    const { consolidation } = await this.figures.of(cycle);
    return { cycleId, ...(severity ? { severity } : {}), ...findingsPageOf(consolidation, page, severity) };
  }
}

/** The first units with no approved submission and their count (the whole list is paged: …/checks/missing-units). */
function missingUnits(unitOrder: readonly string[], approved: readonly string[]) {
  const { listed, total } = missingUnitsOf(unitOrder, approved);
  return { missingUnits: listed, missingUnitsTotal: total };
}
