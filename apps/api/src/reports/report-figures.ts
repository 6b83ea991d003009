import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Consolidation } from '@kybaocao/domain/consolidation/consolidation.model';
import type { OpenedCycleState } from '@kybaocao/domain/cycle';
import { cycleHeadQueries, type CycleHead } from '@kybaocao/persistence/projections/cycle-heads/cycle-heads.projection';
import type { RegistryUnit, UnitNarrative } from '@kybaocao/domain/report';
import { CyclesService } from '../cycles/cycles.service';
import { consolidateApproved } from './approved-figures';
import { ReportRepository } from './report.repository';

export interface CycleFigures {
  consolidation: Consolidation;
  narratives: UnitNarrative[];
  approvedUnits: string[];
  /** The cycle's units in its order. */
  unitOrder: string[];
  /** The issuer, its parent and the cycle's units, from the registry. */
  units: Map<string, RegistryUnit>;
}

/** A cycle as the figures need it: its head, with its units when the caller folded them. */
export type FiguresCycle = CycleHead & Partial<Pick<OpenedCycleState, 'assignedUnits'>>;

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
   * `upToPosition`, the approvals as they stood then (a signed report's basis). The units' order is the folded
   * state's when the caller has it (the draft), else read from the cycle's memberships (the cycle's head alone).
   */
  async of(cycle: FiguresCycle, upToPosition?: string): Promise<CycleFigures> {
    const unitOrder = cycle.assignedUnits?.map((u) => u.unitId) ?? (await cycleHeadQueries.unitOrder(this.db.manager, cycle.cycleId));
    // Both read models caught up first; then the registry, the template (and the previous cycle's totals) are read
    // while the approvals' cursor opens.
    await this.reports.caughtUp();
    const setup = (async () => {
      const [units, template] = await Promise.all([
        this.reports.unitsAsProjected([...unitOrder, cycle.issuingBody.unitId]),
        this.cycles.templateOf(cycle),
      ]);
      const parentId = units.get(cycle.issuingBody.unitId)?.parentId;
      if (parentId && !units.has(parentId)) for (const [id, u] of await this.reports.unitsAsProjected([parentId])) units.set(id, u);
      const previous = cycle.previousCycleId && !upToPosition ? await this.previousTotals(cycle, template) : undefined;
      const targets = cycle.targets
        ? Object.fromEntries(Object.entries(cycle.targets).filter(([code]) => template.indicators.some((i) => i.code === code)))
        : undefined;
      return { units, input: { template, ...(previous ? { previous } : {}), ...(targets ? { targets } : {}) } };
    })();
    const figures = await consolidateApproved(this.db, cycle.cycleId, unitOrder, { upToPosition }, setup);
    return { ...figures, unitOrder, units: (await setup).units };
  }

  /**
   * The totals of the previous cycle the cycle links to (same template and issuer, checked when opening), for
   * "tăng … so với cùng kỳ": scalar totals of indicators this template still has. 'cùng kỳ' for a period of the
   * year, 'năm <year>' for an annual one.
   */
  private async previousTotals(cycle: FiguresCycle, template: { indicators: readonly { code: string; valueType: string }[] }) {
    const before = await this.cycles.cycleHead(cycle.previousCycleId!);
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
