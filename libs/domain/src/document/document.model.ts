import type { IsoDate, IsoInstant } from '../shared/iso-date';

/**
 * An official report as issued: the parts Party documents (Hướng dẫn 36-HD/VPTW) and state documents (Nghị
 * định 30/2020/NĐ-CP) share — header, number and symbol, place and date, type and title (trích yếu), body,
 * signature block, Nơi nhận. Pure data: `official-document.ts` derives every line of text from it, and a
 * renderer only lays those lines out.
 */

/** 'party': "Số 456-BC/HU", numbered per term. 'state' (also the Front): "Số: 481/BC-MTTQ-BTT", numbered per year. */
export type DocumentScheme = 'party' | 'state';

export interface DocumentHeader {
  /** true: "ĐẢNG CỘNG SẢN VIỆT NAM"; false: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc". */
  partyStyle: boolean;
  /** The body directly above the issuer, upper case: 'ĐẢNG BỘ TỈNH LAI CHÂU', 'UBND TỈNH KON TUM'. */
  superiorBody?: string;
  /** The issuer, upper case: 'HUYỆN ỦY TAM ĐƯỜNG', 'BAN THƯỜNG TRỰC'. */
  issuingBody: string;
}

export interface DocumentNumber {
  scheme: DocumentScheme;
  /** Absent in a draft: the clerk assigns it after signing. */
  number?: number;
  /** Document type: 'BC' (báo cáo), 'KH' (kế hoạch), 'TB' (thông báo) … */
  typeCode: string;
  /** The issuer's symbol: 'HU', 'TU', 'ThU' (Party); 'UBND', 'MTTQ-BTT' (state, Front). */
  bodySymbol: string;
}

export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  /** A footnote anchored at the end of this run (numbered in document order when rendered). */
  footnote?: string;
  /**
   * Where the numbers of this run (and its footnote) came from: the indicators it states, whose approved
   * submissions are listed once in the document's `figureSources`. Set by the draft builder; kept through
   * revisions; never printed.
   */
  provenance?: RunProvenance;
}

export interface FigureSource {
  unitId: string;
  sourceEventId: string;
  sourcePosition: string;
}

/**
 * The indicators a run states. Their sources are the document's `figureSources` for that code. Documents drafted
 * before the source table listed `sources` inline on every run; `withSourceTable` moves them into the table when
 * such a document is read (figure-sources.ts), and a revision a client sends may still carry them (checked).
 */
export interface RunProvenance {
  indicators: readonly { code: string; sources?: readonly FigureSource[] }[];
}

/**
 * Every approved submission the document's figures come from, listed once, and per indicator code the ones its
 * figure is the sum of, as inclusive index ranges into `sources` (`[[0, 19999]]` when all 20,000 units reported
 * it): its size grows with the units once, not with units × figures.
 */
export interface FigureSourceTable {
  sources: readonly FigureSource[];
  byIndicator: Readonly<Record<string, readonly (readonly [number, number])[]>>;
}

export interface BodyParagraph {
  runs: Run[];
  /** Default 'justify' with a first-line indent. */
  align?: 'justify' | 'center' | 'left';
}

/** 1: a part ("Phần thứ nhất / KẾT QUẢ …", centred); 2: a section ("I- ĐẶC ĐIỂM TÌNH HÌNH"); 3: a sub-section ("1. Thuận lợi"). */
export type HeadingLevel = 1 | 2 | 3;

export interface BodySection {
  /** Lines separated by '\n' ("Phần thứ nhất\nKẾT QUẢ CÔNG TÁC DÂN VẬN NĂM 2022"). */
  heading?: string;
  /** Default 2. */
  headingLevel?: HeadingLevel;
  paragraphs: BodyParagraph[];
  sections?: BodySection[];
}

/**
 * Party forms: thay mặt, ký thay, thừa lệnh, thừa ủy quyền. "T/UQ" follows the pattern of the other three; it
 * is not verified against Hướng dẫn 36-HD/VPTW (see docs/consolidation-and-documents.md).
 */
export type PartyAuthority = 'T/M' | 'K/T' | 'T/L' | 'T/UQ';
/** State forms (Nghị định 30/2020/NĐ-CP). */
export type StateAuthority = 'TM.' | 'KT.' | 'TL.' | 'TUQ.';
export type SignatureAuthority = PartyAuthority | StateAuthority;

export interface SignatureBlock {
  /** Absent when the head signs in their own right ("BÍ THƯ"). */
  authority?: SignatureAuthority;
  /** Whom the signer acts for: the collective ('BAN THƯỜNG VỤ', 'ỦY BAN NHÂN DÂN') or the head ('BÍ THƯ', 'CHỦ TỊCH'). */
  onBehalfOf?: string;
  /** The signer's own title: 'PHÓ BÍ THƯ', 'CHỦ TỊCH', 'CHÁNH VĂN PHÒNG'. */
  title: string;
  /** 'Cao Trang Trọng'. */
  name: string;
}

/** (b/c) báo cáo — a superior or the requester; (đ/b) để biết — for information; (t/d) theo dõi — follows up. */
export type RecipientPurpose = 'b/c' | 'đ/b' | 't/d';

export interface Recipient {
  name: string;
  purpose?: RecipientPurpose;
  /** The registry units this line stands for ("MTTQ và các đoàn thể huyện" → six units): distribution delivers to each. */
  unitIds?: readonly string[];
}

/** An annex table (phụ lục): a title, a header row and rows of cells, as printed after the signature. */
export interface Annex {
  title: string;
  header: string[];
  rows: string[][];
}

export interface OfficialDocument {
  header: DocumentHeader;
  number: DocumentNumber;
  /** Place of the date line: 'Tam Đường', 'Thành phố Lai Châu'. */
  place: string;
  /** Date of issue; absent in a draft (the clerk dates the document when it is issued). */
  date?: IsoDate;
  /** Year shown in a draft's date line ("ngày    tháng    năm 2024") while `date` is absent. */
  draftYear?: number;
  /** Trích yếu: 'tổng kết công tác dân vận năm 2022, nhiệm vụ trọng tâm năm 2023'; '\n' where the printed title breaks. */
  title: string;
  body: BodySection[];
  /**
   * Append "./." to the last body paragraph. Default: true for state documents (Nghị định 30 practice; 003
   * ends so), false for Party documents (001 does not).
   */
  closingMark?: boolean;
  signature: SignatureBlock;
  recipients: Recipient[];
  /** Where copies are archived: ['VT', 'NV'] → "- Lưu: VT, NV." (state); ['Văn phòng Huyện ủy'] → "- Lưu Văn phòng Huyện ủy." (Party). */
  archive: string[];
  /** Annex tables (phụ lục) after the signature block: consolidated table indicators. */
  annexes?: Annex[];
  /** Where the figures came from (see RunProvenance); never printed. */
  figureSources?: FigureSourceTable;
  /** Set by signDocument; from then on the text is frozen. */
  signedAt?: IsoInstant;
}
