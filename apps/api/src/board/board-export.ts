import ExcelJS from 'exceljs';
import { vietnamDateOf } from '../../../../libs/domain/src/shared/iso-date';
import type { BoardDto, BoardUnitViewDto } from './board.dto';

/** dd/mm/yyyy of an ISO date. */
export const formatDateVn = (isoDate: string): string => `${isoDate.slice(8, 10)}/${isoDate.slice(5, 7)}/${isoDate.slice(0, 4)}`;

/** dd/mm/yyyy HH:mm, Vietnam time, of an instant. */
export function formatInstantVn(instant: string): string {
  const local = new Date(Date.parse(instant) + 7 * 3600 * 1000).toISOString();
  return `${formatDateVn(vietnamDateOf(instant))} ${local.slice(11, 16)}`;
}

const TIMELINESS_VI: Record<string, string> = {
  on_time: 'Đúng hạn', late: 'Trễ hạn', overdue: 'Quá hạn chưa nộp', not_due: 'Chưa đến hạn', not_expected: 'Không tính',
};

export const EXPORT_HEADER = ['STT', 'Đơn vị', 'Loại', 'Cấp', 'Trạng thái', 'Hạn nộp', 'Ngày nộp', 'Số ngày trễ', 'Tiến độ', 'Hoạt động gần nhất'];

function exportRow(u: BoardUnitViewDto, i: number): (string | number)[] {
  return [
    i + 1, u.unitName, u.unitKindLabel, u.levelLabel, u.statusLabel, formatDateVn(u.effectiveDeadline),
    u.submittedAt ? formatDateVn(vietnamDateOf(u.submittedAt)) : '', u.daysLate ?? '', TIMELINESS_VI[u.timeliness] ?? u.timeliness,
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

/** UTF-8 with a BOM (Excel then reads the Vietnamese correctly), CRLF line ends, header row in Vietnamese. */
export function boardCsv(board: BoardDto): Buffer {
  const lines = [EXPORT_HEADER, ...board.units.map(exportRow)].map((cells) => cells.map(csvCell).join(','));
  return Buffer.from('\uFEFF' + lines.join('\r\n').normalize('NFC') + '\r\n', 'utf8');
}

export async function boardXlsx(board: BoardDto): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'kybaocao';
  workbook.created = new Date(board.now);
  const sheet = workbook.addWorksheet('Theo dõi nộp báo cáo', { views: [{ state: 'frozen', ySplit: 4 }] });
  sheet.addRow([`Theo dõi nộp báo cáo ${board.cycle.periodLabel} — ${board.cycle.issuingBodyName}`]).font = { bold: true, size: 13 };
  const o = board.overall;
  sheet.addRow([`Đã nộp ${o.submitted}/${o.expected} (${o.completeness.percent ?? '—'}); đúng hạn ${o.onTime}/${o.expected} (${o.timeliness.percent ?? '—'}); số liệu lúc ${formatInstantVn(board.now)}`]);
  sheet.addRow([board.pendingLine]);
  const header = sheet.addRow(EXPORT_HEADER);
  header.font = { bold: true };
  header.eachCell((c) => { c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } }; c.border = { bottom: { style: 'thin' } }; });
  board.units.forEach((u, i) => sheet.addRow(exportRow(u, i)));
  [6, 42, 30, 12, 14, 12, 12, 12, 18, 18].forEach((w, i) => { sheet.getColumn(i + 1).width = w; });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** attachment; an ASCII name plus the RFC 5987 form. */
export function attachment(filename: string): string {
  return `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
