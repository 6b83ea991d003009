import type { Consolidation } from '../consolidation/consolidation.model';
import { formatFigure } from '../consolidation/figure-format';
import type { BodySection, OfficialDocument, Run } from '../document/document.model';
import { figureSourceKey, sourcesOf } from '../document/figure-sources';
import { draftCoverageFindings } from './coverage-list-findings';
import { passagesOf } from './passages';
import type { ReportState } from './report.model';

/**
 * What a report's text must keep true to its sources: the provenance a client may send, the figures the
 * draft states, and what therefore blocks signing. Pure.
 */

type Indicator = NonNullable<Run['provenance']>['indicators'][number];

function visitIndicators(sections: readonly BodySection[], visit: (i: Indicator) => void): void {
  for (const s of sections) {
    for (const p of s.paragraphs) for (const r of p.runs) for (const i of r.provenance?.indicators ?? []) visit(i);
    visitIndicators(s.sections ?? [], visit);
  }
}

/**
 * Sources a client may keep on a run are those of this report (no forged provenance): a run citing an indicator
 * by code only must cite one the latest version's source table lists (the revision keeps that table); a run
 * still listing its sources inline (an older client) must list only sources some version already cites for
 * that code. Returns the others, as `code` or `code:sourceEventId`.
 */
export function unknownSources(body: readonly BodySection[], state: ReportState): string[] {
  const latest = state.versions[state.versions.length - 1]?.document.figureSources;
  let known: Set<string> | undefined;
  const knownKeys = () => {
    if (known) return known;
    known = new Set<string>();
    for (const v of state.versions) {
      const table = v.document.figureSources;
      for (const code of Object.keys(table?.byIndicator ?? {}))
        for (const src of sourcesOf(table, { code })) known.add(`${code}|${figureSourceKey(src)}`);
    }
    return known;
  };
  const forged: string[] = [];
  visitIndicators(body, (i) => {
    if (i.sources === undefined) {
      if (!latest?.byIndicator[i.code]) forged.push(i.code);
      return;
    }
    for (const src of i.sources) if (!knownKeys().has(`${i.code}|${figureSourceKey(src)}`)) forged.push(`${i.code}:${src.sourceEventId}`);
  });
  return forged;
}

export interface DraftFigureFinding {
  passageId: string;
  indicatorCode: string;
  expected: string;
  messageVi: string;
}

/** Figures of the draft whose text no longer states the consolidated total (an edited number, a typo). */
export function draftFigureFindings(doc: OfficialDocument, consolidation: Consolidation): DraftFigureFinding[] {
  const findings: DraftFigureFinding[] = [];
  // By id, looked up once per paragraph (a national draft quotes one narrative paragraph per unit: 20,000).
  const textOf = new Map(passagesOf(doc).map((p) => [p.id, p.text]));
  const visit = (sections: readonly BodySection[], prefix: string) =>
    sections.forEach((s, i) => {
      const path = prefix === '' ? `s${i + 1}` : `${prefix}.${i + 1}`;
      s.paragraphs.forEach((p, j) => {
        const text = textOf.get(`${path}/p${j + 1}`)!;
        for (const r of p.runs) {
          for (const { code } of r.provenance?.indicators ?? []) {
            const ci = consolidation.indicators.find((c) => c.indicator.code === code);
            // A table's figures are in its annex (built from the consolidation), not in the passage that points to it.
            if (!ci?.total || ci.indicator.valueType === 'table') continue;
            const expected = formatFigure(ci.indicator, ci.total);
            const bare = expected.replace(/^(trên|gần|ước đạt|lũy kế) /u, '');
            if (!text.includes(bare.split(' ')[0])) {
              findings.push({
                passageId: `${path}/p${j + 1}`,
                indicatorCode: code,
                expected,
                messageVi: `Số liệu "${ci.indicator.name}" trong dự thảo không khớp tổng hợp từ báo cáo của các đơn vị (${expected}).`,
              });
            }
          }
        }
      });
      visit(s.sections ?? [], path);
    });
  visit(doc.body, '');
  return findings;
}

/** Coverage lists of the draft that no longer name exactly the units that did not (#14): error-level, they block signing. */
export function coverageListFindings(doc: OfficialDocument, consolidation: Consolidation) {
  return draftCoverageFindings(passagesOf(doc), consolidation).map((f) => ({
    passageId: f.passageId ?? '',
    indicatorCode: f.indicatorCode,
    expected: f.expected.join(', '),
    messageVi: f.messageVi,
    code: f.code,
  }));
}

/**
 * What blocks signing: error-level rule violations of the approved submissions and of the template's change
 * rules, every figure of the latest draft that no longer states the total of its sources, and every coverage
 * list of it that no longer names the units that did not.
 */
export function blockingFindingsOf(
  consolidation: Consolidation,
  latest: OfficialDocument | undefined,
): { code: string; messageVi: string }[] {
  const out: { code: string; messageVi: string }[] = [];
  for (const f of consolidation.findings) {
    if (f.kind === 'violation' && f.violation.severity === 'error')
      out.push({ code: f.violation.code, messageVi: `${f.unitName}: ${f.violation.messageVi}` });
    if (f.kind === 'change' && f.severity === 'error') out.push({ code: f.code, messageVi: f.messageVi });
  }
  for (const f of latest ? draftFigureFindings(latest, consolidation) : [])
    out.push({ code: 'DRAFT_FIGURE_MISMATCH', messageVi: f.messageVi });
  for (const f of latest ? coverageListFindings(latest, consolidation) : []) out.push({ code: f.code, messageVi: f.messageVi });
  return out;
}

/** The version a download prints: the one asked for, else the signed one, else the latest. */
export function printableLabel(state: ReportState, version: number): string {
  return state.numbered ? `so-${state.numbered.number}` : `du-thao-v${version}`;
}
