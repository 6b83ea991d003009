import ExcelJS from 'exceljs';
import { ApiSession } from '../apps/api/src/demo/seed-demo';
import { eventCount, login, request, startStack, STARTUP_TIMEOUT_MS, type ApiStack } from './support/api-stack';
import { eventually, TEST_ADMIN_PASSWORD } from './infra/processes';

const CSV = 'text/csv; charset=utf-8';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Issue #16: an administrator registers a whole registry from a CSV or Excel file, all or nothing. */
describe('POST /org-units/import', () => {
  let stack: ApiStack;
  let admin: ApiSession;
  const upload = (body: string | Buffer, type = CSV, token = admin.token) =>
    fetch(`${stack.api.url}/org-units/import`, {
      method: 'POST',
      headers: { 'content-type': type, authorization: `Bearer ${token}` },
      body,
    }).then(async (res) => ({ status: res.status, body: (await res.json()) as any }));
  const unitsUnder = async (parentId: string) =>
    (await admin.call('GET', `/org-units?parentId=${parentId}`)).body as {
      id: string;
      canonicalName: string;
      aliases: string[];
      activeFrom: string;
    }[];

  beforeAll(async () => {
    stack = await startStack({ seed: false });
    admin = await login(stack.api.url, 'admin', TEST_ADMIN_PASSWORD);
  }, STARTUP_TIMEOUT_MS);
  afterAll(() => stack?.stop());

  it('registers the units of a CSV with Vietnamese headings (BOM, semicolons, dd/mm/yyyy, parents first), one event each; the same file again registers nothing twice', async () => {
    const csv =
      '\uFEFFMã đơn vị;Mã cấp trên;Cấp;Loại tổ chức;Tên đơn vị;Tên ngắn;Tên gọi khác;Hoạt động từ ngày\n' +
      'tinh-lai-chau;;tinh;TINH_UY;Tỉnh ủy Lai Châu;Lai Châu;;01/07/2025\n' +
      'xa-ban-hon;tinh-lai-chau;xa;DANG_UY_XA;Đảng ủy xã Bản Hon;Bản Hon;"Bản Hòn; Xã Bản Hon";01/07/2025\n' +
      'xa-sung-phai;tinh-lai-chau;xa;DANG_UY_XA;Đảng ủy xã Sùng Phài;Sùng Phài;Sùng Phái;2025-07-01\n';
    const before = await eventCount(stack.db);
    const res = await upload(csv);
    expect(res).toEqual({ status: 200, body: { rows: 3, registered: 3, skipped: 0 } });
    expect(await eventCount(stack.db)).toBe(before + 3);
    const communes = await eventually(
      async () => {
        const u = await unitsUnder('tinh-lai-chau');
        return u.length === 2 && u;
      },
      20000,
      'the communes in the registry',
    );
    expect(communes.map((u) => [u.id, u.canonicalName, u.aliases, u.activeFrom])).toEqual([
      ['xa-ban-hon', 'Đảng ủy xã Bản Hon', ['Bản Hòn', 'Xã Bản Hon'], '2025-07-01'],
      ['xa-sung-phai', 'Đảng ủy xã Sùng Phài', ['Sùng Phái'], '2025-07-01'],
    ]);
    const chain = await admin.call('GET', '/audit/verify?streamId=orgunit-xa-ban-hon');
    expect(chain.body).toMatchObject({ checkedEvents: 1, broken: [] });

    expect(await upload(csv)).toEqual({ status: 200, body: { rows: 3, registered: 0, skipped: 3 } });
    expect(await eventCount(stack.db)).toBe(before + 3);
  });

  it('refuses a file with problems as a whole, naming every line and column in Vietnamese; nothing is stored', async () => {
    const csv =
      'id,parentId,level,kind,canonicalName,activeFrom\n' +
      'xa-moi-1,tinh-lai-chau,xa,DANG_UY_XA,Đảng ủy xã Mới Một,2025-07-01\n' +
      'XA KHONG HOP LE,tinh-lai-chau,xa,DANG_UY_XA,Đảng ủy xã Sai Mã,2025-07-01\n' +
      'xa-moi-1,tinh-lai-chau,xa,DANG_UY_XA,Đảng ủy xã Trùng Mã,2025-07-01\n' +
      'xa-moi-2,khong-co-cap-tren,xa,DANG_UY_XA,Đảng ủy xã Mồ Côi,2025-07-01\n' +
      'xa-ban-hon,tinh-lai-chau,xa,DANG_UY_XA,Đảng ủy xã Bản Hon đổi tên,2025-07-01\n' +
      'xa-moi-3,tinh-lai-chau,xa,DANG_UY_XA,Đảng ủy xã Ngày Sai,31/02/2025\n';
    const before = await eventCount(stack.db);
    const res = await upload(csv);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      statusCode: 422,
      error: 'ORG_UNIT_IMPORT_INVALID',
      messageVi: 'Tệp có 5 lỗi; chưa đơn vị nào được nhập. Sửa các dòng được nêu rồi nhập lại.',
    });
    expect(res.body.details.errorCount).toBe(5);
    expect(res.body.details.errors.map((e: any) => [e.row, e.column, e.messageVi])).toEqual([
      [3, 'id', 'Cột "Mã đơn vị" không hợp lệ.'],
      [4, 'id', 'Mã đơn vị "xa-moi-1" trùng với dòng 2.'],
      [5, 'parentId', 'Đơn vị cấp trên "khong-co-cap-tren" chưa có trong danh mục, cũng không ở dòng nào phía trên.'],
      [6, 'id', 'Mã đơn vị "xa-ban-hon" đã có trong danh mục với thông tin khác (Đảng ủy xã Bản Hon); muốn sửa, hãy sửa từng đơn vị.'],
      [7, 'activeFrom', 'Cột "Hoạt động từ ngày" không phải một ngày có thật (ghi dd/mm/yyyy).'],
    ]);
    expect(await eventCount(stack.db)).toBe(before);
  });

  it('reads an Excel workbook (dates as date cells) the same way', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Danh mục');
    sheet.addRow(['Mã đơn vị', 'Mã cấp trên', 'Cấp', 'Loại tổ chức', 'Tên đơn vị', 'Hoạt động từ ngày']);
    sheet.addRow(['xa-nam-tam', 'tinh-lai-chau', 'xa', 'DANG_UY_XA', 'Đảng ủy xã Nậm Tăm', new Date(Date.UTC(2025, 6, 1))]);
    const res = await upload(Buffer.from(await wb.xlsx.writeBuffer()), XLSX);
    expect(res).toEqual({ status: 200, body: { rows: 1, registered: 1, skipped: 0 } });
    await eventually(
      async () => (await unitsUnder('tinh-lai-chau')).some((u) => u.id === 'xa-nam-tam' && u.activeFrom === '2025-07-01'),
      20000,
      'the unit in the registry',
    );
  });

  it('a missing heading, an empty body, or a body that is not UTF-8: 4xx naming it, nothing stored', async () => {
    const before = await eventCount(stack.db);
    const noKind = await upload('id,level,canonicalName,activeFrom\nxa-a,xa,Xã A,2025-07-01\n');
    expect(noKind.status).toBe(422);
    expect(noKind.body.details.errors).toEqual([
      { row: 1, column: 'kind', message: 'missing column kind', messageVi: 'Thiếu cột "Loại tổ chức" ở dòng tiêu đề.' },
    ]);
    const empty = await request(stack.api.url, 'POST', '/org-units/import', {
      token: admin.token,
      body: '',
      headers: { 'content-type': CSV },
    });
    expect({ status: empty.status, error: empty.body.error }).toEqual({ status: 400, error: 'IMPORT_FILE_REQUIRED' });
    const latin1 = await upload(Buffer.from('id,kind,level,canonicalName,activeFrom\nxa-b,DANG_UY_XA,xa,X\xe3 B,2025-07-01\n', 'latin1'));
    expect(latin1).toEqual({
      status: 400,
      body: {
        statusCode: 400,
        error: 'IMPORT_FILE_NOT_UTF8',
        message: 'a CSV file must be UTF-8',
        messageVi: 'Tệp CSV phải được lưu với bảng mã UTF-8 (trong Excel: "CSV UTF-8").',
      },
    });
    expect(await eventCount(stack.db)).toBe(before);
  });
});
