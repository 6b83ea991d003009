import ExcelJS from 'exceljs';
import { ApiSession } from '../apps/api/src/demo/seed-demo';
import { eventCount, login, startStack, STARTUP_TIMEOUT_MS, type ApiStack } from './support/api-stack';
import { TEST_ADMIN_PASSWORD } from './infra/processes';

const CSV = 'text/csv; charset=utf-8';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Issue #16: an administrator creates the accounts of a whole registry from one CSV or Excel file, all or nothing. */
describe('POST /users/import', () => {
  let stack: ApiStack;
  let admin: ApiSession;
  const upload = (url: string, body: string | Buffer, type = CSV, token = admin.token) =>
    fetch(`${stack.api.url}${url}`, { method: 'POST', headers: { 'content-type': type, authorization: `Bearer ${token}` }, body }).then(
      async (res) => ({ status: res.status, body: (await res.json()) as any }),
    );

  beforeAll(async () => {
    stack = await startStack({ seed: false });
    admin = await login(stack.api.url, 'admin', TEST_ADMIN_PASSWORD);
    const units =
      'id,parentId,level,kind,canonicalName,activeFrom\ntinh-thu,,tinh,TINH_UY,Tỉnh ủy Thử,2020-01-01\n' +
      'bdv-thu,tinh-thu,tinh,BAN_DAN_VAN,Ban Dân vận Tỉnh ủy Thử,2020-01-01\n' +
      Array.from({ length: 600 }, (_, i) => `xa-thu-${i},tinh-thu,xa,DANG_UY_XA,Đảng ủy xã Thử ${i},2020-01-01\n`).join('');
    expect((await upload('/org-units/import', units)).status).toBe(200);
  }, STARTUP_TIMEOUT_MS);
  afterAll(() => stack?.stop());

  it('creates every account of a CSV with Vietnamese headings (roles by name, units separated by ";"), one UserCreated each; the accounts log in and must change the temporary password', async () => {
    const csv =
      '\uFEFFTên đăng nhập;Họ và tên;Thư điện tử;Vai trò;Mã đơn vị báo cáo;Mã cơ quan;Mật khẩu tạm thời\n' +
      'canbo.xa0;Lò Văn Một;mot@example.vn;Cán bộ báo cáo;xa-thu-0,xa-thu-1;;tam-thoi-2026-a\n' +
      'canbo.xa2;Lò Thị Hai;;reporter;xa-thu-2;;tam-thoi-2026-a\n' +
      'chuyenvien.thu;Nguyễn Văn Ba;ba@example.vn;Chuyên viên;;bdv-thu;tam-thoi-2026-b\n';
    const before = await eventCount(stack.db);
    expect(await upload('/users/import', csv)).toEqual({ status: 200, body: { rows: 3, created: 3 } });
    expect(await eventCount(stack.db)).toBe(before + 3);
    const session = await login(stack.api.url, 'canbo.xa0', 'tam-thoi-2026-a');
    const me = await session.call('GET', '/auth/me');
    expect(me.body).toMatchObject({
      username: 'canbo.xa0',
      displayName: 'Lò Văn Một',
      roles: ['reporter'],
      unitIds: ['xa-thu-0', 'xa-thu-1'],
      mustChangePassword: true,
    });
    const users = (await admin.call('GET', '/users')).body as { username: string; roles: string[]; officeUnitId: string | null }[];
    expect(users.find((u) => u.username === 'chuyenvien.thu')).toMatchObject({ roles: ['coordinator'], officeUnitId: 'bdv-thu' });
    // The same file again: every username is taken now, so nothing is created.
    const again = await upload('/users/import', csv);
    expect(again.status).toBe(422);
    expect(again.body.details.errors.map((e: any) => [e.row, e.column])).toEqual([
      [2, 'username'],
      [3, 'username'],
      [4, 'username'],
    ]);
    expect(await eventCount(stack.db)).toBe(before + 3);
  });

  it('refuses a file with problems as a whole, naming every line and column in Vietnamese; nothing is stored', async () => {
    const csv =
      'username,displayName,roles,unitIds,password\n' +
      'hop.le,Hợp Lệ,reporter,xa-thu-3,tam-thoi-2026-c\n' +
      'SAI TEN,Sai Tên,reporter,xa-thu-4,tam-thoi-2026-c\n' +
      'hop.le,Trùng Tên,reporter,xa-thu-5,tam-thoi-2026-c\n' +
      'vai.tro.la,Vai Trò Lạ,thu-truong,xa-thu-6,tam-thoi-2026-c\n' +
      'don.vi.la,Đơn Vị Lạ,reporter,xa-khong-co,tam-thoi-2026-c\n' +
      'mat.khau.ngan,Mật Khẩu Ngắn,reporter,xa-thu-7,ngan\n';
    const before = await eventCount(stack.db);
    const res = await upload('/users/import', csv);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      error: 'ACCOUNT_IMPORT_INVALID',
      messageVi: expect.stringMatching(/^Tệp có 4 lỗi; chưa tài khoản nào được tạo/),
    });
    expect(res.body.details.errors.map((e: any) => [e.row, e.column])).toEqual([
      [3, 'username'],
      [4, 'username'],
      [5, 'roles'],
      [7, 'password'],
    ]);
    expect(res.body.details.errors[1].messageVi).toBe('Tên đăng nhập "hop.le" trùng với dòng 2.');
    // The registry check runs once every row is well-formed: the unknown unit is named then.
    const unknownUnit = await upload(
      '/users/import',
      'username,displayName,roles,unitIds,password\ndon.vi.la,Đơn Vị Lạ,reporter,xa-khong-co,tam-thoi-2026-c\n',
    );
    expect(unknownUnit.body.details.errors).toEqual([
      { row: 2, column: 'unitIds', message: 'units not registered: xa-khong-co', messageVi: 'Đơn vị chưa có trong danh mục: xa-khong-co.' },
    ]);
    expect(await eventCount(stack.db)).toBe(before);
  });

  it('creates 500 reporter accounts from an Excel file in one call', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Tài khoản');
    sheet.addRow(['Tên đăng nhập', 'Họ và tên', 'Vai trò', 'Mã đơn vị báo cáo', 'Mật khẩu tạm thời']);
    for (let i = 100; i < 600; i++) sheet.addRow([`cb.xa${i}`, `Cán bộ xã ${i}`, 'reporter', `xa-thu-${i}`, 'tam-thoi-2026-d']);
    const res = await upload('/users/import', Buffer.from(await workbook.xlsx.writeBuffer()), XLSX);
    expect(res).toEqual({ status: 200, body: { rows: 500, created: 500 } });
    const session = await login(stack.api.url, 'cb.xa599', 'tam-thoi-2026-d');
    expect((await session.call('GET', '/auth/me')).body).toMatchObject({ unitIds: ['xa-thu-599'] });
  });

  it("is the administrator's: a coordinator is refused", async () => {
    const first = await login(stack.api.url, 'chuyenvien.thu', 'tam-thoi-2026-b');
    expect(
      (await first.call('POST', '/auth/password', { currentPassword: 'tam-thoi-2026-b', newPassword: 'mat-khau-rieng-2026' })).status,
    ).toBe(204);
    const coordinator = await login(stack.api.url, 'chuyenvien.thu', 'mat-khau-rieng-2026');
    const refused = await upload('/users/import', 'username\n', CSV, coordinator.token);
    expect({ status: refused.status, error: refused.body.error }).toEqual({ status: 403, error: 'FORBIDDEN' });
  });
});
