import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The cells of a CSV (UTF-8, comma or semicolon) or XLSX file (its first sheet), heading row included: what every bulk import reads. */
export function importTable(body: Buffer, contentType: string): Promise<string[][]> {
  return contentType.startsWith(XLSX_TYPE) ? xlsxTable(body) : Promise.resolve(csvTable(body));
}

/** A CSV that is not UTF-8 (Excel's plain "CSV" on Windows writes a legacy code page): refused before any row is read. */
export class ImportFileNotUtf8Error extends Error {
  readonly code = 'IMPORT_FILE_NOT_UTF8';
  readonly httpStatus = 400;
  readonly messageVi = 'Tệp CSV phải được lưu với bảng mã UTF-8 (trong Excel: "CSV UTF-8").';
  constructor() {
    super('a CSV file must be UTF-8');
  }
}

function csvTable(body: Buffer): string[][] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw new ImportFileNotUtf8Error();
  }
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  return parse(text, { bom: true, delimiter, relax_column_count: true, skip_empty_lines: true }) as string[][];
}

async function xlsxTable(body: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const table: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellText(cell.value);
    });
    table.push(Array.from(cells, (c) => c ?? ''));
  });
  return table;
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v) return String(v.text);
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
  }
  return String(v);
}
