import type { Violation } from '../templates/figure-check';
import type { FigureValue, Figures, Indicator, ReportTemplate } from '../templates/report-template';

/** One unit's approved submission, as consolidation needs it. */
export interface ApprovedSubmission {
  unitId: string;
  /** The unit's short name as reports write it: 'Hội LHPN', 'Sơn Bình', 'MTTQ'. */
  unitName: string;
  /** Kind code from UNIT_KINDS ('HLHPN', 'DANG_UY_XA' …) or any other non-blank code. */
  unitKind: string;
  figures: Figures;
  /** Id of the event that approved (or corrected) the version these figures come from. */
  sourceEventId: string;
  /** That event's global position in the event store (a decimal string: a PostgreSQL bigint). */
  sourcePosition: string;
}

/** The figures of the same period last time ("cùng kỳ") or of a named earlier period ("năm 2021"). */
export interface PreviousTotals {
  /** How the text names the earlier period, after "so với": 'cùng kỳ' (default), 'năm 2021'. */
  label?: string;
  totals: Figures;
}

export interface ConsolidationInput {
  template: ReportTemplate;
  submissions: readonly ApprovedSubmission[];
  /**
   * Unit ids in the order the report lists them (the plan's order, the order of communes the district
   * always uses). A unit listed twice takes its first place. Units not listed come after, ordered by id. Without it every unit is ordered by id, so
   * the result never depends on the order submissions arrived in.
   */
  unitOrder?: readonly string[];
  previous?: PreviousTotals;
  /** Plan targets (kế hoạch) per indicator code, in the indicator's unit. */
  targets?: Readonly<Record<string, number>>;
}

/** Where a number came from: enough to open the submission version and the event that approved it. */
export interface Provenance {
  unitId: string;
  sourceEventId: string;
  sourcePosition: string;
}

/** One unit's value of one indicator. */
export interface FigurePart extends Provenance {
  unitName: string;
  unitKind: string;
  value: FigureValue;
}

export interface PreviousComparison {
  label: string;
  previous: FigureValue;
  /** current − previous (of the numerators for a ratio indicator), exact. */
  difference: number;
  /** current ÷ previous; absent when the previous value is 0. */
  ratio?: number;
  /** Either side is "trên", "gần" or "ước đạt": the difference is only approximate. */
  approximate: boolean;
}

export interface PlanProgress {
  target: number;
  /** total ÷ target; absent when the target is 0. */
  ratio?: number;
  approximate: boolean;
}

export interface ConsolidatedIndicator {
  indicator: Indicator;
  /** Absent when no unit reported the indicator, or its aggregation is 'none'. */
  total?: FigureValue;
  /**
   * Per-unit values in the report's unit order. Made from the indicator's columns when first read (see columns.ts):
   * code that walks every unit reads `columnsOf(ci)` instead, so a draft of 20,000 units makes no part objects.
   */
  parts: FigurePart[];
  /** The source of every part, in the same order (made when first read, as `parts`). */
  provenance: Provenance[];
  comparison?: PreviousComparison;
  plan?: PlanProgress;
  /**
   * Yes/no indicators, and x/y indicators with coverage wording: the units of the population (the contributing
   * units the indicator's section applies to) that reached it (yes; x = y) and those that did not, in report order.
   */
  coverage?: { covered: ConsolidatedUnit[]; missing: ConsolidatedUnit[]; total: number };
}

export interface ConsolidatedUnit {
  unitId: string;
  unitName: string;
  unitKind: string;
}

/** Something the reviewer must look at before the numbers go into the report. */
export type ConsolidationFinding =
  | {
      kind: 'violation';
      /** The violation of checkFigures, as the unit's reviewer saw it. */
      violation: Violation;
      unitId: string;
      unitName: string;
      sourceEventId: string;
      /** A figure with a 'figure' error (wrong type, negative …) is left out of every total. */
      excludedFromTotals: boolean;
    }
  | {
      /** A template rule 'change_vs_previous': the total moved more than the threshold against the previous period. */
      kind: 'change';
      code: string;
      severity: 'error' | 'warning';
      indicatorCode: string;
      changePercent: number;
      messageVi: string;
    }
  | {
      kind: 'qualifier';
      code: 'QUALIFIER_BOUNDS_MIXED' | 'QUALIFIER_CUMULATIVE_MIXED';
      severity: 'warning';
      indicatorCode: string;
      unitIds: string[];
      messageVi: string;
    };

export interface Consolidation {
  templateId: string;
  templateVersion: number;
  /** The units that contributed, in report order. */
  units: ConsolidatedUnit[];
  /** Every indicator of the template, in template order. */
  indicators: ConsolidatedIndicator[];
  findings: ConsolidationFinding[];
}
