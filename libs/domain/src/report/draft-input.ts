import type { Consolidation } from '../consolidation/consolidation.model';
import type { OpenedCycleState } from '../cycle';
import type { OrgUnit } from '../org-units/org-unit';
import type { DocumentScheme, OfficialDocument, Recipient, SignatureBlock } from '../document/document.model';
import type { ReportTemplate } from '../templates/report-template';
import { buildDraft, type UnitNarrative } from './draft-builder';
import { superiorHeaderName, type RequestingDocument } from './period-words';

/**
 * How a cycle's draft report is addressed and signed: the scheme (Party or state), the header, the planned
 * signature, Nơi nhận and the archive line, all from the cycle, its template and the registry. Pure: the
 * caller reads the registry and the approvals; `draftReport` assembles the first (or a re-generated) version.
 */

/** A unit of the registry as the report's header, Nơi nhận and consolidation need it. */
export type RegistryUnit = Pick<OrgUnit, 'id' | 'parentId' | 'level' | 'kind' | 'canonicalName' | 'shortName'>;

/** Issuer kinds of the registry that issue Party documents ("Số 456-BC/HU"); the others issue state-style ones. */
const PARTY_KINDS = new Set(['TINH_UY', 'HUYEN_UY', 'DANG_UY_XA', 'BAN_DAN_VAN', 'DANG_UY']);
const LEVEL_VI: Record<string, string> = { tinh: 'tỉnh', huyen: 'huyện', xa: 'xã' };

/** The scheme the caller asked for, else the template's, else the issuer's kind decides. */
export function schemeOf(
  requested: DocumentScheme | undefined,
  template: ReportTemplate,
  issuer: RegistryUnit | undefined,
): DocumentScheme {
  return requested ?? template.document?.scheme ?? (issuer && PARTY_KINDS.has(issuer.kind) ? 'party' : 'state');
}

/** The signature the cycle plans (its signer), on behalf of the template's collective when it signs T/M. */
export function signatureOf(cycle: Pick<OpenedCycleState, 'signer'>, onBehalfOf?: string): SignatureBlock {
  const s = cycle.signer;
  if (!s) return { title: 'BÍ THƯ', name: '' };
  const authority = (s.authority === 'TUQ' ? 'T/UQ' : s.authority) as SignatureBlock['authority'];
  const collective = onBehalfOf && (authority === 'T/M' || authority === 'TM.') ? onBehalfOf : defaultOnBehalfOf(authority!);
  return { authority, onBehalfOf: collective, title: s.title, name: s.name };
}

/** The signature block as signed: what the signer sends, else what the cycle planned. */
export function signatureAsSigned(planned: SignatureBlock, sent: Partial<SignatureBlock>): SignatureBlock {
  const authority = sent.authority ?? planned.authority;
  return {
    ...(authority ? { authority, onBehalfOf: sent.onBehalfOf ?? planned.onBehalfOf ?? defaultOnBehalfOf(authority) } : {}),
    title: sent.title ?? planned.title,
    name: sent.name ?? planned.name,
  };
}

export function defaultOnBehalfOf(authority: string): string {
  return authority.startsWith('T') && authority !== 'TL.' && authority !== 'T/L' ? 'BAN THƯỜNG VỤ' : 'BÍ THƯ';
}

/** The cycle's requesting document when it names at least a reference and an issuer. */
export function requestOf(requestedBy: unknown): RequestingDocument | undefined {
  const r = requestedBy as Partial<RequestingDocument> | undefined;
  if (!r || typeof r.reference !== 'string' || typeof r.issuer !== 'string') return undefined;
  return r as RequestingDocument;
}

/** 'Huyện ủy Tam Đường' → 'Tam Đường'; 'Ủy ban MTTQ Việt Nam huyện Tam Đường' → 'Tam Đường'. */
export function placeOf(issuer: string): string {
  const m = /(?:^|\s)(?:huyện ủy|tỉnh ủy|thành ủy|thị ủy|huyện|tỉnh|xã|phường|thị trấn|thành phố|thị xã|quận)\s+(.+)$/iu.exec(issuer);
  return (m ? m[1] : issuer).trim();
}

/** 'Huyện ủy Tam Đường' → 'Huyện ủy' (the office's archive line: "Văn phòng Huyện ủy"). */
export function shortIssuer(issuer: string): string {
  return issuer.replace(/\s+(huyện|tỉnh|xã)?\s*[^\s]+\s+[^\s]+$/u, '').trim() || issuer;
}

/**
 * Nơi nhận from the registry: the issuer's parent (b/c), then the reporting units grouped by level — those of
 * the issuer's level ("MTTQ và các đoàn thể huyện") and those below ("Các đảng ủy xã, thị trấn") — each line
 * naming its units so distribution reaches every one.
 */
export function defaultRecipients(
  cycle: Pick<OpenedCycleState, 'issuingBody'> & { assignedUnits: readonly { unitId: string }[] },
  units: ReadonlyMap<string, RegistryUnit>,
  parent: RegistryUnit | undefined,
): Recipient[] {
  const issuer = units.get(cycle.issuingBody.unitId);
  const lines: Recipient[] = [];
  if (parent) lines.push({ name: parent.canonicalName, purpose: 'b/c', unitIds: [parent.id] });
  const assigned = cycle.assignedUnits.map((u) => units.get(u.unitId)).filter((u): u is RegistryUnit => !!u);
  const sameLevel = assigned.filter((u) => u.level === issuer?.level);
  const below = assigned.filter((u) => u.level !== issuer?.level);
  const levelVi = LEVEL_VI[issuer?.level ?? ''] ?? '';
  if (sameLevel.length) lines.push({ name: `MTTQ và các đoàn thể ${levelVi}`.trim(), purpose: 't/d', unitIds: sameLevel.map((u) => u.id) });
  if (below.length) {
    const communes = below.every((u) => u.kind === 'DANG_UY_XA');
    lines.push({ name: communes ? 'Các đảng ủy xã, thị trấn' : 'Các đơn vị trực thuộc', purpose: 't/d', unitIds: below.map((u) => u.id) });
  }
  return lines;
}

/** What the drafter may choose; everything else comes from the cycle, its template and the registry. */
export interface DraftChoices {
  scheme?: DocumentScheme;
  superiorBody?: string;
  place?: string;
  title?: string;
}

/** A draft version of the cycle's report from its consolidation, the units' narratives and the registry. */
export function draftReport(input: {
  /** The cycle's head and its units in the cycle's order (their deadlines play no part in the draft). */
  cycle: Omit<OpenedCycleState, 'assignedUnits'> & { assignedUnits: readonly { unitId: string }[] };
  template: ReportTemplate;
  consolidation: Consolidation;
  narratives: readonly UnitNarrative[];
  units: ReadonlyMap<string, RegistryUnit>;
  choices: DraftChoices;
}): OfficialDocument {
  const { cycle, template, consolidation, narratives, units, choices } = input;
  const issuer = units.get(cycle.issuingBody.unitId);
  const scheme = schemeOf(choices.scheme, template, issuer);
  const parent = issuer?.parentId ? units.get(issuer.parentId) : undefined;
  // The body above the issuer from the registry ("ĐẢNG BỘ TỈNH LAI CHÂU" above "HUYỆN ỦY TAM ĐƯỜNG"); '' for none.
  const superior = choices.superiorBody ?? (parent ? superiorHeaderName(parent.canonicalName, scheme) : undefined);
  const request = requestOf(cycle.period.requestedBy);
  const year = Number(cycle.period.dataTo.slice(0, 4));
  return buildDraft({
    header: {
      scheme,
      issuingBody: cycle.issuingBody.name.toUpperCase(),
      bodySymbol: cycle.issuingBody.symbol,
      typeCode: 'BC',
      ...(superior ? { superiorBody: superior.toUpperCase() } : {}),
      place: choices.place ?? placeOf(cycle.issuingBody.name),
      ...(choices.title ? { title: choices.title } : {}),
      draftYear: year,
    },
    template,
    consolidation,
    narratives,
    period: {
      kind: cycle.period.kind,
      year: cycle.period.year ?? year,
      ...(cycle.period.index ? { index: cycle.period.index } : {}),
      label: cycle.period.label,
    },
    issuerName: cycle.issuingBody.name,
    ...(request ? { requestedBy: request } : {}),
    signature: signatureOf(cycle, template.document?.onBehalfOf),
    recipients: defaultRecipients(cycle, units, parent),
    archive: scheme === 'party' ? [`Văn phòng ${shortIssuer(cycle.issuingBody.name)}`] : ['VT'],
  });
}
