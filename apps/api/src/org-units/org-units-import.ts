import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { orgUnitDecider, type OrgUnit, type OrgUnitEvent } from '@kybaocao/domain/org-units';
import { DomainError } from '@kybaocao/domain/shared/domain-error';
import { RegisterUnitDto } from './org-units.dto';
import { importTable } from '../common/import-table';

/** The columns of an import file: the key, its Vietnamese heading (what a template file uses) and the headings accepted. */
const COLUMNS = [
  { key: 'id', vi: 'Mã đơn vị', accepts: ['id', 'mã', 'mã đơn vị'] },
  { key: 'parentId', vi: 'Mã cấp trên', accepts: ['parentid', 'mã cấp trên', 'cấp trên', 'mã đơn vị cấp trên'] },
  { key: 'level', vi: 'Cấp', accepts: ['level', 'cấp'] },
  { key: 'kind', vi: 'Loại tổ chức', accepts: ['kind', 'loại', 'loại tổ chức', 'loại đơn vị'] },
  { key: 'canonicalName', vi: 'Tên đơn vị', accepts: ['canonicalname', 'name', 'tên', 'tên đơn vị'] },
  { key: 'shortName', vi: 'Tên ngắn', accepts: ['shortname', 'tên ngắn', 'tên gọn'] },
  { key: 'aliases', vi: 'Tên gọi khác', accepts: ['aliases', 'tên gọi khác', 'tên khác'] },
  { key: 'activeFrom', vi: 'Hoạt động từ ngày', accepts: ['activefrom', 'từ ngày', 'hoạt động từ ngày', 'ngày thành lập'] },
] as const;

type ColumnKey = (typeof COLUMNS)[number]['key'];

const REQUIRED: ColumnKey[] = ['id', 'level', 'kind', 'canonicalName', 'activeFrom'];

const columnVi = (key: string) => COLUMNS.find((c) => c.key === key)?.vi ?? key;

/** At most this many rows per file (a national registry is ~20,000 units). */
export const MAX_IMPORT_ROWS = 25_000;

/** Errors listed in a refusal (the count says how many there are in all). */
const MAX_LISTED_ERRORS = 200;

export interface ImportRowError {
  /** 1-based line of the file (the heading is line 1). */
  row: number;
  column?: string;
  message: string;
  messageVi: string;
}

/** A file that cannot be imported as it is: every problem found, by row, and nothing stored. */
export class OrgUnitImportError extends Error {
  readonly code = 'ORG_UNIT_IMPORT_INVALID';
  readonly httpStatus = 422;
  readonly messageVi: string;
  readonly details: { errorCount: number; errors: ImportRowError[] };
  constructor(errors: ImportRowError[]) {
    super(`the file has ${errors.length} problem(s); nothing was imported`);
    this.messageVi = `Tệp có ${errors.length} lỗi; chưa đơn vị nào được nhập. Sửa các dòng được nêu rồi nhập lại.`;
    this.details = { errorCount: errors.length, errors: errors.slice(0, MAX_LISTED_ERRORS) };
  }
}

const headingKey = (heading: string) => heading.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');

/** Rows of a CSV (UTF-8, with or without BOM, comma or semicolon) or XLSX file, keyed by column, with their line numbers. */
export async function readImportFile(
  body: Buffer,
  contentType: string,
): Promise<{ line: number; cells: Partial<Record<ColumnKey, string>> }[]> {
  const table = await importTable(body, contentType);
  if (table.length === 0) throw new OrgUnitImportError([{ row: 1, message: 'the file is empty', messageVi: 'Tệp không có dữ liệu.' }]);
  const [headings, ...rows] = table;
  const keys = headings.map((h) => COLUMNS.find((c) => (c.accepts as readonly string[]).includes(headingKey(h)))?.key);
  const missing = REQUIRED.filter((k) => !keys.includes(k));
  if (missing.length) {
    throw new OrgUnitImportError(
      missing.map((k) => ({
        row: 1,
        column: k,
        message: `missing column ${k}`,
        messageVi: `Thiếu cột "${columnVi(k)}" ở dòng tiêu đề.`,
      })),
    );
  }
  if (rows.length > MAX_IMPORT_ROWS) {
    throw new OrgUnitImportError([
      {
        row: 1,
        message: `at most ${MAX_IMPORT_ROWS} rows per file`,
        messageVi: `Mỗi tệp nhập tối đa ${MAX_IMPORT_ROWS.toLocaleString('vi-VN')} đơn vị.`,
      },
    ]);
  }
  return rows
    .map((cells, i) => ({
      line: i + 2,
      cells: Object.fromEntries(keys.flatMap((k, j) => (k ? [[k, (cells[j] ?? '').normalize('NFC').trim()]] : []))),
    }))
    .filter((r) => Object.values(r.cells).some((v) => v !== ''));
}

/** 'dd/mm/yyyy' (how an office writes it) or 'yyyy-mm-dd' → 'yyyy-mm-dd'; anything else is left for validation to refuse. */
function isoDate(text: string): string {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  return m ? `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}` : text;
}

export type UnitRegistration = Extract<OrgUnitEvent, { type: 'UnitRegistered' }>;

/**
 * Checks every row as a single registration would (the request DTO's rules, then the domain decider's), and
 * the file as a whole: ids unique in the file, parents registered or earlier in the file (a unit may not come
 * before its parent), units already registered identically are skipped, differently registered ones refused.
 * Throws OrgUnitImportError listing every problem; otherwise the events to append, parents first.
 */
export function planImport(
  rows: { line: number; cells: Partial<Record<ColumnKey, string>> }[],
  registry: ReadonlyMap<string, OrgUnit>,
): { events: UnitRegistration[]; skipped: number } {
  const errors: ImportRowError[] = [];
  const events: UnitRegistration[] = [];
  const inFile = new Map<string, number>();
  const planned = new Set<string>();
  let skipped = 0;
  for (const { line, cells } of rows) {
    const dto = plainToInstance(RegisterUnitDto, {
      id: cells.id ?? '',
      parentId: cells.parentId || null,
      level: cells.level ?? '',
      kind: cells.kind ?? '',
      canonicalName: cells.canonicalName ?? '',
      ...(cells.shortName ? { shortName: cells.shortName } : {}),
      aliases: (cells.aliases ?? '')
        .split(';')
        .map((a) => a.trim())
        .filter(Boolean),
      activeFrom: isoDate(cells.activeFrom ?? ''),
    });
    const invalid = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
    if (invalid.length) {
      for (const e of invalid) {
        errors.push({
          row: line,
          column: e.property,
          message: Object.values(e.constraints ?? {}).join('; '),
          messageVi: `Cột "${columnVi(e.property)}" không hợp lệ.`,
        });
      }
      continue;
    }
    const previous = inFile.get(dto.id);
    if (previous !== undefined) {
      errors.push({
        row: line,
        column: 'id',
        message: `id ${dto.id} also on line ${previous}`,
        messageVi: `Mã đơn vị "${dto.id}" trùng với dòng ${previous}.`,
      });
      continue;
    }
    inFile.set(dto.id, line);
    let event: UnitRegistration;
    try {
      [event] = orgUnitDecider.decide(
        {
          type: 'RegisterUnit',
          data: {
            unitId: dto.id,
            parentId: dto.parentId ?? null,
            level: dto.level,
            kind: dto.kind,
            canonicalName: dto.canonicalName,
            ...(dto.shortName ? { shortName: dto.shortName } : {}),
            aliases: dto.aliases ?? [],
            activeFrom: dto.activeFrom,
          },
        },
        orgUnitDecider.initialState(),
      ) as UnitRegistration[];
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      const field = (err.details as { field?: string } | undefined)?.field?.replace(/\[\d+\]$/, '');
      const column = COLUMNS.some((c) => c.key === field) ? field : field === 'unitId' ? 'id' : undefined;
      const messageVi =
        err.code === 'INVALID_DATE' && column
          ? `Cột "${columnVi(column)}" không phải một ngày có thật (ghi dd/mm/yyyy).`
          : column
            ? `Cột "${columnVi(column)}": ${err.messageVi}`
            : err.messageVi;
      errors.push({ row: line, ...(column ? { column } : {}), message: err.message, messageVi });
      continue;
    }
    const parentId = event.data.parentId;
    if (parentId !== null && !registry.has(parentId) && !planned.has(parentId)) {
      errors.push({
        row: line,
        column: 'parentId',
        message: `parent ${parentId} is neither registered nor on an earlier line`,
        messageVi: `Đơn vị cấp trên "${parentId}" chưa có trong danh mục, cũng không ở dòng nào phía trên.`,
      });
      continue;
    }
    const existing = registry.get(dto.id);
    if (existing) {
      if (sameUnit(existing, event)) skipped++;
      else
        errors.push({
          row: line,
          column: 'id',
          message: `unit ${dto.id} is already registered with other details`,
          messageVi: `Mã đơn vị "${dto.id}" đã có trong danh mục với thông tin khác (${existing.canonicalName}); muốn sửa, hãy sửa từng đơn vị.`,
        });
      continue;
    }
    events.push(event);
    planned.add(event.data.unitId);
  }
  if (errors.length) throw new OrgUnitImportError(errors);
  return { events, skipped };
}

function sameUnit(u: OrgUnit, e: UnitRegistration): boolean {
  const d = e.data;
  return (
    u.parentId === d.parentId &&
    u.level === d.level &&
    u.kind === d.kind &&
    u.canonicalName === d.canonicalName &&
    (u.shortName ?? '') === (d.shortName ?? '') &&
    u.activeFrom === d.activeFrom &&
    [...u.aliases].sort().join('\u0000') === [...d.aliases].sort().join('\u0000')
  );
}
