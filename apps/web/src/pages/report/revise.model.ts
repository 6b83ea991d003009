import type { BodyParagraph, BodySection, Run, RunProvenance } from '@domain/document/document.model';

/**
 * The office's in-place edits (passage id → new paragraph text) applied to a version's body. A paragraph's runs
 * that the new text still begins or ends with are kept as they are; the changed middle becomes one run that
 * keeps the figure sources (provenance) and the footnote of the runs it replaces — the figures stay linked to
 * the submissions they came from, and the checks can tell when the edited text no longer states their total.
 */
export function applyEdits(body: readonly BodySection[], edits: ReadonlyMap<string, string>): BodySection[] {
  const visit = (sections: readonly BodySection[], prefix: string): BodySection[] =>
    sections.map((s, i) => {
      const path = prefix === '' ? `s${i + 1}` : `${prefix}.${i + 1}`;
      return {
        ...s,
        paragraphs: s.paragraphs.map((p, j) => {
          const text = edits.get(`${path}/p${j + 1}`);
          return text === undefined ? p : editParagraph(p, text);
        }),
        ...(s.sections ? { sections: visit(s.sections, path) } : {}),
      };
    });
  return visit(body, '');
}

export function paragraphText(p: BodyParagraph): string {
  return p.runs.map((r) => r.text).join('');
}

export function editParagraph(p: BodyParagraph, text: string): BodyParagraph {
  if (paragraphText(p) === text) return p;
  const runs = p.runs;
  let head = 0;
  let consumed = 0;
  while (head < runs.length && text.startsWith(runs[head].text, consumed) && runs[head].text !== '') consumed += runs[head++].text.length;
  let tail = runs.length;
  let end = text.length;
  while (
    tail > head &&
    runs[tail - 1].text !== '' &&
    end - runs[tail - 1].text.length >= consumed &&
    text.endsWith(runs[tail - 1].text, end)
  )
    end -= runs[--tail].text.length;
  const replaced = runs.slice(head, tail);
  const middle = text.slice(consumed, end);
  const kept: Run[] = [];
  if (middle !== '' || replaced.some((r) => r.footnote !== undefined || r.provenance)) {
    const first = replaced[0];
    const footnotes = replaced.map((r) => r.footnote).filter((f): f is string => f !== undefined);
    const provenance = mergeProvenance(replaced.map((r) => r.provenance));
    kept.push({
      text: middle,
      ...(first?.bold ? { bold: true } : {}),
      ...(first?.italic ? { italic: true } : {}),
      ...(footnotes.length ? { footnote: footnotes.join(' ') } : {}),
      ...(provenance ? { provenance } : {}),
    });
  }
  return { ...p, runs: [...runs.slice(0, head), ...kept, ...runs.slice(tail)] };
}

/**
 * The indicators the replaced runs cite, each once. Runs cite indicators by code (the document lists their
 * sources once); inline sources of an older document are merged as they were.
 */
function mergeProvenance(all: readonly (RunProvenance | undefined)[]): RunProvenance | undefined {
  type Source = NonNullable<RunProvenance['indicators'][number]['sources']>[number];
  const byCode = new Map<string, Map<string, Source> | undefined>();
  for (const p of all) {
    for (const ind of p?.indicators ?? []) {
      if (!ind.sources) {
        if (!byCode.has(ind.code)) byCode.set(ind.code, undefined);
        continue;
      }
      const m = byCode.get(ind.code) ?? new Map<string, Source>();
      for (const s of ind.sources) m.set(s.sourceEventId, s);
      byCode.set(ind.code, m);
    }
  }
  if (byCode.size === 0) return undefined;
  return { indicators: [...byCode.entries()].map(([code, m]) => (m ? { code, sources: [...m.values()] } : { code })) };
}

/** Numbers written the Vietnamese way ("5.400", "1.234,5", "72/72") in a run's text, as marked spans. */
export function figureTokens(text: string): { text: string; figure: boolean }[] {
  const out: { text: string; figure: boolean }[] = [];
  const re = /\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?(?:\/\d+)?/g;
  let last = 0;
  for (const m of text.matchAll(re)) {
    if (m.index! > last) out.push({ text: text.slice(last, m.index), figure: false });
    out.push({ text: m[0], figure: true });
    last = m.index! + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last), figure: false });
  return out;
}
