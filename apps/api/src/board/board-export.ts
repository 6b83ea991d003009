import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { vietnamDateOf } from '@kybaocao/domain/shared/iso-date';
import type { BoardDto, BoardUnitViewDto } from './board.dto';

/** dd/mm/yyyy of an ISO date. */
export const formatDateVn = (isoDate: string): string => `${isoDate.slice(8, 10)}/${isoDate.slice(5, 7)}/${isoDate.slice(0, 4)}`;

/** dd/mm/yyyy HH:mm, Vietnam time, of an instant. */
export function formatInstantVn(instant: string): string {
  const local = new Date(Date.parse(instant) + 7 * 3600 * 1000).toISOString();
  return `${formatDateVn(vietnamDateOf(instant))} ${local.slice(11, 16)}`;
}

const TIMELINESS_VI: Record<string, string> = {
  on_time: 'Đúng hạn',
  late: 'Trễ hạn',
  overdue: 'Quá hạn chưa nộp',
  not_due: 'Chưa đến hạn',
  not_expected: 'Không tính',
};

export const EXPORT_HEADER = [
  'STT',
  'Đơn vị',
  'Loại',
  'Cấp',
  'Trạng thái',
  'Hạn nộp',
  'Ngày nộp',
  'Số ngày trễ',
  'Tiến độ',
  'Hoạt động gần nhất',
];

function exportRow(u: BoardUnitViewDto, i: number): (string | number)[] {
  return [
    i + 1,
    u.unitName,
    u.unitKindLabel,
    u.levelLabel,
    u.statusLabel,
    formatDateVn(u.effectiveDeadline),
    u.submittedAt ? formatDateVn(vietnamDateOf(u.submittedAt)) : '',
    u.daysLate ?? '',
    TIMELINESS_VI[u.timeliness] ?? u.timeliness,
    u.lastActivityAt ? formatInstantVn(u.lastActivityAt) : '',
  ];
}

/**
 * One CSV cell. Text that a spreadsheet would read as a formula (= + - @, or a tab / carriage return before one)
 * is neutralised with a leading apostrophe (OWASP "CSV injection"): a unit named `=HYPERLINK(…)` stays text.
 */
export const csvCell = (v: string | number): string => {
  const s = typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : String(v);
  return /[",\r\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

const csvLine = (cells: (string | number)[]) => cells.map(csvCell).join(',').normalize('NFC') + '\r\n';

/** UTF-8 with a BOM (Excel then reads the Vietnamese correctly), CRLF line ends, header row in Vietnamese. */
export function boardCsv(board: Pick<BoardDto, 'units'>): Buffer {
  return Buffer.from('\uFEFF' + csvLine(EXPORT_HEADER) + board.units.map((u, i) => csvLine(exportRow(u, i))).join(''), 'utf8');
}

/** The CSV of every row, streamed page by page: memory holds one page, whatever the number of units. */
export function boardCsvStream(pages: AsyncIterable<BoardUnitViewDto[]>): Readable {
  return Readable.from(
    (async function* () {
      yield Buffer.from('\uFEFF' + csvLine(EXPORT_HEADER), 'utf8');
      let i = 0;
      for await (const page of pages) {
        if (page.length) yield Buffer.from(page.map((u) => csvLine(exportRow(u, i++))).join(''), 'utf8');
      }
    })(),
  );
}

/**
 * The workbook, streamed: exceljs's streaming writer commits each row as it goes (shared strings off), so
 * memory holds one page of rows, not the sheet.
 */
export function boardXlsxStream(summary: BoardDto, pages: AsyncIterable<BoardUnitViewDto[]>): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'kybaocao';
  workbook.created = new Date(summary.now);
  const sheet = workbook.addWorksheet('Theo dõi nộp báo cáo', { views: [{ state: 'frozen', ySplit: 4 }] });
  [6, 42, 30, 12, 14, 12, 12, 12, 18, 18].forEach((w, i) => {
    sheet.getColumn(i + 1).width = w;
  });
  void (async () => {
    const title = sheet.addRow([`Theo dõi nộp báo cáo ${summary.cycle.periodLabel} — ${summary.cycle.issuingBodyName}`]);
    title.font = { bold: true, size: 13 };
    title.commit();
    const o = summary.overall;
    sheet
      .addRow([
        `Đã nộp ${o.submitted}/${o.expected} (${o.completeness.percent ?? '—'}); đúng hạn ${o.onTime}/${o.expected} (${o.timeliness.percent ?? '—'}); số liệu lúc ${formatInstantVn(summary.now)}`,
      ])
      .commit();
    sheet.addRow([summary.pendingLine]).commit();
    const header = sheet.addRow(EXPORT_HEADER);
    header.font = { bold: true };
    header.eachCell((c) => {
      c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
      c.border = { bottom: { style: 'thin' } };
    });
    header.commit();
    let i = 0;
    for await (const page of pages) for (const u of page) sheet.addRow(exportRow(u, i++)).commit();
    sheet.commit();
    await workbook.commit();
  })().catch((err) => out.destroy(err as Error));
  return out;
}

/** attachment; an ASCII name plus the RFC 5987 form. */
export function attachment(filename: string): string {
  return `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
