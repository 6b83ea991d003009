import { conflict, invalid } from '../shared/domain-error';
import { requireIsoDate, type IsoDate } from '../shared/iso-date';
import { nfc, requireNonBlank } from '../shared/text';
import type { DocumentNumber } from './document.model';

/** Document types the product issues, by the code used in the number's symbol. */
export const DOCUMENT_TYPE_NAMES: Readonly<Record<string, string>> = Object.freeze({
  BC: 'BÁO CÁO',
  KH: 'KẾ HOẠCH',
  TB: 'THÔNG BÁO',
  CTr: 'CHƯƠNG TRÌNH',
  HD: 'HƯỚNG DẪN',
});

/** 'BÁO CÁO' for 'BC'; 422 DOCUMENT_TYPE_UNKNOWN otherwise. */
export function documentTypeName(typeCode: string): string {
  const name = Object.prototype.hasOwnProperty.call(DOCUMENT_TYPE_NAMES, typeCode) ? DOCUMENT_TYPE_NAMES[typeCode] : undefined;
  if (!name) {
    throw invalid('DOCUMENT_TYPE_UNKNOWN', `unknown document type ${typeCode}`, `Loại văn bản "${typeCode}" chưa được hỗ trợ.`, {
      typeCode,
    });
  }
  return name;
}

const SYMBOL = /^[\p{L}\p{N}&]+(-[\p{L}\p{N}&]+)*$/u;
/** Blank where the clerk writes the number in a Party draft: "Số    -BC/HU". */
const PARTY_DRAFT_BLANK = '   ';

/**
 * Số và ký hiệu. Numbers below 10 take a leading zero (Nghị định 30, Phụ lục I; Hướng dẫn 36 alike):
 * - Party: 'Số 456-BC/HU', 'Số 05-BC/HU'; draft 'Số    -BC/HU';
 * - state and Front: 'Số: 481/BC-MTTQ-BTT', 'Số: 07/BC-UBND'; draft 'Số: /BC-UBND'.
 */
export function documentNumberText(n: DocumentNumber): string {
  const typeCode = requireSymbol(n.typeCode, 'typeCode');
  const bodySymbol = requireSymbol(n.bodySymbol, 'bodySymbol');
  const number = n.number === undefined ? undefined : formatSerial(n.number);
  if (n.scheme === 'party') return `Số ${number ?? PARTY_DRAFT_BLANK}-${typeCode}/${bodySymbol}`;
  return `Số: ${number ?? ''}/${typeCode}-${bodySymbol}`;
}

/**
 * A Party committee's term (nhiệm kỳ '2020 - 2025'). It starts on the day the congress elects the committee
 * and ends the day before the next congress, which is not a calendar boundary: give `startsOn`/`endsOn` when
 * known. Without `startsOn` the term starts on 1 January of `fromYear`; without `endsOn` it is still running.
 */
export interface PartyTerm {
  fromYear: number;
  toYear: number;
  startsOn?: IsoDate;
  endsOn?: IsoDate;
}

/**
 * The numbers issued so far for one document type by one issuer in one numbering period: a Party
 * committee's term (numbers run from 01 for the whole term) or a state body's calendar year (from 01 on
 * 1 January to 31 December). `issued` may have gaps (a number withdrawn is never reused).
 */
export type NumberRegister =
  | { scheme: 'party'; term: PartyTerm; typeCode: string; issued: readonly number[] }
  | { scheme: 'state'; year: number; typeCode: string; issued: readonly number[] };

/** Whether `date` falls in the register's numbering period. */
export function registerCovers(register: NumberRegister, date: IsoDate): boolean {
  requireIsoDate(date, 'date');
  if (register.scheme === 'state') return Number(date.slice(0, 4)) === register.year;
  const { startsOn, endsOn } = termBounds(register.term);
  return date >= startsOn && (endsOn === undefined || date <= endsOn);
}

/**
 * The next number of the register for a document dated `date`: one more than the highest issued, 1 for an
 * empty register. Throws 409 NUMBER_REGISTER_PERIOD_MISMATCH when `date` is outside the register's period —
 * a state document dated in January takes the new year's register (numbered from 01); a Party document
 * after the congress takes the new term's register, while a Party document of a new calendar year in the
 * same term continues the term's numbers.
 */
export function nextNumber(register: NumberRegister, date: IsoDate): number {
  requirePeriod(register, date);
  const issued = validIssued(register);
  return issued.length === 0 ? 1 : Math.max(...issued) + 1;
}

/**
 * The register with `number` recorded as issued on `date`. Throws 409 DOCUMENT_NUMBER_TAKEN when the number
 * was already issued in the period (numbers are unique per period), 409 NUMBER_REGISTER_PERIOD_MISMATCH for a
 * date outside the period, 422 DOCUMENT_NUMBER_INVALID for a number that is not a positive integer.
 */
export function recordIssued(register: NumberRegister, number: number, date: IsoDate): NumberRegister {
  requirePeriod(register, date);
  const issued = validIssued(register);
  requireSerial(number);
  if (issued.includes(number)) {
    throw conflict(
      'DOCUMENT_NUMBER_TAKEN',
      `number ${number} of ${register.typeCode} was already issued in ${periodLabel(register)}`,
      `Số ${formatSerial(number)} đã được cấp trong ${periodLabel(register)}.`,
      { number, period: periodLabel(register) },
    );
  }
  return { ...register, issued: [...issued, number] };
}

/** 'nhiệm kỳ 2020 - 2025' or 'năm 2024'. */
export function periodLabel(register: NumberRegister): string {
  return register.scheme === 'party' ? `nhiệm kỳ ${register.term.fromYear} - ${register.term.toYear}` : `năm ${register.year}`;
}

function termBounds(term: PartyTerm): { startsOn: IsoDate; endsOn?: IsoDate } {
  if (!Number.isInteger(term.fromYear) || !Number.isInteger(term.toYear) || term.fromYear >= term.toYear) {
    throw invalid('PARTY_TERM_INVALID', `term ${term.fromYear} - ${term.toYear} is not a term`, 'Nhiệm kỳ không hợp lệ.', { term });
  }
  const startsOn = term.startsOn === undefined ? `${term.fromYear}-01-01` : requireIsoDate(term.startsOn, 'term.startsOn');
  const endsOn = term.endsOn === undefined ? undefined : requireIsoDate(term.endsOn, 'term.endsOn');
  if (endsOn !== undefined && endsOn < startsOn) {
    throw invalid('PARTY_TERM_INVALID', 'a term ends after it starts', 'Nhiệm kỳ kết thúc trước khi bắt đầu.', { term });
  }
  return endsOn === undefined ? { startsOn } : { startsOn, endsOn };
}

function requirePeriod(register: NumberRegister, date: IsoDate): void {
  if (!registerCovers(register, date)) {
    throw conflict(
      'NUMBER_REGISTER_PERIOD_MISMATCH',
      `${date} is outside ${periodLabel(register)}`,
      `Ngày ${date} không thuộc ${periodLabel(register)} của sổ đăng ký số văn bản này; dùng sổ của kỳ mới.`,
      { date, period: periodLabel(register) },
    );
  }
}

function validIssued(register: NumberRegister): number[] {
  const seen = new Set<number>();
  for (const n of register.issued) {
    if (!Number.isSafeInteger(n) || n < 1 || seen.has(n)) {
      throw invalid(
        'NUMBER_REGISTER_INVALID',
        `register holds an invalid or repeated number ${n}`,
        'Sổ đăng ký số văn bản có số không hợp lệ hoặc bị trùng.',
        { number: n },
      );
    }
    seen.add(n);
  }
  return [...seen];
}

function requireSerial(n: number): void {
  if (!Number.isSafeInteger(n) || n < 1) {
    throw invalid('DOCUMENT_NUMBER_INVALID', `a document number is a positive integer, got ${n}`, 'Số văn bản phải là số nguyên dương.', {
      number: n,
    });
  }
}

function formatSerial(n: number): string {
  requireSerial(n);
  return String(n).padStart(2, '0');
}

function requireSymbol(value: string, field: string): string {
  const cleaned = requireNonBlank(value, field);
  if (!SYMBOL.test(cleaned)) {
    throw invalid(
      'DOCUMENT_SYMBOL_INVALID',
      `${field} must be letters and digits joined by "-", got ${JSON.stringify(value)}`,
      `Ký hiệu văn bản "${nfc(cleaned)}" không hợp lệ.`,
      { field, value },
    );
  }
  return nfc(cleaned);
}
