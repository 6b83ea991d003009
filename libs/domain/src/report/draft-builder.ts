import { consolidatedIndicator } from '../consolidation/consolidate';
import type { ConsolidatedIndicator, Consolidation } from '../consolidation/consolidation.model';
import { DAN_VAN_PHRASES } from '../consolidation/dan-van.phrases';
import { breakdownText, changeText, planText, totalText, type IndicatorPhrase } from '../consolidation/wording';
import type { BodyParagraph, BodySection, DocumentScheme, OfficialDocument, Recipient, Run } from '../document/document.model';
import { isDomainError } from '../shared/domain-error';
import { nfc } from '../shared/text';
import type { ReportTemplate, Section } from '../templates/report-template';

/**
 * The first draft of a cycle's report: the template's skeleton (sections in order) filled with the
 * consolidated figures — per indicator a sentence with the total, the change against the previous period and
 * progress against the plan, and the per-unit breakdown as its footnote — followed by what each unit wrote
 * for that section, for the office to condense. Every figure run carries its provenance (the approved
 * submission events it sums). Pure: the caller brings the consolidation, the narratives and the header.
 */

export interface DraftHeader {
  scheme: DocumentScheme;
  superiorBody?: string;
  /** The issuer as printed, upper case ('HUYỆN ỦY TAM ĐƯỜNG'). */
  issuingBody: string;
  bodySymbol: string;
  typeCode: string;
  place: string;
  title: string;
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
  recipients: Recipient[];
  archive: string[];
  /** Wording per indicator code; default DAN_VAN_PHRASES, then '{name}: {total}'. */
  phrases?: Readonly<Record<string, IndicatorPhrase>>;
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];

export function buildDraft(input: DraftInput): OfficialDocument {
  const { header } = input;
  const covered = new Set<string>();
  const body = input.template.sections.map((section, i) => sectionOf(section, `${ROMAN[i] ?? String(i + 1)}- ${nfc(section.title).toUpperCase()}`, 2, input, covered));
  return {
    header: { partyStyle: header.scheme === 'party', ...(header.superiorBody ? { superiorBody: nfc(header.superiorBody) } : {}), issuingBody: nfc(header.issuingBody) },
    number: { scheme: header.scheme, typeCode: header.typeCode, bodySymbol: header.bodySymbol },
    place: nfc(header.place),
    draftYear: header.draftYear,
    title: nfc(header.title),
    body,
    signature: input.signature,
    recipients: input.recipients,
    archive: input.archive,
  };
}

/** `covered`: indicators already stated by an earlier sentence ('… 205 buổi tuyên truyền cho 7.550 lượt người' states both). */
function sectionOf(section: Section, heading: string, level: 2 | 3, input: DraftInput, covered: Set<string>): BodySection {
  const figures: BodyParagraph[] = [];
  for (const ci of input.consolidation.indicators) {
    if (ci.indicator.sectionCode !== section.code || ci.total === undefined || covered.has(ci.indicator.code)) continue;
    const paragraph = figureParagraph(ci, input);
    figures.push(paragraph);
    for (const i of paragraph.runs[0].provenance?.indicators ?? []) covered.add(i.code);
  }
  const paragraphs: BodyParagraph[] = [...figures, ...narrativeParagraphs(section.code, input.narratives)];
  const children = (section.children ?? []).map((child, j) => sectionOf(child, `${j + 1}. ${nfc(child.title)}`, 3, input, covered));
  return { heading, headingLevel: level, paragraphs, ...(children.length ? { sections: children } : {}) };
}

function figureParagraph(ci: ConsolidatedIndicator, input: DraftInput): BodyParagraph {
  const code = ci.indicator.code;
  const phrase = (input.phrases ?? DAN_VAN_PHRASES)[code];
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
  const extras = [changeText(ci), planText(ci)].filter((t): t is string => t !== undefined);
  const text = `${sentence}${extras.length ? ` (${extras.join('; ')})` : ''}`;
  const codes = [code, ...referencedCodes(usedPhrase).filter((other) => other !== code)];
  const provenance = {
    indicators: codes.map((other) => ({ code: other, sources: safeIndicator(c, other)?.provenance.map((p) => ({ ...p })) ?? [] })),
  };
  const run: Run = { text, provenance };
  if (ci.parts.length > 1) {
    const breakdown = breakdownText(c, code, usedPhrase ?? {}).text;
    if (breakdown !== '') run.footnote = `${capitalise(breakdown)}.`;
  }
  return { runs: [run, { text: '.' }] };
}

function narrativeParagraphs(sectionCode: string, narratives: readonly UnitNarrative[]): BodyParagraph[] {
  return narratives
    .filter((n) => (n.narrative[sectionCode] ?? '').trim() !== '')
    .map((n) => ({ runs: [{ text: `${nfc(n.unitName)}: `, italic: true }, { text: nfc(n.narrative[sectionCode].trim()) }] }));
}

function referencedCodes(phrase: IndicatorPhrase | undefined): string[] {
  if (!phrase) return [];
  const texts = [phrase.total ?? '', phrase.part ?? '', ...Object.values(phrase.partByUnit ?? {})];
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
