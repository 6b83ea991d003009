import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { consolidate } from '@kybaocao/domain/consolidation/consolidate';
import type { ApprovedSubmission, Consolidation } from '@kybaocao/domain/consolidation/consolidation.model';
import type { OpenedCycleState } from '@kybaocao/domain/cycle';
import { blockingFindingsOf, latestVersion, type RegistryUnit, type UnitNarrative } from '@kybaocao/domain/report';
import { approvedSubmissionQueries } from '@kybaocao/persistence/projections/approved-submissions/approved-submissions.projection';
import { CyclesService } from '../cycles/cycles.service';
import { ReportRepository } from './report.repository';

export interface CycleFigures {
  consolidation: Consolidation;
  narratives: UnitNarrative[];
  approvedUnits: string[];
  /** The issuer, its parent and the cycle's units, from the registry. */
  units: Map<string, RegistryUnit>;
}

/** The figures a cycle's report is built on: its approved submissions consolidated by the domain. */
@Injectable()
export class ReportFigures {
  constructor(
    private readonly db: DataSource,
    private readonly cycles: CyclesService,
    private readonly reports: ReportRepository,
  ) {}

  /**
   * Approved submissions of the cycle (figures + narrative of the approved version; source = the approving
   * event), from the approved-submissions read model: the cycle's own rows, never a scan of the log. With
   * `upToPosition`, the approvals as they stood then (a signed report's basis).
   */
  async of(cycle: OpenedCycleState, upToPosition?: string): Promise<CycleFigures> {
    const unitOrder = cycle.assignedUnits.map((u) => u.unitId);
    // Both read models caught up first, then the registry, the approvals and the template read side by side.
    await this.reports.caughtUp();
    const [units, approved, template] = await Promise.all([
      this.reports.unitsAsProjected([...unitOrder, cycle.issuingBody.unitId]),
      approvedSubmissionQueries.ofCycle(this.db.manager, cycle.cycleId, { upToPosition }),
      this.cycles.templateOf(cycle),
    ]);
    const parentId = units.get(cycle.issuingBody.unitId)?.parentId;
    if (parentId && !units.has(parentId)) for (const [id, u] of await this.reports.unitsAsProjected([parentId])) units.set(id, u);
    const place = new Map(unitOrder.map((id, i) => [id, i] as const));
    const submissions: ApprovedSubmission[] = [];
    const narratives: UnitNarrative[] = [];
    // The cycle's units in its order: each approval dropped in its unit's slot (no sort of 20,000 rows).
    const slots: (typeof approved)[] = [];
    for (const a of approved) {
      const at = place.get(a.unitId);
      if (at !== undefined) (slots[at] ??= []).push(a);
    }
    for (const a of slots.flat()) {
      const unit = units.get(a.unitId);
      const unitName = unit?.shortName ?? unit?.canonicalName ?? a.unitId;
      submissions.push({
        unitId: a.unitId,
        unitName,
        unitKind: unit?.kind ?? 'UNKNOWN',
        figures: a.figures,
        sourceEventId: a.sourceEventId,
        sourcePosition: a.sourcePosition,
      });
      narratives.push({ unitId: a.unitId, unitName, narrative: a.narrative });
    }
    const previous = cycle.previousCycleId && !upToPosition ? await this.previousTotals(cycle, template) : undefined;
    const targets = cycle.targets
      ? Object.fromEntries(Object.entries(cycle.targets).filter(([code]) => template.indicators.some((i) => i.code === code)))
      : undefined;
    const consolidation = consolidate({
      template,
      submissions,
      unitOrder,
      ...(previous ? { previous } : {}),
      ...(targets ? { targets } : {}),
    });
    return { consolidation, narratives, approvedUnits: submissions.map((s) => s.unitId), units };
  }

  /** What blocks signing (see blockingFindingsOf) for the cycle's latest draft. */
  async blockingFindings(cycle: OpenedCycleState): Promise<{ code: string; messageVi: string }[]> {
    const { consolidation } = await this.of(cycle);
    return blockingFindingsOf(consolidation, latestVersion((await this.reports.read(cycle.cycleId)).state)?.document);
  }

  /**
   * The totals of the previous cycle the cycle links to (same template and issuer, checked when opening), for
   * "tăng … so với cùng kỳ": scalar totals of indicators this template still has. 'cùng kỳ' for a period of the
   * year, 'năm <year>' for an annual one.
   */
  private async previousTotals(cycle: OpenedCycleState, template: { indicators: readonly { code: string; valueType: string }[] }) {
    const before = await this.cycles.state(cycle.previousCycleId!);
    const { consolidation } = await this.of({ ...before, previousCycleId: undefined, targets: undefined });
    const scalar = new Set(template.indicators.filter((i) => ['integer', 'decimal', 'money'].includes(i.valueType)).map((i) => i.code));
    const totals = Object.fromEntries(
      consolidation.indicators
        .filter((ci) => ci.total !== undefined && scalar.has(ci.indicator.code) && 'value' in ci.total)
        .map((ci) => [ci.indicator.code, ci.total!]),
    );
    const annual = ['annual', 'year'].includes(cycle.period.kind);
    return { label: annual ? `năm ${before.period.year ?? before.period.dataTo.slice(0, 4)}` : 'cùng kỳ', totals };
  }
}
