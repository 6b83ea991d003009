import {
  AlignmentType,
  BorderStyle,
  Document,
  FootnoteReferenceRun,
  Header,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  UnderlineType,
  VerticalAlign,
  WidthType,
  type IParagraphOptions,
  type ParagraphChild,
} from 'docx';
import type { Annex, BodyParagraph, BodySection, OfficialDocument } from '@kybaocao/domain/document/document.model';
import {
  finalBody,
  footnotesOf,
  headerColumns,
  recipientLines,
  signatureLines,
  titleLines,
  type HeaderLine,
} from '@kybaocao/domain/document/official-document';

/**
 * Renders an OfficialDocument to DOCX in the official layout (Nghị định 30/2020/NĐ-CP, Phụ lục I; Hướng dẫn
 * 36-HD/VPTW for Party documents): A4; margins top 20 mm, bottom 20 mm, left 30 mm, right 15 mm; Times New
 * Roman; body 14 pt justified with a 1 cm first-line indent; real Word footnotes; a borderless two-column
 * header table; the Nơi nhận block and the signature block side by side at the end; page numbers centred at
 * the top from page 2. Every line of text comes from the pure helpers of libs/domain/src/document: this file
 * only lays them out.
 */

const FONT = 'Times New Roman';
/** Twips per millimetre (1 inch = 1440 twips = 25.4 mm). */
const MM = 1440 / 25.4;
const A4 = { width: 11906, height: 16838 };
const MARGIN = { top: Math.round(20 * MM), bottom: Math.round(20 * MM), left: Math.round(30 * MM), right: Math.round(15 * MM) };
const TEXT_WIDTH = A4.width - MARGIN.left - MARGIN.right;
/** Half-points. */
const PT = (points: number) => points * 2;
const BODY_SIZE = 14;
const FOOTNOTE_SIZE = 12;
const FIRST_LINE_INDENT = Math.round(10 * MM);
/** Header columns: issuer 40 %, motto 60 % of the text width (the state name needs the room at 12 pt). */
const HEADER_LEFT = Math.round(TEXT_WIDTH * 0.4);
const HEADER_RIGHT = TEXT_WIDTH - HEADER_LEFT;
/** Closing block: Nơi nhận 45 %, signature 55 %. */
const CLOSING_LEFT = Math.round(TEXT_WIDTH * 0.45);
const CLOSING_RIGHT = TEXT_WIDTH - CLOSING_LEFT;
/** Empty lines left for the handwritten signature and the seal. */
const SIGNATURE_SPACE_LINES = 4;

export async function renderDocx(doc: OfficialDocument): Promise<Buffer> {
  const party = doc.number.scheme === 'party';
  const footnotes = footnotesOf(doc);
  const footnoteIds = footnotes.map((f) => f.id);
  let nextFootnote = 0;
  const takeFootnoteId = () => footnoteIds[nextFootnote++];

  const document = new Document({
    creator: 'kybaocao',
    title: titleLines(doc).join(' '),
    styles: {
      default: {
        document: { run: { font: FONT, size: PT(BODY_SIZE) } },
        footnoteText: { run: { font: FONT, size: PT(FOOTNOTE_SIZE) }, paragraph: { alignment: AlignmentType.JUSTIFIED } },
      },
    },
    footnotes: Object.fromEntries(
      footnotes.map((f) => [
        f.id,
        {
          children: [
            new Paragraph({
              alignment: AlignmentType.JUSTIFIED,
              children: [new TextRun({ text: f.text, font: FONT, size: PT(FOOTNOTE_SIZE) })],
            }),
          ],
        },
      ]),
    ),
    sections: [
      {
        properties: {
          page: { size: A4, margin: { ...MARGIN, header: Math.round(10 * MM), footer: Math.round(10 * MM) } },
          titlePage: true,
        },
        headers: {
          first: new Header({ children: [new Paragraph('')] }),
          default: new Header({
            children: [
              new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], size: PT(13) })] }),
            ],
          }),
        },
        children: [
          headerTable(doc, party),
          ...titleBlock(doc, party),
          ...finalBody(doc).flatMap((s) => sectionParagraphs(s, takeFootnoteId)),
          closingTable(doc),
          ...(doc.annexes ?? []).flatMap((annex) => annexBlock(annex)),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}

/**
 * Two rows: the bodies beside the motto, then the number and symbol beside the place and date line, so that
 * "Số 456-BC/HU" and "Tam Đường, ngày …" stand on one line as in the printed forms.
 */
function headerTable(doc: OfficialDocument, party: boolean): Table {
  const { left, right } = headerColumns(doc);
  const leftSize = party ? 14 : 13;
  // The state name at 13 pt does not fit 60 % of the width: Nghị định 30 allows 12-13 pt.
  const rightSize = (i: number) => (party ? 15 : i === 0 ? 12 : 13);
  const bodies = left.slice(0, -1).map((line) => ({ line, size: leftSize }));
  const mottos = right.slice(0, -1).map((line, i) => ({ line, size: rightSize(i) }));
  const numberLine = { line: left[left.length - 1], size: leftSize };
  const dateLine = { line: right[right.length - 1], size: party ? 14 : 13 };
  return borderless(
    [HEADER_LEFT, HEADER_RIGHT],
    [
      [headerCell(bodies, HEADER_LEFT, !party), headerCell(mottos, HEADER_RIGHT, false)],
      [headerCell([numberLine], HEADER_LEFT, false, 120), headerCell([dateLine], HEADER_RIGHT, false, 120)],
    ],
  );
}

/** A header column; `shortRule` draws the state issuer's rule as a short line (1/3 of the column) instead of an underline. */
function headerCell(lines: { line: HeaderLine; size: number }[], width: number, shortRule: boolean, before = 0): TableCell {
  const children: Paragraph[] = [];
  lines.forEach(({ line, size }, i) => {
    const underline = line.ruleBelow && !shortRule ? { type: UnderlineType.SINGLE } : undefined;
    children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { before: i === 0 ? before : 0, after: 0 },
        children: [new TextRun({ text: line.text, bold: line.bold, italics: line.italic, size: PT(size), underline })],
      }),
    );
    if (line.ruleBelow && shortRule) children.push(shortRuleParagraph(width, 1 / 3));
  });
  return new TableCell({ width: { size: width, type: WidthType.DXA }, children, verticalAlign: VerticalAlign.TOP });
}

/** A centred horizontal line `fraction` of `width` long, drawn as the bottom border of an empty paragraph. */
function shortRuleParagraph(width: number, fraction: number): Paragraph {
  const indent = Math.round((width * (1 - fraction)) / 2);
  return new Paragraph({
    indent: { left: indent, right: indent },
    spacing: { before: 0, after: 0, line: 120, lineRule: 'exact' },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    children: [],
  });
}

function titleBlock(doc: OfficialDocument, party: boolean): Paragraph[] {
  const [type, title] = titleLines(doc);
  const paragraphs = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 360, after: 0 },
      children: [new TextRun({ text: type, bold: true, size: PT(15) })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 0 },
      children: title.split('\n').map((text, i) => new TextRun({ text, bold: true, size: PT(BODY_SIZE), break: i > 0 ? 1 : undefined })),
    }),
  ];
  // Hướng dẫn 36: five hyphens under a Party document's title; Nghị định 30: a short rule under a state one.
  paragraphs.push(
    party
      ? new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: { after: 240 },
          children: [new TextRun({ text: '-----', size: PT(BODY_SIZE) })],
        })
      : shortRuleParagraph(TEXT_WIDTH, 1 / 5),
  );
  if (!party) paragraphs.push(new Paragraph({ spacing: { after: 120 }, children: [] }));
  return paragraphs;
}

function sectionParagraphs(section: BodySection, takeFootnoteId: () => number): Paragraph[] {
  const out: Paragraph[] = [];
  if (section.heading) {
    const level = section.headingLevel ?? 2;
    const lines = section.heading.split('\n');
    out.push(
      new Paragraph({
        alignment: level === 1 ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
        indent: level === 1 ? undefined : { firstLine: FIRST_LINE_INDENT },
        spacing: { before: level === 1 ? 240 : 120, after: 120 },
        keepNext: true,
        children: lines.map((text, i) => new TextRun({ text, bold: true, break: i > 0 ? 1 : undefined })),
      }),
    );
  }
  for (const paragraph of section.paragraphs) out.push(bodyParagraph(paragraph, takeFootnoteId));
  for (const child of section.sections ?? []) out.push(...sectionParagraphs(child, takeFootnoteId));
  return out;
}

function bodyParagraph(paragraph: BodyParagraph, takeFootnoteId: () => number): Paragraph {
  const align = paragraph.align ?? 'justify';
  const children: ParagraphChild[] = [];
  for (const run of paragraph.runs) {
    children.push(new TextRun({ text: run.text, bold: run.bold, italics: run.italic }));
    if (run.footnote !== undefined) children.push(new FootnoteReferenceRun(takeFootnoteId()));
  }
  const options: IParagraphOptions = {
    alignment: align === 'center' ? AlignmentType.CENTER : align === 'left' ? AlignmentType.LEFT : AlignmentType.JUSTIFIED,
    indent: align === 'justify' ? { firstLine: FIRST_LINE_INDENT } : undefined,
    spacing: { before: 0, after: 120, line: 288 },
    children,
  };
  return new Paragraph(options);
}

/** Nơi nhận (left, heading 12 pt bold italic, entries 11 pt) beside the signature block (right, centred in its column). */
function closingTable(doc: OfficialDocument): Table {
  const [heading, ...entries] = recipientLines(doc);
  const recipients = [
    new Paragraph({
      spacing: { before: 240, after: 0 },
      children: [new TextRun({ text: heading, bold: true, italics: true, size: PT(12) })],
    }),
    ...entries.map((text) => new Paragraph({ spacing: { after: 0 }, children: [new TextRun({ text, size: PT(11) })] })),
  ];
  const sig = signatureLines(doc.signature);
  const centred = (text: string, before = 0) =>
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before, after: 0 },
      children: [new TextRun({ text, bold: true, size: PT(BODY_SIZE) })],
    });
  const signature = [
    ...(sig.authorityLine ? [centred(sig.authorityLine, 240)] : []),
    centred(sig.titleLine, sig.authorityLine ? 0 : 240),
    ...Array.from({ length: SIGNATURE_SPACE_LINES }, () => new Paragraph({ spacing: { after: 0 }, children: [] })),
    centred(sig.name),
  ];
  return borderless(
    [CLOSING_LEFT, CLOSING_RIGHT],
    [
      [
        new TableCell({ width: { size: CLOSING_LEFT, type: WidthType.DXA }, children: recipients }),
        new TableCell({ width: { size: CLOSING_RIGHT, type: WidthType.DXA }, children: signature }),
      ],
    ],
  );
}

/**
 * An annex (phụ lục) on a new page: its title centred in bold capitals' place, then a bordered table — the
 * header row bold and repeated on every page, the first column (STT) narrow, numbers right-aligned.
 */
function annexBlock(annex: Annex): (Paragraph | Table)[] {
  const lines = annex.title.split('\n');
  const title = lines.map(
    (text, i) =>
      new Paragraph({
        pageBreakBefore: i === 0,
        alignment: AlignmentType.CENTER,
        spacing: { after: i === lines.length - 1 ? 240 : 0 },
        children: [new TextRun({ text, bold: true, size: PT(BODY_SIZE) })],
      }),
  );
  const count = annex.header.length;
  const stt = Math.round(TEXT_WIDTH * 0.08);
  const label = Math.round(TEXT_WIDTH * 0.36);
  const rest = count > 2 ? Math.floor((TEXT_WIDTH - stt - label) / (count - 2)) : 0;
  const widths = annex.header.map((_, i) => (i === 0 ? stt : i === 1 ? label : rest));
  const cell = (text: string, width: number, opts: { bold?: boolean; align: (typeof AlignmentType)[keyof typeof AlignmentType] }) =>
    new TableCell({
      width: { size: width, type: WidthType.DXA },
      verticalAlign: VerticalAlign.CENTER,
      children: [
        new Paragraph({
          alignment: opts.align,
          spacing: { before: 40, after: 40 },
          children: [new TextRun({ text, bold: opts.bold, size: PT(13) })],
        }),
      ],
    });
  const header = new TableRow({
    tableHeader: true,
    children: annex.header.map((h, i) => cell(h, widths[i], { bold: true, align: AlignmentType.CENTER })),
  });
  const rows = annex.rows.map(
    (r) =>
      new TableRow({
        cantSplit: true,
        children: r.map((text, i) =>
          cell(text, widths[i], {
            bold: r[0] === '',
            align: i === 0 ? AlignmentType.CENTER : i === 1 ? AlignmentType.LEFT : AlignmentType.RIGHT,
          }),
        ),
      }),
  );
  return [
    ...title,
    new Table({
      width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      rows: [header, ...rows],
    }),
  ];
}

function borderless(columnWidths: number[], rows: TableCell[][]): Table {
  return new Table({
    width: { size: columnWidths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths,
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    rows: rows.map((cells) => new TableRow({ cantSplit: true, children: cells })),
  });
}
