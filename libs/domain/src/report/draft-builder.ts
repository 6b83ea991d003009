import { columnsOf, partCount, unitAt } from '../consolidation/columns';
import { consolidatedIndicator } from '../consolidation/consolidate';
import type { ConsolidatedIndicator, Consolidation } from '../consolidation/consolidation.model';
import { DAN_VAN_PHRASES } from '../consolidation/dan-van.phrases';
import { columnTotal } from '../consolidation/table-totals';
import { formatAmount } from '../consolidation/figure-format';
import { FOOTNOTE_UNITS_MAX, groupedBreakdownText } from '../consolidation/grouped-breakdown';
import { breakdownText, planText, totalText, type IndicatorPhrase } from '../consolidation/wording';
import type { Annex, BodyParagraph, BodySection, DocumentScheme, OfficialDocument, Recipient, Run } from '../document/document.model';
import { figureSourceTable, rankedSourceTable } from '../document/figure-sources';
import { formatCoverage, formatNumberVi, formatPercentVi, formatRatio } from '../format/vietnamese-format';
import { isDomainError } from '../shared/domain-error';
import { nfc } from '../shared/text';
import { flattenSections, isTableValue, type Indicator, type ReportTemplate, type Section } from '../templates/report-template';
import { fillWords, periodWords, type DraftPeriod, type PeriodWords, type RequestingDocument } from './period-words';

/**
 * The first draft of a cycle's report: the template's skeleton (parts and sections in order, headings in the
 * document's style, the period's own words) filled with the consolidated figures — per indicator a sentence
 * with the total, the change against the previous period and progress against the plan, and the per-unit
 * breakdown as its footnote; coverage lines naming the units that did not ("còn 5/13 xã … (…)"); table
 * indicators as annexes — followed by what each unit wrote for that section, for the office to condense.
 * Every figure run carries its provenance (the approved submission events it sums). Pure: the caller brings
 * the consolidation, the narratives and the header.
 */

export interface DraftHeader {
  scheme: DocumentScheme;
  superiorBody?: string;
  /** The issuer as printed, upper case ('HUYỆN ỦY TAM ĐƯỜNG'). */
  issuingBody: string;
  bodySymbol: string;
  typeCode: string;
  place: string;
  /** Trích yếu; default: the template's document title, else 'kết quả công tác {period}'. */
  title?: string;
  draftYear: number;
}

export interface UnitNarrative {
  unitId: string;
  unitName: string;
  /** Section code → text, as the unit submitted it. */
  narrative: Readonly<Record<string, string>>;
}

export interface DraftInput {
  header: DraftHeader;
  template: ReportTemplate;
  consolidation: Consolidation;
  narratives: readonly UnitNarrative[];
  /** The signer the cycle plans for (the signer may change it when signing). */
  signature: OfficialDocument['signature'];
  /** Nơi nhận lines from the registry (the superior, the contributing units). */
  recipients: Recipient[];
  archive: string[];
  /** Wording per indicator code; default: the template's own wording, then DAN_VAN_PHRASES, then '{name}: {total}'. */
  phrases?: Readonly<Record<string, IndicatorPhrase>>;
  /** The period (for '{period}' and '{next}' in headings); default: the words of the title only. */
  period?: DraftPeriod;
  /** The issuing body's name ('{issuer}'). */
  issuerName?: string;
  /** The document the cycle answers: quoted in '{request}' and first in Nơi nhận (b/c). */
  requestedBy?: RequestingDocument;
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];
const PART_ORDINALS = ['nhất', 'hai', 'ba', 'tư', 'năm'];
/** How the membership is named by kind of organisation: the youth union admits đoàn viên, the others hội viên. */
const MEMBERS_BY_KIND: Readonly<Record<string, string>> = { DTN: 'đoàn viên', LDLD: 'đoàn viên công đoàn' };

interface Context {
  input: DraftInput;
  /** The units' narratives by section code, in the narratives' order (read once, not once per section). */
  narratives: ReadonlyMap<string, readonly UnitNarrative[]>;
  words: PeriodWords;
  covered: Set<string>;
  romanSeparator: string;
}

export function buildDraft(input: DraftInput): OfficialDocument {
  const { header, template } = input;
  const scheme = header.scheme;
  const words = input.period ? periodWords(input.period) : { period: '', next: 'thời gian tới' };
  const ctx: Context = {
    input,
    narratives: narrativesBySection(input.narratives, new Set(flattenSections(template.sections).map((section) => section.code))),
    words,
    covered: new Set(),
    romanSeparator: scheme === 'state' ? '.' : '-',
  };
  const fill = (text: string) => fillWords(text, words, { request: input.requestedBy, issuer: input.issuerName });

  const body: BodySection[] = [];
  const opening = template.document?.opening;
  if (opening) body.push({ paragraphs: [{ runs: [{ text: fill(opening) }] }] });
  const parts = template.sections.length > 0 && template.sections.every((s) => s.part);
  if (parts) {
    template.sections.forEach((part, i) => {
      const depth = part.numbering === 'arabic' ? 1 : 0;
      const inner = (part.children ?? []).map((child, j) => sectionOf(child, depth, j, '', ctx));
      body.push({
        heading: `Phần thứ ${PART_ORDINALS[i] ?? String(i + 1)}\n${fill(part.title).toUpperCase()}`,
        headingLevel: 1,
        paragraphs: [...introOf(part, ctx), ...figureParagraphs(part, ctx), ...narrativeParagraphs(part.code, ctx)],
        ...(inner.length ? { sections: inner } : {}),
      });
    });
  } else {
    template.sections.forEach((section, i) => body.push(sectionOf(section, 0, i, '', ctx)));
  }
  const closing = template.document?.closing;
  if (closing) body.push({ paragraphs: [{ runs: [{ text: fill(closing) }] }] });

  const title = header.title ?? (template.document?.title ? fill(template.document.title) : `kết quả công tác ${words.period}`.trim());
  const annexes = annexesOf(input);
  return {
    header: {
      partyStyle: scheme === 'party',
      ...(header.superiorBody ? { superiorBody: nfc(header.superiorBody) } : {}),
      issuingBody: nfc(header.issuingBody),
    },
    number: { scheme, typeCode: header.typeCode, bodySymbol: header.bodySymbol },
    place: nfc(header.place),
    draftYear: header.draftYear,
    title: nfc(title),
    body,
    signature: input.signature,
    recipients: recipientsOf(input),
    archive: template.document?.archive ? [...template.document.archive] : input.archive,
    ...(annexes.length ? { annexes } : {}),
    figureSources: sourceTableOf(input.consolidation, body),
  };
}

/**
 * Nơi nhận: the requesting body (b/c) first, then the registry's superior line(s) (b/c), the template's own
 * lines, then the registry's lines for the contributing units (t/d). A line already present is not repeated.
 */
function recipientsOf(input: DraftInput): Recipient[] {
  const out: Recipient[] = [];
  const seen = new Set<string>();
  const push = (r: Recipient) => {
    const key = nfc(r.name.trim()).toLowerCase();
    if (seen.has(key)) return;
    seen.add(key);
    out.push(r);
  };
  if (input.requestedBy) push({ name: nfc(input.requestedBy.recipientName ?? input.requestedBy.issuer), purpose: 'b/c' });
  input.recipients.filter((r) => r.purpose === 'b/c').forEach(push);
  for (const r of input.template.document?.recipients ?? []) push({ name: nfc(r.name), ...(r.purpose ? { purpose: r.purpose } : {}) });
  input.recipients.filter((r) => r.purpose !== 'b/c').forEach(push);
  return out;
}

/** Headings: "I- ĐẶC ĐIỂM TÌNH HÌNH" (Party) / "I. CÔNG TÁC …" (state), "1. Thuận lợi", "2.1. Hạn chế". */
function sectionOf(section: Section, depth: number, index: number, parentNumber: string, ctx: Context): BodySection {
  const fill = (text: string) => fillWords(text, ctx.words, { request: ctx.input.requestedBy, issuer: ctx.input.issuerName });
  let heading: string;
  let number: string;
  if (depth === 0) {
    number = ROMAN[index] ?? String(index + 1);
    heading = `${number}${ctx.romanSeparator} ${fill(section.title).toUpperCase()}`;
  } else {
    number = depth === 1 ? String(index + 1) : `${parentNumber}.${index + 1}`;
    heading = `${number}. ${fill(section.title)}`;
  }
  const paragraphs: BodyParagraph[] = [
    ...introOf(section, ctx),
    ...figureParagraphs(section, ctx),
    ...narrativeParagraphs(section.code, ctx),
  ];
  const children = (section.children ?? []).map((child, j) => sectionOf(child, depth + 1, j, number, ctx));
  return { heading, headingLevel: depth === 0 ? 2 : 3, paragraphs, ...(children.length ? { sections: children } : {}) };
}

function introOf(section: Section, ctx: Context): BodyParagraph[] {
  if (!section.intro) return [];
  return [{ runs: [{ text: fillWords(section.intro, ctx.words, { request: ctx.input.requestedBy, issuer: ctx.input.issuerName }) }] }];
}

/** `covered`: indicators already stated by an earlier sentence ('… 205 buổi tuyên truyền cho 7.550 lượt người' states both). */
function figureParagraphs(section: Section, ctx: Context): BodyParagraph[] {
  const out: BodyParagraph[] = [];
  for (const ci of ctx.input.consolidation.indicators) {
    if (ci.indicator.sectionCode !== section.code || ci.total === undefined || ctx.covered.has(ci.indicator.code)) continue;
    if (ci.indicator.valueType === 'table') {
      out.push({
        runs: [
          {
            text: `${nfc(ci.indicator.name)}: chi tiết tại phụ lục kèm theo`,
            provenance: provenanceOf(ctx.input.consolidation, [ci.indicator.code]),
          },
          { text: '.' },
        ],
      });
      continue;
    }
    if (ci.coverage) {
      out.push(coverageParagraph(ci, ctx.input.consolidation));
      continue;
    }
    const paragraph = figureParagraph(ci, ctx.input);
    out.push(paragraph);
    for (const i of paragraph.runs[0].provenance?.indicators ?? []) ctx.covered.add(i.code);
  }
  return out;
}

/**
 * "13/13 xã, thị trấn đã tổ chức hội nghị phản biện xã hội." or "8/13 xã, thị trấn đã …; còn 5/13 xã, thị
 * trấn chưa … (Thị trấn, Khun Há, …)" — names in report (registry) order. An x/y indicator states its total first.
 */
function coverageParagraph(ci: ConsolidatedIndicator, consolidation: Consolidation): BodyParagraph {
  const c = ci.coverage!;
  const wording = ci.indicator.coverage ?? { noun: 'đơn vị', activity: ci.indicator.name.toLowerCase() };
  const lead =
    ci.indicator.valueType === 'ratio' && ci.total && 'numerator' in ci.total
      ? `${ci.indicator.name}: ${formatRatio(ci.total.numerator, ci.total.denominator)} ${ci.indicator.unit}; `
      : '';
  const yes = `${formatCoverage(c.covered.length, c.total, wording.noun)} đã ${wording.activity}`;
  const no =
    c.missing.length > 0
      ? `; còn ${formatRatio(c.missing.length, c.total)} ${wording.noun} chưa ${wording.activity} (${c.missing.map((u) => u.unitName).join(', ')})`
      : '';
  return {
    runs: [{ text: capitalise(nfc(`${lead}${yes}${no}`)), provenance: provenanceOf(consolidation, [ci.indicator.code]) }, { text: '.' }],
  };
}

function figureParagraph(ci: ConsolidatedIndicator, input: DraftInput): BodyParagraph {
  const code = ci.indicator.code;
  const { phrase, partTexts } = phraseOf(ci, input);
  const c = input.consolidation;
  let sentence: string;
  let usedPhrase: IndicatorPhrase | undefined = phrase;
  try {
    sentence = phrase ? capitalise(totalText(c, code, phrase)) : `${ci.indicator.name}: ${totalText(c, code)}`;
  } catch (error) {
    // A phrase naming an indicator no unit reported ('… cho {TT_LUOT_NGUOI}'): fall back to the plain form.
    if (!isDomainError(error) || error.code !== 'PHRASE_VALUE_MISSING') throw error;
    sentence = `${ci.indicator.name}: ${totalText(c, code)}`;
    usedPhrase = undefined;
  }
  const extras = [comparisonText(ci), planText(ci)].filter((t): t is string => t !== undefined);
  const text = `${sentence}${extras.length ? ` (${extras.join('; ')})` : ''}`;
  const codes = [code, ...referencedCodes(usedPhrase, usedPhrase ? partTexts : []).filter((other) => other !== code)];
  const run: Run = { text, provenance: provenanceOf(c, codes) };
  const count = partCount(ci);
  if (count > FOOTNOTE_UNITS_MAX) {
    run.footnote = `${capitalise(groupedBreakdownText(ci, usedPhrase?.formats?.[code]))}.`;
  } else if (count > 1) {
    const breakdown = breakdownText(c, code, usedPhrase ?? {}).text;
    if (breakdown !== '') run.footnote = `${capitalise(breakdown)}.`;
  }
  return { runs: [run, { text: '.' }] };
}

/**
 * "tăng 45 buổi, bằng 122,5% so với cùng kỳ"; "giảm 03 cuộc, bằng 75% so với năm 2025"; "bằng cùng kỳ";
 * "tăng khoảng …" when either side is approximate. Undefined without a previous figure.
 */
export function comparisonText(ci: ConsolidatedIndicator): string | undefined {
  const c = ci.comparison;
  if (!c) return undefined;
  if (c.difference === 0) return nfc(`bằng ${c.label}`);
  const verb = c.difference > 0 ? 'tăng' : 'giảm';
  const about = c.approximate ? 'khoảng ' : '';
  const ratio = c.ratio === undefined ? '' : `, bằng ${about}${formatPercentVi(c.ratio)}`;
  return nfc(`${verb} ${about}${formatAmount(ci.indicator, Math.abs(c.difference))}${ratio} so với ${c.label}`);
}

/**
 * The wording of an indicator: the caller's, the template's own (per kind of unit), DAN_VAN_PHRASES; and the
 * distinct wordings of the units' parts (the codes they name are cited too). Each unit's own wording (partByUnit)
 * only when the footnote lists every unit (at most FOOTNOTE_UNITS_MAX): the grouped footnote does not word parts.
 */
function phraseOf(ci: ConsolidatedIndicator, input: DraftInput): { phrase?: IndicatorPhrase; partTexts: string[] } {
  const code = ci.indicator.code;
  if (input.phrases?.[code]) return { phrase: input.phrases[code], partTexts: [] };
  const wording = ci.indicator.wording;
  if (!wording) return { phrase: input.phrases ? undefined : DAN_VAN_PHRASES[code], partTexts: [] };
  // One wording per kind of unit, worded once (not once per unit).
  const byKind = new Map<string, string | undefined>();
  const partFor = (kind: string) => {
    if (!byKind.has(kind)) {
      const part = wording.partByKind?.[kind] ?? wording.part;
      byKind.set(kind, part?.replace(/\{members\}/g, MEMBERS_BY_KIND[kind] ?? 'hội viên'));
    }
    return byKind.get(kind);
  };
  const partByUnit: Record<string, string> = {};
  const partTexts = new Set<string>();
  const columns = columnsOf(ci);
  const perUnit = columns.rank.length <= FOOTNOTE_UNITS_MAX;
  for (let i = 0; i < columns.rank.length; i++) {
    const unit = unitAt(columns, i);
    const part = partFor(unit.unitKind);
    if (part === undefined) continue;
    partTexts.add(part);
    if (perUnit) partByUnit[unit.unitId] = part;
  }
  const formats = wording.noun ? { [code]: isMoney(ci.indicator) ? { money: wording.noun as 'đồng' } : { noun: wording.noun } } : undefined;
  const phrase = {
    ...(wording.total ? { total: wording.total.replace(/\{members\}/g, 'hội viên, đoàn viên') } : {}),
    ...(Object.keys(partByUnit).length ? { partByUnit } : {}),
    ...(formats ? { formats } : {}),
  };
  return { phrase, partTexts: [...partTexts] };
}

function isMoney(indicator: Indicator): boolean {
  return indicator.valueType === 'money' || ['đồng', 'triệu đồng', 'tỷ đồng'].includes(indicator.unit);
}

/** A run cites its indicators by code; their sources are listed once, in the document's table (sourceTableOf). */
function provenanceOf(_c: Consolidation, codes: string[]) {
  return { indicators: codes.map((code) => ({ code })) };
}

/** The table of the sources of every indicator the body cites, in the order the body first cites them. */
function sourceTableOf(c: Consolidation, body: readonly BodySection[]) {
  const codes = new Set<string>();
  const visit = (sections: readonly BodySection[]) => {
    for (const s of sections) {
      for (const p of s.paragraphs) for (const r of p.runs) for (const i of r.provenance?.indicators ?? []) codes.add(i.code);
      visit(s.sections ?? []);
    }
  };
  visit(body);
  const cited = [...codes].map((code) => [code, safeIndicator(c, code)] as const);
  // The columns of one consolidation index its units (each carries its source: unit, approving event, position).
  const columns = cited.map(([, ci]) => (ci ? columnsOf(ci) : undefined));
  const units = columns.find((k) => k !== undefined)?.units;
  if (units !== undefined && units.length === c.units.length && columns.every((k) => k === undefined || k.units === units)) {
    return rankedSourceTable(
      units,
      cited.map(([code], j) => [code, columns[j]?.rank ?? new Int32Array(0)] as const),
    );
  }
  const rank = new Map(c.units.map((u, i) => [u.unitId, i]));
  return figureSourceTable(
    cited.map(([code, ci]) => [code, ci?.parts ?? []] as const),
    (unitId) => rank.get(unitId),
  );
}

/**
 * The annexes: one per table indicator with a total, "STT | <row header> | columns…", rows in report order
 * (units) or template order (fixed rows), and a total row adding up the 'sum' columns.
 */
function annexesOf(input: DraftInput): Annex[] {
  const annexes: Annex[] = [];
  for (const ci of input.consolidation.indicators) {
    const spec = ci.indicator.table;
    if (ci.indicator.valueType !== 'table' || !spec || !ci.total || !isTableValue(ci.total)) continue;
    const rows = ci.total.rows ?? {};
    const columns = columnsOf(ci);
    const labelled: [string, Record<string, number>][] =
      spec.rowSource === 'units'
        ? Array.from(columns.rank, (_, i) => {
            const unit = unitAt(columns, i);
            return [unit.unitName, rows[unit.unitId] ?? {}];
          })
        : (spec.rows ?? []).map((r) => [r.label, rows[r.code] ?? {}]);
    const cell = (n: number | undefined, type: string) =>
      n === undefined ? '' : type === 'percent' ? formatNumberVi(n) : formatNumberVi(n);
    const body = labelled.map(([label, cells], i) => [
      String(i + 1),
      nfc(label),
      ...spec.columns.map((col) => cell(cells[col.code], col.valueType)),
    ]);
    if (spec.totalLabel) {
      body.push([
        '',
        nfc(spec.totalLabel),
        ...spec.columns.map((col) => {
          // A sum column adds up; a percent column follows the template's rule (weighted or a ratio of counts), else blank.
          const total = columnTotal(
            col,
            labelled.map(([, cells]) => cells),
          );
          return total === undefined ? '' : formatNumberVi(total);
        }),
      ]);
    }
    annexes.push({
      title: nfc(ci.indicator.annexTitle ?? ci.indicator.name),
      header: ['STT', nfc(spec.rowHeader), ...spec.columns.map((c) => nfc(c.label))],
      rows: body,
    });
  }
  return annexes;
}

function narrativeParagraphs(sectionCode: string, ctx: Context): BodyParagraph[] {
  return (ctx.narratives.get(sectionCode) ?? []).map((n) => ({
    runs: [{ text: `${nfc(n.unitName)}: `, italic: true }, { text: nfc(n.narrative[sectionCode].trim()) }],
  }));
}

/** Per section code (of `codes`), the narratives with a non-blank text for it, in their order. */
function narrativesBySection(narratives: readonly UnitNarrative[], codes: ReadonlySet<string>): Map<string, UnitNarrative[]> {
  const bySection = new Map<string, UnitNarrative[]>();
  for (const n of narratives) {
    for (const code in n.narrative) {
      if (!codes.has(code) || (n.narrative[code] ?? '').trim() === '') continue;
      const list = bySection.get(code);
      if (list === undefined) bySection.set(code, [n]);
      else list.push(n);
    }
  }
  return bySection;
}

function referencedCodes(phrase: IndicatorPhrase | undefined, partTexts: readonly string[]): string[] {
  if (!phrase) return [];
  // Distinct texts only: a unit's part is one of a few wordings (one per kind), listed once per unit.
  const texts = new Set([phrase.total ?? '', phrase.part ?? '', ...Object.values(phrase.partByUnit ?? {}), ...partTexts]);
  const codes = new Set<string>();
  for (const t of texts) for (const m of t.matchAll(/\{([A-Z][A-Z0-9_]*)(?::[a-z]+)?\}/g)) codes.add(m[1]);
  return [...codes];
}

function safeIndicator(c: Consolidation, code: string): ConsolidatedIndicator | undefined {
  try {
    return consolidatedIndicator(c, code);
  } catch {
    return undefined;
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
