import { formatDateLine } from '../format/vietnamese-format';
import { conflict, invalid } from '../shared/domain-error';
import { requireIsoDate, requireIsoInstant, vietnamDateOf, type IsoDate, type IsoInstant } from '../shared/iso-date';
import { nfc } from '../shared/text';
import { DOCUMENT_TYPE_NAMES, documentNumberText, documentTypeName } from './document-number';
import type {
  BodyParagraph,
  BodySection,
  DocumentScheme,
  OfficialDocument,
  PartyAuthority,
  Recipient,
  SignatureAuthority,
  SignatureBlock,
  StateAuthority,
} from './document.model';

export const PARTY_MOTTO = 'ĐẢNG CỘNG SẢN VIỆT NAM';
export const STATE_NAME = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const STATE_MOTTO = 'Độc lập - Tự do - Hạnh phúc';
export const CLOSING_MARK = './.';
export const PARTY_AUTHORITIES: readonly PartyAuthority[] = ['T/M', 'K/T', 'T/L', 'T/UQ'];
export const STATE_AUTHORITIES: readonly StateAuthority[] = ['TM.', 'KT.', 'TL.', 'TUQ.'];
/** Blank day and month in a draft's date line, where the clerk writes them on the day of issue. */
const DRAFT_BLANK = '     ';

/** One line of the header, with the emphasis the official layout gives it. */
export interface HeaderLine {
  text: string;
  bold?: boolean;
  italic?: boolean;
  /** A short rule under the line (Party motto, state motto, a state issuer's name). */
  ruleBelow?: boolean;
}

export interface HeaderColumns {
  /** Issuer column: superior body, issuing body, ('*' for the Party), number and symbol. */
  left: HeaderLine[];
  /** Motto column: "ĐẢNG CỘNG SẢN VIỆT NAM" or the state name and motto, then the place and date line. */
  right: HeaderLine[];
}

/**
 * The two header columns as Hướng dẫn 36 (Party) and Nghị định 30 (state) lay them out:
 * Party — left: superior body, issuing body (bold), '*', 'Số 456-BC/HU'; right: 'ĐẢNG CỘNG SẢN VIỆT NAM'
 * (bold, ruled), the date line (italic).
 * State — left: superior body, issuing body (bold, ruled), 'Số: 481/BC-MTTQ-BTT'; right: 'CỘNG HÒA XÃ HỘI CHỦ
 * NGHĨA VIỆT NAM' (bold), 'Độc lập - Tự do - Hạnh phúc' (bold, ruled), the date line (italic).
 */
export function headerColumns(doc: OfficialDocument): HeaderColumns {
  const { header } = doc;
  const left: HeaderLine[] = [];
  if (header.superiorBody) left.push({ text: nfc(header.superiorBody) });
  if (header.partyStyle) {
    left.push({ text: nfc(header.issuingBody), bold: true }, { text: '*' });
  } else {
    left.push({ text: nfc(header.issuingBody), bold: true, ruleBelow: true });
  }
  left.push({ text: documentNumberText(doc.number) });
  const dateLine = { text: dateLineText(doc), italic: true };
  const right: HeaderLine[] = header.partyStyle
    ? [{ text: PARTY_MOTTO, bold: true, ruleBelow: true }, dateLine]
    : [{ text: STATE_NAME, bold: true }, { text: STATE_MOTTO, bold: true, ruleBelow: true }, dateLine];
  return { left, right };
}

/** 'Tam Đường, ngày 06 tháng 9 năm 2023'; a draft without a date: 'Đăk Glei, ngày      tháng      năm 2024'. */
export function dateLineText(doc: Pick<OfficialDocument, 'place' | 'date' | 'draftYear'>): string {
  if (doc.date !== undefined) return nfc(formatDateLine(doc.place, doc.date));
  if (doc.draftYear === undefined) {
    throw invalid(
      'DOCUMENT_DATE_REQUIRED',
      'a document needs a date or, as a draft, a year',
      'Văn bản cần có ngày ban hành hoặc (bản dự thảo) năm ban hành.',
    );
  }
  return nfc(`${doc.place.trim()}, ngày${DRAFT_BLANK}tháng${DRAFT_BLANK}năm ${doc.draftYear}`);
}

/** The centred type line and title: ['BÁO CÁO', 'tổng kết công tác dân vận năm 2022, …']. */
export function titleLines(doc: OfficialDocument): [string, string] {
  return [documentTypeName(doc.number.typeCode), nfc(doc.title.trim())];
}

export interface SignatureLines {
  /** 'T/M BAN THƯỜNG VỤ', 'KT. CHỦ TỊCH'; absent when the head signs in their own right. */
  authorityLine?: string;
  /** 'PHÓ BÍ THƯ'. */
  titleLine: string;
  name: string;
}

/** T/M BAN THƯỜNG VỤ / PHÓ BÍ THƯ / Cao Trang Trọng. */
export function signatureLines(signature: SignatureBlock): SignatureLines {
  const titleLine = nfc(signature.title.trim()).toUpperCase();
  const name = nfc(signature.name.trim());
  if (!signature.authority) return { titleLine, name };
  return { authorityLine: nfc(`${signature.authority} ${(signature.onBehalfOf ?? '').trim()}`).toUpperCase(), titleLine, name };
}

/**
 * The Nơi nhận block, heading first. Each recipient on its own line with its purpose; the archive line last.
 * Party documents (Hướng dẫn 36; 001) end lines with ',' and archive "- Lưu <where>."; state documents
 * (Nghị định 30; 002, 003) end lines with ';' and archive "- Lưu: VT, NV.".
 */
export function recipientLines(doc: Pick<OfficialDocument, 'number' | 'recipients' | 'archive'>): string[] {
  const party = doc.number.scheme === 'party';
  const end = party ? ',' : ';';
  const line = (r: Recipient) => nfc(`- ${r.name.trim()}${r.purpose ? ` (${r.purpose})` : ''}${end}`);
  const places = doc.archive.map((a) => nfc(a.trim())).join(', ');
  const archive = party ? `- Lưu${places ? ` ${places}` : ''}.` : `- Lưu: ${places || 'VT'}.`;
  return ['Nơi nhận:', ...doc.recipients.map(line), archive];
}

export function closingMarkApplies(doc: Pick<OfficialDocument, 'closingMark' | 'number'>): boolean {
  return doc.closingMark ?? doc.number.scheme === 'state';
}

/**
 * The body as it is printed: "./." ending the last paragraph when the document's style ends so (replacing a
 * final full stop; after the marker when the last run carries a footnote). The document is not changed.
 */
export function finalBody(doc: OfficialDocument): BodySection[] {
  if (!closingMarkApplies(doc)) return doc.body;
  const body = structuredCloneSections(doc.body);
  const last = lastParagraph(body);
  if (!last || last.runs.length === 0) return body;
  const run = last.runs[last.runs.length - 1];
  if (run.footnote !== undefined) {
    last.runs.push({ text: CLOSING_MARK });
  } else if (!run.text.trimEnd().endsWith(CLOSING_MARK)) {
    // The mark takes the place of the final full stop: "… báo cáo./.", never "… báo cáo../.".
    run.text = `${run.text.trimEnd().replace(/\.$/u, '')}${CLOSING_MARK}`;
  }
  return body;
}

export interface NumberedFootnote {
  /** 1, 2, 3 … in document order. */
  id: number;
  text: string;
}

/** The footnotes of the body in document order, numbered from 1 as Word numbers them. */
export function footnotesOf(doc: OfficialDocument): NumberedFootnote[] {
  const notes: NumberedFootnote[] = [];
  const visit = (sections: readonly BodySection[]) => {
    for (const s of sections) {
      for (const p of s.paragraphs)
        for (const r of p.runs) if (r.footnote !== undefined) notes.push({ id: notes.length + 1, text: nfc(r.footnote) });
      visit(s.sections ?? []);
    }
  };
  visit(doc.body);
  return notes;
}

export interface DocumentProblem {
  code: string;
  path: string;
  messageVi: string;
}

/** Everything wrong with a document before it can be signed; empty when it is well-formed. */
export function validateDocument(doc: OfficialDocument): DocumentProblem[] {
  const problems: DocumentProblem[] = [];
  const add = (code: string, path: string, messageVi: string) => problems.push({ code, path, messageVi });
  const blank = (s: unknown) => typeof s !== 'string' || s.trim() === '';
  const scheme: DocumentScheme = doc.number.scheme;
  if (doc.header.partyStyle !== (scheme === 'party')) {
    add('DOCUMENT_SCHEME_MISMATCH', 'header.partyStyle', 'Tiêu đề (Đảng / Quốc hiệu) không khớp với cách ghi số văn bản.');
  }
  if (blank(doc.header.issuingBody)) add('FIELD_REQUIRED', 'header.issuingBody', 'Tên cơ quan ban hành không được để trống.');
  if (blank(doc.place)) add('FIELD_REQUIRED', 'place', 'Địa danh không được để trống.');
  if (blank(doc.title)) add('FIELD_REQUIRED', 'title', 'Trích yếu không được để trống.');
  if (!Object.prototype.hasOwnProperty.call(DOCUMENT_TYPE_NAMES, doc.number.typeCode)) {
    add('DOCUMENT_TYPE_UNKNOWN', 'number.typeCode', `Loại văn bản "${doc.number.typeCode}" chưa được hỗ trợ.`);
  }
  try {
    documentNumberText(doc.number);
  } catch {
    add('DOCUMENT_NUMBER_INVALID', 'number', 'Số, ký hiệu văn bản không hợp lệ.');
  }
  if (doc.date === undefined && doc.draftYear === undefined)
    add('DOCUMENT_DATE_REQUIRED', 'date', 'Văn bản cần có ngày ban hành hoặc năm (bản dự thảo).');
  const { authority, onBehalfOf } = doc.signature;
  if (authority !== undefined) {
    const allowed: readonly SignatureAuthority[] = scheme === 'party' ? PARTY_AUTHORITIES : STATE_AUTHORITIES;
    if (!allowed.includes(authority)) {
      add(
        'SIGNATURE_AUTHORITY_MISMATCH',
        'signature.authority',
        `Văn bản ${scheme === 'party' ? 'của Đảng' : 'hành chính'} ghi quyền hạn ký là ${allowed.join(', ')}, không ghi "${authority}".`,
      );
    }
    if (blank(onBehalfOf))
      add('FIELD_REQUIRED', 'signature.onBehalfOf', `Cần ghi "${authority}" thay cho ai (tập thể hoặc người đứng đầu).`);
  }
  if (blank(doc.signature.title)) add('FIELD_REQUIRED', 'signature.title', 'Chức vụ người ký không được để trống.');
  if (blank(doc.signature.name)) add('FIELD_REQUIRED', 'signature.name', 'Họ tên người ký không được để trống.');
  doc.recipients.forEach((r, i) => {
    if (blank(r.name)) add('FIELD_REQUIRED', `recipients[${i}].name`, 'Tên nơi nhận không được để trống.');
  });
  footnotesOf(doc).forEach((f) => {
    if (f.text.trim() === '') add('FOOTNOTE_BLANK', `footnotes[${f.id}]`, `Chú thích ${f.id} không có nội dung.`);
  });
  return problems;
}

/** Returns the document, or throws 422 DOCUMENT_INVALID listing the problems. */
export function assertValidDocument(doc: OfficialDocument): OfficialDocument {
  const problems = validateDocument(doc);
  if (problems.length > 0) {
    throw invalid(
      'DOCUMENT_INVALID',
      `document has ${problems.length} problem(s): ${problems.map((p) => p.code).join(', ')}`,
      'Văn bản chưa đúng thể thức.',
      { problems },
    );
  }
  return doc;
}

/** Any change to a draft except signing, which is signDocument's. */
export type DocumentChange = Partial<Omit<OfficialDocument, 'signedAt'>>;

/**
 * The draft with `change` applied. A signed document is frozen: throws 409 DOCUMENT_SIGNED. (Numbering and
 * dating a signed document is the clerk's registration, not an edit: registerDocument.)
 */
export function editDocument(doc: OfficialDocument, change: DocumentChange): OfficialDocument {
  rejectSigned(doc);
  if ('signedAt' in change) {
    throw invalid('DOCUMENT_SIGNED_AT_READ_ONLY', 'signedAt is set by signDocument', 'Không thể sửa thời điểm ký.');
  }
  return { ...doc, ...change };
}

/** Signs a well-formed draft at `signedAt`; the result is deeply frozen. 409 DOCUMENT_SIGNED if already signed. */
export function signDocument(doc: OfficialDocument, signedAt: IsoInstant): OfficialDocument {
  rejectSigned(doc);
  assertValidDocument(doc);
  return deepFreeze({ ...structuredCloneDocument(doc), signedAt: requireIsoInstant(signedAt, 'signedAt') });
}

/**
 * The clerk's registration of a signed document: its number and date of issue. 409 DOCUMENT_NOT_SIGNED for a
 * draft, 409 DOCUMENT_ALREADY_NUMBERED for a document that has its number; 422 DOCUMENT_DATE_BEFORE_SIGNING
 * when the date of issue is before the day it was signed (Vietnam time).
 */
export function registerDocument(doc: OfficialDocument, registration: { number: number; date: IsoDate }): OfficialDocument {
  if (doc.signedAt === undefined) {
    throw conflict('DOCUMENT_NOT_SIGNED', 'only a signed document is numbered', 'Văn bản chưa được ký, chưa thể cấp số.');
  }
  if (doc.number.number !== undefined) {
    throw conflict('DOCUMENT_ALREADY_NUMBERED', 'the document already has its number', 'Văn bản đã được cấp số.', {
      number: doc.number.number,
    });
  }
  const date = requireIsoDate(registration.date, 'date');
  const signedOn = vietnamDateOf(doc.signedAt);
  if (date < signedOn) {
    throw invalid(
      'DOCUMENT_DATE_BEFORE_SIGNING',
      `date of issue ${date} is before the signature on ${signedOn}`,
      'Ngày ban hành không thể trước ngày ký.',
      { date, signedOn },
    );
  }
  const registered = { ...structuredCloneDocument(doc), number: { ...doc.number, number: registration.number }, date };
  documentNumberText(registered.number);
  return deepFreeze(registered);
}

function rejectSigned(doc: OfficialDocument): void {
  if (doc.signedAt !== undefined) {
    throw conflict('DOCUMENT_SIGNED', 'a signed document cannot be edited', 'Văn bản đã ký, không thể sửa nội dung.', {
      signedAt: doc.signedAt,
    });
  }
}

function lastParagraph(sections: BodySection[]): BodyParagraph | undefined {
  for (let i = sections.length - 1; i >= 0; i--) {
    const inner = lastParagraph(sections[i].sections ?? []);
    if (inner) return inner;
    const paragraphs = sections[i].paragraphs;
    if (paragraphs.length > 0) return paragraphs[paragraphs.length - 1];
  }
  return undefined;
}

function structuredCloneSections(sections: readonly BodySection[]): BodySection[] {
  return sections.map((s) => ({
    ...s,
    paragraphs: s.paragraphs.map((p) => ({ ...p, runs: p.runs.map((r) => ({ ...r })) })),
    ...(s.sections ? { sections: structuredCloneSections(s.sections) } : {}),
  }));
}

function structuredCloneDocument(doc: OfficialDocument): OfficialDocument {
  return {
    ...doc,
    header: { ...doc.header },
    number: { ...doc.number },
    body: structuredCloneSections(doc.body),
    signature: { ...doc.signature },
    recipients: doc.recipients.map((r) => ({ ...r })),
    archive: [...doc.archive],
    ...(doc.annexes
      ? { annexes: doc.annexes.map((a) => ({ title: a.title, header: [...a.header], rows: a.rows.map((r) => [...r]) })) }
      : {}),
  };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
