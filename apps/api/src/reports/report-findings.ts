import type { Consolidation, ConsolidationFinding } from '@kybaocao/domain/consolidation/consolidation.model';

/**
 * The consolidation's findings as the checks answer them (issue #16): a national cycle may hold one rule violation
 * per unit (20,000), so the answer lists the first few in a stable order and counts them per severity; the whole list
 * is its own paged route (…/report/checks/findings). A qualifier finding names the first few of its units and counts
 * them. Pure: it only orders, counts and cuts what the domain decided.
 */

/** The checks answer lists this many findings (errors first, then the cycle's unit order, then the indicator order). */
export const FINDINGS_LISTED = 50;
/** A page of …/report/checks/findings. */
export const FINDINGS_PAGE_SIZE = 100;
/** A qualifier finding names at most this many of its units; `unitsTotal` counts them all. */
export const QUALIFIER_UNITS_LISTED = 20;

export const FINDING_SEVERITIES = ['error', 'warning'] as const;
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];

type QualifierFinding = Extract<ConsolidationFinding, { kind: 'qualifier' }>;
/** A finding as answered: a qualifier one with its first units named instead of every unit id. */
export type ShownFinding =
  | Exclude<ConsolidationFinding, QualifierFinding>
  | (Omit<QualifierFinding, 'unitIds'> & { units: { unitId: string; unitName: string }[]; unitsTotal: number });

export const severityOf = (f: ConsolidationFinding | ShownFinding): FindingSeverity =>
  f.kind === 'violation' ? f.violation.severity : f.severity;

/**
 * Every finding in the order the office reads them: errors before warnings; within a severity, the findings about a
 * total (change, qualifier: one per indicator at most) first, then each unit's in the cycle's unit order; then the
 * indicator order. Stable, O(F log F).
 */
export function orderedFindings(consolidation: Consolidation): ConsolidationFinding[] {
  const unitRank = new Map(consolidation.units.map((u, i) => [u.unitId, i]));
  const indicatorRank = new Map(consolidation.indicators.map((ci, i) => [ci.indicator.code, i]));
  const keyed = consolidation.findings.map((f, at) => ({
    f,
    at,
    severity: severityOf(f) === 'error' ? 0 : 1,
    unit: f.kind === 'violation' ? (unitRank.get(f.unitId) ?? consolidation.units.length) : -1,
    indicator: indicatorRank.get(f.kind === 'violation' ? (f.violation.indicatorCodes[0] ?? '') : f.indicatorCode) ?? -1,
  }));
  keyed.sort((a, b) => a.severity - b.severity || a.unit - b.unit || a.indicator - b.indicator || a.at - b.at);
  return keyed.map((k) => k.f);
}

/** How many findings of each severity (what blocks signing on the web: the errors). */
export function findingCountsOf(findings: readonly ConsolidationFinding[]): Record<FindingSeverity, number> {
  const counts = { error: 0, warning: 0 };
  for (const f of findings) counts[severityOf(f)]++;
  return counts;
}

/** A finding as answered: a qualifier one names its first units (registry names) and counts them all. */
export function shownFinding(f: ConsolidationFinding, nameOf: (unitId: string) => string): ShownFinding {
  if (f.kind !== 'qualifier') return f;
  const { unitIds, ...rest } = f;
  return {
    ...rest,
    units: unitIds.slice(0, QUALIFIER_UNITS_LISTED).map((unitId) => ({ unitId, unitName: nameOf(unitId) })),
    unitsTotal: unitIds.length,
  };
}

/** Unit names of the consolidation, built once and only when a qualifier finding needs them. */
function namesOf(consolidation: Consolidation): (unitId: string) => string {
  let names: Map<string, string> | undefined;
  return (unitId) => (names ??= new Map(consolidation.units.map((u) => [u.unitId, u.unitName]))).get(unitId) ?? unitId;
}

/** The findings part of the checks answer: the first FINDINGS_LISTED, their number, and the number per severity. */
export function findingsSummaryOf(consolidation: Consolidation, limit = FINDINGS_LISTED) {
  const ordered = orderedFindings(consolidation);
  const nameOf = namesOf(consolidation);
  return {
    findings: ordered.slice(0, limit).map((f) => shownFinding(f, nameOf)),
    findingsTotal: ordered.length,
    findingCounts: findingCountsOf(ordered),
  };
}

/** One page (from 1) of the findings, of one severity or all; a page past the end is empty and still counts. */
export function findingsPageOf(consolidation: Consolidation, page: number, severity?: FindingSeverity) {
  const all = orderedFindings(consolidation);
  const matching = severity ? all.filter((f) => severityOf(f) === severity) : all;
  const nameOf = namesOf(consolidation);
  const from = (page - 1) * FINDINGS_PAGE_SIZE;
  return {
    page,
    pageSize: FINDINGS_PAGE_SIZE,
    total: matching.length,
    findingCounts: findingCountsOf(all),
    findings: matching.slice(from, from + FINDINGS_PAGE_SIZE).map((f) => shownFinding(f, nameOf)),
  };
}
