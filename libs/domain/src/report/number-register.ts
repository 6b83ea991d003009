import {
  documentNumberText,
  nextNumber,
  periodLabel,
  recordIssued,
  registerCovers,
  type NumberRegister,
  type PartyTerm,
} from '../document/document-number';
import type { DocumentScheme } from '../document/document.model';
import { assertNever, type Decider, type DomainCommand, type DomainEvent } from '../shared/decider';
import { invalid } from '../shared/domain-error';
import { requireIsoDate, type IsoDate, type IsoInstant } from '../shared/iso-date';

/**
 * The clerk's numbering register (sổ đăng ký văn bản đi) as an event stream: one stream per issuer, document
 * type and numbering period — a Party committee's term, a state body's calendar year — so that the stream's
 * expected version serialises concurrent numbering and a number can never be issued twice. Each issued
 * number names the document it went to; asking again for the same document returns its number.
 */

export interface RegisterKey {
  scheme: DocumentScheme;
  bodySymbol: string;
  typeCode: string;
  /** Party: the term; state: the year. */
  term?: PartyTerm;
  year?: number;
}

export interface IssuedNumber {
  number: number;
  documentId: string;
  date: IsoDate;
  numberText: string;
  at: IsoInstant;
}

export interface RegisterState {
  key?: RegisterKey;
  issued: IssuedNumber[];
}

export type RegisterCommand = DomainCommand<'IssueNumber', { key: RegisterKey; documentId: string; date: IsoDate; at: IsoInstant }>;
export type RegisterEvent = DomainEvent<'DocumentNumberIssued', { key: RegisterKey; period: string } & IssuedNumber>;

/** 'register-party:HU:BC:2025-2030' / 'register-state:MTTQ-BTT:BC:2026'. */
export function registerStreamId(key: RegisterKey): string {
  return `register-${key.scheme}:${key.bodySymbol}:${key.typeCode}:${periodKey(key)}`;
}

/**
 * The register a document dated `date` is numbered in: the Party term covering the date (from `terms`), or
 * the calendar year. 422 PARTY_TERM_UNKNOWN when no configured term covers a Party document's date.
 */
export function registerKeyFor(
  scheme: DocumentScheme,
  bodySymbol: string,
  typeCode: string,
  date: IsoDate,
  terms: readonly PartyTerm[],
): RegisterKey {
  requireIsoDate(date, 'date');
  if (scheme === 'state') return { scheme, bodySymbol, typeCode, year: Number(date.slice(0, 4)) };
  const term = terms.find((t) => registerCovers({ scheme: 'party', term: t, typeCode, issued: [] }, date));
  if (!term) {
    throw invalid(
      'PARTY_TERM_UNKNOWN',
      `no configured Party term covers ${date}`,
      `Chưa khai báo nhiệm kỳ của cấp ủy cho ngày ${date}; không xác định được sổ đăng ký số văn bản.`,
      { date },
    );
  }
  return { scheme, bodySymbol, typeCode, term };
}

export function decideRegister(command: RegisterCommand, state: RegisterState): RegisterEvent[] {
  switch (command.type) {
    case 'IssueNumber': {
      const { key, documentId, date, at } = command.data;
      if (state.issued.some((i) => i.documentId === documentId)) return []; // asked again: the number it already has
      const register = toRegister(key, state);
      const number = nextNumber(register, date);
      recordIssued(register, number, date);
      const numberText = documentNumberText({ scheme: key.scheme, number, typeCode: key.typeCode, bodySymbol: key.bodySymbol });
      return [{ type: 'DocumentNumberIssued', data: { key, period: periodLabel(register), number, documentId, date, numberText, at } }];
    }
    default:
      return assertNever(command.type, 'register command');
  }
}

export function evolveRegister(state: RegisterState, event: RegisterEvent): RegisterState {
  const { key, number, documentId, date, numberText, at } = event.data;
  return { key, issued: [...state.issued, { number, documentId, date, numberText, at }] };
}

export const registerDecider: Decider<RegisterCommand, RegisterEvent, RegisterState> = {
  decide: decideRegister,
  evolve: evolveRegister,
  initialState: () => ({ issued: [] }),
};

/** The number issued to `documentId`, if any. */
export function numberOf(state: RegisterState, documentId: string): IssuedNumber | undefined {
  return state.issued.find((i) => i.documentId === documentId);
}

function toRegister(key: RegisterKey, state: RegisterState): NumberRegister {
  const issued = state.issued.map((i) => i.number);
  if (key.scheme === 'party') return { scheme: 'party', term: key.term!, typeCode: key.typeCode, issued };
  return { scheme: 'state', year: key.year!, typeCode: key.typeCode, issued };
}

function periodKey(key: RegisterKey): string {
  return key.scheme === 'party' ? `${key.term!.fromYear}-${key.term!.toYear}` : String(key.year);
}
