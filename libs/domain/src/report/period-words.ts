import { formatStateDate } from '../format/vietnamese-format';
import { nfc } from '../shared/text';

/** The period a draft is about, as the cycle records it. */
export interface DraftPeriod {
  /** 'annual' | 'year', 'nine-month', 'six-month', 'quarter', 'thematic', 'ad-hoc' … */
  kind: string;
  year: number;
  /** Quarter 1-4. */
  index?: number;
  /** 'năm 2026', '9 tháng năm 2026'. */
  label: string;
}

/** The document a thematic or ad-hoc cycle answers ("Công văn số 1257/SNV-XDCQ&TCBM ngày 26/4/2024 của Sở Nội vụ"). */
export interface RequestingDocument {
  /** 'Công văn số 1257/SNV-XDCQ&TCBM'. */
  reference: string;
  date?: string;
  /** 'Sở Nội vụ tỉnh Kon Tum'. */
  issuer: string;
  /** 'đề nghị báo cáo sơ kết 03 năm thực hiện Chỉ thị số 06-CT/TU' (after "về việc"). */
  subject?: string;
  /** How Nơi nhận names the requester ('Sở Nội vụ'); default: `issuer`. */
  recipientName?: string;
}

export interface PeriodWords {
  /** The period itself: 'năm 2026', '9 tháng năm 2026'. */
  period: string;
  /** The period after it, as a tasks section names it: 'năm 2027', '3 tháng cuối năm 2026', '6 tháng cuối năm 2026'. */
  next: string;
}

const ROMAN = ['I', 'II', 'III', 'IV'];

/** A 9-month report's tasks are for "3 tháng cuối năm 2026"; an annual one's for "năm 2027". */
export function periodWords(period: DraftPeriod): PeriodWords {
  const { year } = period;
  let next: string;
  switch (period.kind) {
    case 'annual':
    case 'year':
      next = `năm ${year + 1}`;
      break;
    case 'nine-month':
      next = `3 tháng cuối năm ${year}`;
      break;
    case 'six-month':
      next = `6 tháng cuối năm ${year}`;
      break;
    case 'quarter': {
      const q = period.index ?? 1;
      next = q >= 4 ? `quý I năm ${year + 1}` : `quý ${ROMAN[q]} năm ${year}`;
      break;
    }
    default:
      next = 'thời gian tới';
  }
  return { period: nfc(period.label), next };
}

/** 'Thực hiện Công văn số 1257/SNV-XDCQ&TCBM ngày 26/4/2024 của Sở Nội vụ tỉnh Kon Tum về việc đề nghị báo cáo …'. */
export function requestSentence(request: RequestingDocument): string {
  const date = request.date ? ` ngày ${formatStateDate(request.date)}` : '';
  const subject = request.subject ? ` về việc ${request.subject.trim()}` : '';
  return nfc(`Thực hiện ${request.reference.trim()}${date} của ${request.issuer.trim()}${subject}`);
}

/**
 * Fills a template text: {period}, {next}, {request} (the requesting document's sentence), {issuer} (the
 * issuing body's name). A placeholder with nothing to put in is left out with the space before it.
 */
export function fillWords(text: string, words: PeriodWords, extra: { request?: RequestingDocument; issuer?: string } = {}): string {
  const values: Record<string, string | undefined> = {
    period: words.period,
    next: words.next,
    request: extra.request ? requestSentence(extra.request) : undefined,
    issuer: extra.issuer,
  };
  return nfc(
    text
      .replace(/\{(period|next|request|issuer)\}/g, (_m, name: string) => values[name] ?? '')
      .replace(/\s{2,}/g, ' ')
      .trim(),
  );
}

/** 'Tỉnh ủy Lai Châu' → 'ĐẢNG BỘ TỈNH LAI CHÂU' above a Party issuer (Hướng dẫn 36); other bodies as named. */
export function superiorHeaderName(name: string, scheme: 'party' | 'state'): string {
  const m = /^(Tỉnh|Thành|Huyện|Thị|Quận) ủy\s+(.+)$/iu.exec(nfc(name.trim()));
  if (scheme === 'party' && m) {
    const level: Record<string, string> = { tỉnh: 'tỉnh', thành: 'thành phố', huyện: 'huyện', thị: 'thị xã', quận: 'quận' };
    return nfc(`Đảng bộ ${level[m[1].toLowerCase()]} ${m[2]}`).toUpperCase();
  }
  return nfc(name.trim()).toUpperCase();
}
