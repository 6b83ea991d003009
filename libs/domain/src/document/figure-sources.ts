import type { BodySection, FigureSource, FigureSourceTable, OfficialDocument, RunProvenance } from './document.model';

/**
 * The document's figure sources, the one home of their shape: each approved submission listed once
 * (`figureSources.sources`), each indicator citing its own as index ranges into that list, each run citing
 * indicators by code only. Pure.
 */

type Indicator = RunProvenance['indicators'][number];

const keyOf = (s: FigureSource) => `${s.unitId}|${s.sourceEventId}|${s.sourcePosition}`;

/**
 * The table of the given indicators' sources; a source shared by several indicators is listed once, and an
 * indicator with no source keeps its (empty) entry. Each indicator's sources read back (sourcesOf) in the order
 * given: the table lists them by `rank` (the report's unit order) when given, else in an order that keeps every
 * indicator's own (they are all in one report order when a draft made them).
 */
export function figureSourceTable(
  byCode: Iterable<readonly [string, readonly FigureSource[]]>,
  rank?: (unitId: string) => number | undefined,
): FigureSourceTable {
  const lists = [...byCode];
  return (rank && rankedTable(lists, rank)) ?? foundTable(lists, rank);
}

/**
 * The table when every source's unit has its own rank and one source (a draft's: one approved submission per
 * unit): slots by rank, no key strings, no sort. Undefined when that does not hold, for foundTable to decide.
 * The same table as foundTable gives then: the sources by rank, each indicator's as ranges of their positions.
 */
function rankedTable(
  lists: readonly (readonly [string, readonly FigureSource[]])[],
  rank: (unitId: string) => number | undefined,
): FigureSourceTable | undefined {
  const slot: (FigureSource | undefined)[] = [];
  const cited = new Map<string, number[]>();
  for (const [code, list] of lists) {
    const mine = cited.get(code) ?? [];
    cited.set(code, mine);
    for (const s of list) {
      const r = rank(s.unitId);
      if (r === undefined || !(r >= 0 && r < 2 ** 24) || r % 1 !== 0) return undefined;
      const at = slot[r];
      if (at === undefined) slot[r] = { unitId: s.unitId, sourceEventId: s.sourceEventId, sourcePosition: s.sourcePosition };
      else if (at.unitId !== s.unitId || at.sourceEventId !== s.sourceEventId || at.sourcePosition !== s.sourcePosition) return undefined;
      mine.push(r);
    }
  }
  const sources: FigureSource[] = [];
  const position = new Array<number>(slot.length);
  for (let r = 0; r < slot.length; r++) {
    const s = slot[r];
    if (s === undefined) continue;
    position[r] = sources.length;
    sources.push(s);
  }
  const byIndicator: Record<string, (readonly [number, number])[]> = {};
  for (const [code, ranks] of cited) byIndicator[code] = rangesOf(ascending(ranks.map((r) => position[r])));
  return { sources, byIndicator };
}

/**
 * The table of sources given by rank: `units[r]` is the source of rank r (a consolidation's units, each with its one
 * approved submission) and each indicator lists the ranks of its sources. The same table as figureSourceTable with
 * that rank gives (the sources cited, by rank; each indicator's as ranges of their positions), without a lookup per
 * source: a draft's columns hold the ranks already.
 */
export function rankedSourceTable(
  units: readonly FigureSource[],
  byCode: Iterable<readonly [string, ArrayLike<number>]>,
): FigureSourceTable {
  const cited = new Map<string, ArrayLike<number>[]>();
  const isCited = new Uint8Array(units.length);
  for (const [code, ranks] of byCode) {
    const mine = cited.get(code) ?? [];
    cited.set(code, mine);
    mine.push(ranks);
    for (let k = 0; k < ranks.length; k++) isCited[ranks[k]] = 1;
  }
  const sources: FigureSource[] = [];
  const position = new Int32Array(units.length);
  for (let r = 0; r < units.length; r++) {
    if (isCited[r] === 0) continue;
    position[r] = sources.length;
    const { unitId, sourceEventId, sourcePosition } = units[r];
    sources.push({ unitId, sourceEventId, sourcePosition });
  }
  const byIndicator: Record<string, (readonly [number, number])[]> = {};
  for (const [code, lists] of cited) {
    // One list of ascending ranks (a draft's column): its positions ascend too, read into ranges as they come.
    const ranges = lists.length === 1 ? ascendingRanges(lists[0], position) : undefined;
    byIndicator[code] = ranges ?? rangesOf(ascending(lists.flatMap((ranks) => Array.from(ranks, (r) => position[r]))));
  }
  return { sources, byIndicator };
}

/** The ranges of the positions of `ranks`, when the ranks ascend strictly; undefined otherwise. */
function ascendingRanges(ranks: ArrayLike<number>, position: Int32Array): [number, number][] | undefined {
  const out: [number, number][] = [];
  let last: [number, number] | undefined;
  for (let k = 0; k < ranks.length; k++) {
    if (k > 0 && ranks[k] <= ranks[k - 1]) return undefined;
    const i = position[ranks[k]];
    if (last !== undefined && last[1] === i - 1) last[1] = i;
    else out.push((last = [i, i]));
  }
  return out;
}

/** The table keyed by approving event (any sources, ranked or not); exported for its spec to compare rankedTable with. */
export function foundTable(
  byCode: readonly (readonly [string, readonly FigureSource[]])[],
  rank?: (unitId: string) => number | undefined,
): FigureSourceTable {
  const found: FigureSource[] = [];
  const indexOf = new Map<string, number>();
  const cited = new Map<string, number[]>();
  for (const [code, list] of byCode) {
    const mine = cited.get(code) ?? [];
    cited.set(code, mine);
    for (const s of list) {
      // Keyed by the approving event (one per source); the full key only if two sources ever shared an event id.
      let i = indexOf.get(s.sourceEventId);
      if (i !== undefined && (found[i].unitId !== s.unitId || found[i].sourcePosition !== s.sourcePosition)) i = indexOf.get(keyOf(s));
      if (i === undefined) {
        i = found.length;
        indexOf.set(indexOf.has(s.sourceEventId) ? keyOf(s) : s.sourceEventId, i);
        found.push({ unitId: s.unitId, sourceEventId: s.sourceEventId, sourcePosition: s.sourcePosition });
      }
      mine.push(i);
    }
  }
  const order = rank ? byRank(found, rank) : mergedOrder(found.length, [...cited.values()]);
  const position = new Array<number>(found.length);
  order.forEach((i, at) => (position[i] = at));
  const byIndicator: Record<string, (readonly [number, number])[]> = {};
  for (const [code, indexes] of cited) byIndicator[code] = rangesOf(ascending(indexes.map((i) => position[i])));
  return { sources: order.map((i) => found[i]), byIndicator };
}

/** Indexes of `found` by rank (unranked ones last, as found). */
function byRank(found: readonly FigureSource[], rank: (unitId: string) => number | undefined): number[] {
  const r = found.map((s, i) => rank(s.unitId) ?? Number.MAX_SAFE_INTEGER + i);
  return found.map((_, i) => i).sort((a, b) => r[a] - r[b] || a - b);
}

/**
 * An order of 0..n-1 in which every list keeps its own order (a topological order of "follows" in the lists, ties
 * as first found); what a cycle leaves (lists in conflicting orders) follows as found.
 */
function mergedOrder(n: number, lists: readonly (readonly number[])[]): number[] {
  const next: number[][] = Array.from({ length: n }, () => []);
  const indegree = new Array<number>(n).fill(0);
  for (const list of lists) {
    for (let k = 1; k < list.length; k++) {
      if (list[k - 1] === list[k]) continue;
      next[list[k - 1]].push(list[k]);
      indegree[list[k]]++;
    }
  }
  const out: number[] = [];
  const placed = new Array<boolean>(n).fill(false);
  const ready = (i: number) => indegree[i] === 0 && !placed[i];
  const queue: number[] = [];
  for (let i = 0; i < n; i++) if (ready(i)) queue.push(i);
  for (let head = 0; head < queue.length; head++) {
    const i = queue[head];
    if (placed[i]) continue;
    placed[i] = true;
    out.push(i);
    for (const j of next[i]) if (--indegree[j] === 0) queue.push(j);
  }
  for (let i = 0; i < n; i++) if (!placed[i]) out.push(i);
  return out;
}

/** The indexes ascending, each once (already so for a list in the table's order: no sort then). */
function ascending(indexes: number[]): number[] {
  for (let k = 1; k < indexes.length; k++) if (indexes[k] <= indexes[k - 1]) return [...new Set(indexes)].sort((a, b) => a - b);
  return indexes;
}

/** [0, 1, 2, 5, 6] → [[0, 2], [5, 6]]. */
function rangesOf(sorted: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && last[1] === i - 1) last[1] = i;
    else out.push([i, i]);
  }
  return out;
}

/** How many sources indicator `code` cites in `table`. */
export function sourceCountOf(table: FigureSourceTable | undefined, code: string): number {
  return (table?.byIndicator[code] ?? []).reduce((n, [from, to]) => n + to - from + 1, 0);
}

/**
 * The sources of a run's indicator: its inline list (a document stored before the table, or a revision a client
 * sent), else the table's for its code; `offset`/`limit` page them without listing the rest.
 */
export function sourcesOf(
  table: FigureSourceTable | undefined,
  indicator: Indicator,
  page: { offset: number; limit: number } = { offset: 0, limit: Infinity },
): FigureSource[] {
  if (indicator.sources) return indicator.sources.slice(page.offset, page.offset + page.limit);
  const out: FigureSource[] = [];
  let skip = page.offset;
  for (const [from, to] of table?.byIndicator[indicator.code] ?? []) {
    const size = to - from + 1;
    if (skip >= size) {
      skip -= size;
      continue;
    }
    for (let i = from + skip; i <= to && out.length < page.limit; i++) out.push(table!.sources[i]);
    skip = 0;
    if (out.length >= page.limit) break;
  }
  return out;
}

function visitIndicators(sections: readonly BodySection[], visit: (i: Indicator) => void): void {
  for (const s of sections) {
    for (const p of s.paragraphs) for (const r of p.runs) for (const i of r.provenance?.indicators ?? []) visit(i);
    visitIndicators(s.sections ?? [], visit);
  }
}

/**
 * The document with every inline source moved into its table (the upcast of a document stored before the table,
 * and of a revision whose runs still carry their sources): runs then cite codes only, and each code's sources
 * are the union of what its runs and the table cited. A document without inline sources is returned as it is.
 */
export function withSourceTable(doc: OfficialDocument): OfficialDocument {
  let inline = false;
  visitIndicators(doc.body, (i) => (inline ||= i.sources !== undefined));
  if (!inline) return doc;
  const byCode = new Map<string, FigureSource[]>();
  for (const code of Object.keys(doc.figureSources?.byIndicator ?? {})) {
    byCode.set(code, sourcesOf(doc.figureSources, { code }));
  }
  visitIndicators(doc.body, (i) => {
    const list = byCode.get(i.code) ?? [];
    byCode.set(i.code, list);
    list.push(...(i.sources ?? []));
  });
  return { ...doc, body: stripSources(doc.body), figureSources: figureSourceTable(byCode) };
}

function stripSources(sections: readonly BodySection[]): BodySection[] {
  return sections.map((s) => ({
    ...s,
    paragraphs: s.paragraphs.map((p) => ({
      ...p,
      runs: p.runs.map((r) =>
        r.provenance ? { ...r, provenance: { indicators: r.provenance.indicators.map((i) => ({ code: i.code })) } } : r,
      ),
    })),
    ...(s.sections ? { sections: stripSources(s.sections) } : {}),
  }));
}

/** The document as a reader gets it: the source table stays on the server (figure-sources answers a passage's). */
export function withoutSourceTable(doc: OfficialDocument): OfficialDocument {
  if (!doc.figureSources) return doc;
  const { figureSources: _table, ...rest } = doc;
  return rest;
}

export { keyOf as figureSourceKey };
