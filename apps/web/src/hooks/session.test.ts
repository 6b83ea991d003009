import { homePath, menuFor, safeNext } from './session';

describe('where a user lands and what the menu offers', () => {
  it('sends reporters to Việc của tôi, reviewers to Chờ duyệt, other office roles to the cycles', () => {
    expect(homePath({ roles: ['reporter'] })).toBe('/assignments');
    expect(homePath({ roles: ['reviewer'] })).toBe('/reviews');
    expect(homePath({ roles: ['signer'] })).toBe('/cycles');
  });

  it("shows only the pages of the user's roles", () => {
    expect(menuFor({ roles: ['reporter'] }).map((e) => e.label)).toEqual(['Việc của tôi', 'Văn bản đến', 'Thông báo', 'Tài khoản']);
    expect(menuFor({ roles: ['coordinator'] }).map((e) => e.label)).toEqual(['Kỳ báo cáo', 'Mẫu báo cáo', 'Thông báo', 'Tài khoản']);
    expect(menuFor({ roles: ['admin'] }).map((e) => e.label)).toEqual([
      'Kỳ báo cáo',
      'Mẫu báo cáo',
      'Cơ cấu tổ chức',
      'Người dùng',
      'Thông báo',
      'Tài khoản',
    ]);
  });

  it('follows a next parameter only inside the app', () => {
    expect(safeNext('/cycles/1/units/u')).toBe('/cycles/1/units/u');
    expect(safeNext('//evil.example')).toBeNull();
    expect(safeNext('https://evil.example')).toBeNull();
    expect(safeNext('/login?next=/x')).toBeNull();
    expect(safeNext(null)).toBeNull();
  });
});
