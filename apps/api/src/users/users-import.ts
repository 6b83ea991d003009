import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { importTable } from '../common/import-table';
import { CreateUserDto } from './users.dto';

/** The columns of an account import file: key, Vietnamese heading, headings accepted. */
const COLUMNS = [
  { key: 'username', vi: 'Tên đăng nhập', accepts: ['username', 'tên đăng nhập'] },
  { key: 'displayName', vi: 'Họ và tên', accepts: ['displayname', 'name', 'họ và tên', 'họ tên', 'tên hiển thị'] },
  { key: 'email', vi: 'Thư điện tử', accepts: ['email', 'thư điện tử', 'e-mail'] },
  { key: 'roles', vi: 'Vai trò', accepts: ['roles', 'vai trò'] },
  { key: 'unitIds', vi: 'Mã đơn vị báo cáo', accepts: ['unitids', 'units', 'mã đơn vị báo cáo', 'đơn vị báo cáo', 'mã đơn vị'] },
  { key: 'officeUnitId', vi: 'Mã cơ quan', accepts: ['officeunitid', 'mã cơ quan', 'cơ quan'] },
  { key: 'password', vi: 'Mật khẩu tạm thời', accepts: ['password', 'mật khẩu', 'mật khẩu tạm thời'] },
] as const;
type ColumnKey = (typeof COLUMNS)[number]['key'];
const REQUIRED: ColumnKey[] = ['username', 'displayName', 'roles', 'password'];
const columnVi = (key: string) => COLUMNS.find((c) => c.key === key)?.vi ?? key;
const headingKey = (heading: string) => heading.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');

/** Vietnamese names of the roles an administrator writes in the file, besides the codes. */
const ROLE_NAMES_VI: Record<string, string> = {
  'cán bộ báo cáo': 'reporter',
  'báo cáo viên': 'reporter',
  'chuyên viên': 'coordinator',
  'điều phối': 'coordinator',
  'lãnh đạo ban': 'reviewer',
  'thẩm định': 'reviewer',
  'văn thư': 'clerk',
  'quản trị': 'admin',
};

export const MAX_ACCOUNT_ROWS = 25_000;
const MAX_LISTED_ERRORS = 200;

export interface AccountImportRowError {
  row: number;
  column?: string;
  message: string;
  messageVi: string;
}

/** A file that cannot be imported as it is: every problem found, by line, and no account created. */
export class AccountImportError extends Error {
  readonly code = 'ACCOUNT_IMPORT_INVALID';
  readonly httpStatus = 422;
  readonly messageVi: string;
  readonly details: { errorCount: number; errors: AccountImportRowError[] };
  constructor(errors: AccountImportRowError[]) {
    super(`the file has ${errors.length} problem(s); no account was created`);
    this.messageVi = `Tệp có ${errors.length} lỗi; chưa tài khoản nào được tạo. Sửa các dòng được nêu rồi nhập lại.`;
    this.details = { errorCount: errors.length, errors: errors.slice(0, MAX_LISTED_ERRORS) };
  }
}

export interface PlannedAccount {
  line: number;
  dto: CreateUserDto;
}

const list = (text: string | undefined) =>
  (text ?? '')
    .split(/[;,]/)
    .map((v) => v.trim())
    .filter(Boolean);

/** The rows of the file as account requests, each checked as POST /users would check it; problems thrown together. */
export async function readAccountFile(body: Buffer, contentType: string): Promise<PlannedAccount[]> {
  const table = await importTable(body, contentType);
  if (table.length === 0) throw new AccountImportError([{ row: 1, message: 'the file is empty', messageVi: 'Tệp không có dữ liệu.' }]);
  const [headings, ...rows] = table;
  const keys = headings.map((h) => COLUMNS.find((c) => (c.accepts as readonly string[]).includes(headingKey(h)))?.key);
  const missing = REQUIRED.filter((k) => !keys.includes(k));
  if (missing.length) {
    throw new AccountImportError(
      missing.map((k) => ({ row: 1, column: k, message: `missing column ${k}`, messageVi: `Thiếu cột "${columnVi(k)}" ở dòng tiêu đề.` })),
    );
  }
  if (rows.length > MAX_ACCOUNT_ROWS) {
    throw new AccountImportError([
      {
        row: 1,
        message: `at most ${MAX_ACCOUNT_ROWS} rows per file`,
        messageVi: `Mỗi tệp nhập tối đa ${MAX_ACCOUNT_ROWS.toLocaleString('vi-VN')} tài khoản.`,
      },
    ]);
  }
  const errors: AccountImportRowError[] = [];
  const planned: PlannedAccount[] = [];
  const seen = new Map<string, number>();
  rows.forEach((cells, i) => {
    const line = i + 2;
    const c = Object.fromEntries(keys.flatMap((k, j) => (k ? [[k, (cells[j] ?? '').normalize('NFC').trim()]] : []))) as Partial<
      Record<ColumnKey, string>
    >;
    if (!Object.values(c).some((v) => v !== '')) return;
    const dto = plainToInstance(CreateUserDto, {
      username: (c.username ?? '').toLowerCase(),
      displayName: c.displayName ?? '',
      password: c.password ?? '',
      roles: list(c.roles).map((r) => ROLE_NAMES_VI[r.toLowerCase()] ?? r.toLowerCase()),
      ...(c.email ? { email: c.email } : {}),
      ...(c.unitIds ? { unitIds: list(c.unitIds) } : {}),
      ...(c.officeUnitId ? { officeUnitId: c.officeUnitId } : {}),
    });
    const invalid = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
    for (const e of invalid) {
      errors.push({
        row: line,
        column: e.property,
        message: Object.values(e.constraints ?? {}).join('; '),
        messageVi: `Cột "${columnVi(e.property)}" không hợp lệ.`,
      });
    }
    if (invalid.length) return;
    const previous = seen.get(dto.username);
    if (previous !== undefined) {
      errors.push({
        row: line,
        column: 'username',
        message: `username ${dto.username} also on line ${previous}`,
        messageVi: `Tên đăng nhập "${dto.username}" trùng với dòng ${previous}.`,
      });
      return;
    }
    seen.set(dto.username, line);
    planned.push({ line, dto });
  });
  if (errors.length) throw new AccountImportError(errors);
  return planned;
}

/** Problems the registry and the existing accounts reveal: usernames taken, units or offices not registered. */
export function checkAgainstRegistry(
  planned: readonly PlannedAccount[],
  taken: ReadonlySet<string>,
  registered: ReadonlySet<string>,
): void {
  const errors: AccountImportRowError[] = [];
  for (const { line, dto } of planned) {
    if (taken.has(dto.username))
      errors.push({
        row: line,
        column: 'username',
        message: `username ${dto.username} is taken`,
        messageVi: `Tên đăng nhập "${dto.username}" đã có tài khoản.`,
      });
    const unknown = (dto.unitIds ?? []).filter((u) => !registered.has(u));
    if (unknown.length) {
      errors.push({
        row: line,
        column: 'unitIds',
        message: `units not registered: ${unknown.slice(0, 5).join(', ')}`,
        messageVi: `Đơn vị chưa có trong danh mục: ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? '…' : ''}.`,
      });
    }
    if (dto.officeUnitId && !registered.has(dto.officeUnitId)) {
      errors.push({
        row: line,
        column: 'officeUnitId',
        message: `office ${dto.officeUnitId} is not registered`,
        messageVi: `Cơ quan "${dto.officeUnitId}" chưa có trong danh mục.`,
      });
    }
  }
  if (errors.length) throw new AccountImportError(errors);
}
