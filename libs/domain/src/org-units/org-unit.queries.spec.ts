import type { OrgUnit } from './org-unit';
import { ancestorsOf, childrenOf, descendantsOf, isActiveDuring, matchUnitByName, wouldCreateCycle } from './org-unit.queries';
import { isKnownUnitKind, UNIT_KINDS, unitKindLabel } from './unit-kinds';

const unit = (id: string, parentId: string | null, canonicalName: string, extra: Partial<OrgUnit> = {}): OrgUnit => ({
  id,
  parentId,
  level: 'xa',
  kind: 'DANG_UY_XA',
  canonicalName,
  aliases: [],
  activeFrom: '2000-01-01',
  ...extra,
});

describe('isActiveDuring', () => {
  const u = { activeFrom: '2020-01-01', activeTo: '2025-06-30' };

  it.each([
    ['2022-12-15', '2023-12-14', true], // inside
    ['2019-12-15', '2020-01-01', true], // touches the first day
    ['2025-06-30', '2025-12-14', true], // touches the last day
    ['2019-01-01', '2019-12-31', false], // before
    ['2025-07-01', '2025-12-14', false], // after
    ['2019-01-01', '2026-01-01', true], // spans it
  ])('%s → %s: %p', (from, to, expected) => {
    expect(isActiveDuring(u, from, to)).toBe(expected);
  });

  it('an open-ended unit is active for any period from its first day', () => {
    expect(isActiveDuring({ activeFrom: '2020-01-01' }, '2030-01-01', '2030-12-31')).toBe(true);
    expect(isActiveDuring({ activeFrom: '2020-01-01' }, '2019-01-01', '2019-12-31')).toBe(false);
  });
});

describe('matchUnitByName', () => {
  const dakGlei = unit('dak-glei', null, 'Đắk Glei', { aliases: ['Đăk Glei'], level: 'huyen' });
  const dakGleiTown = unit('tt-dak-glei', 'dak-glei', 'Thị trấn Đắk Glei', { shortName: 'Dak Glei' });
  const banHon = unit('ban-hon', null, 'Bản Hòn', { aliases: ['Bản Hon'] });
  const sungPhai = unit('sung-phai', null, 'Sùng Phái');
  const sungPhai2 = unit('sung-phai-2', null, 'Sùng Phài');
  const units = [dakGlei, dakGleiTown, banHon, sungPhai, sungPhai2];

  it('matches the canonical name ignoring case and spacing', () => {
    expect(matchUnitByName(units, '  bản   HÒN ')).toEqual([
      { unit: banHon, matchedOn: 'canonicalName', matchedName: 'Bản Hòn', strategy: 'exact' },
    ]);
  });

  it('matches an alias', () => {
    expect(matchUnitByName(units, 'Bản Hon')).toEqual([{ unit: banHon, matchedOn: 'alias', matchedName: 'Bản Hon', strategy: 'exact' }]);
  });

  it('matches text typed in decomposed form (NFD) like the NFC name', () => {
    expect(matchUnitByName(units, 'Ba\u0309n Ho\u0300n').map((m) => m.unit.id)).toEqual(['ban-hon']);
  });

  it('matches a short name', () => {
    expect(matchUnitByName(units, 'dak glei')).toEqual([
      { unit: dakGleiTown, matchedOn: 'shortName', matchedName: 'Dak Glei', strategy: 'exact' },
    ]);
  });

  it('an exact match wins: the diacritic-insensitive fallback is not tried', () => {
    // 'Đăk Glei' is an alias of the district; the town's short name 'Dak Glei' would match only without marks.
    expect(matchUnitByName(units, 'Đăk Glei').map((m) => [m.unit.id, m.strategy])).toEqual([['dak-glei', 'exact']]);
  });

  it('falls back to ignoring diacritics and returns every candidate', () => {
    expect(matchUnitByName(units, 'Sung Phai')).toEqual([
      { unit: sungPhai, matchedOn: 'canonicalName', matchedName: 'Sùng Phái', strategy: 'diacritics_ignored' },
      { unit: sungPhai2, matchedOn: 'canonicalName', matchedName: 'Sùng Phài', strategy: 'diacritics_ignored' },
    ]);
  });

  it('returns nothing for an unknown or blank name', () => {
    expect(matchUnitByName(units, 'Nùng Nàng')).toEqual([]);
    expect(matchUnitByName(units, '   ')).toEqual([]);
  });
});

describe('tree queries', () => {
  // Tỉnh → 2 huyện → xã → bản
  const province = unit('P', null, 'Lai Châu', { level: 'tinh' });
  const d1 = unit('D1', 'P', 'Tam Đường', { level: 'huyen' });
  const d2 = unit('D2', 'P', 'Thành phố Lai Châu', { level: 'huyen' });
  const c1 = unit('C1', 'D1', 'Bản Bo');
  const c2 = unit('C2', 'D1', 'Khun Há');
  const c3 = unit('C3', 'D2', 'San Thàng');
  const h1 = unit('H1', 'C1', 'Bản Nà Bỏ', { level: 'thon' });
  const units = [h1, c3, c2, c1, d2, d1, province];

  it('childrenOf lists direct children in the given order', () => {
    expect(childrenOf(units, 'D1').map((u) => u.id)).toEqual(['C2', 'C1']);
  });

  it('descendantsOf walks any depth breadth-first, without the unit itself', () => {
    expect(descendantsOf(units, 'P').map((u) => u.id)).toEqual(['D2', 'D1', 'C3', 'C2', 'C1', 'H1']);
    expect(descendantsOf(units, 'D1').map((u) => u.id)).toEqual(['C2', 'C1', 'H1']);
    expect(descendantsOf(units, 'H1')).toEqual([]);
    expect(descendantsOf(units, 'unknown')).toEqual([]);
  });

  it('ancestorsOf walks up to the root, parent first', () => {
    expect(ancestorsOf(units, 'H1').map((u) => u.id)).toEqual(['C1', 'D1', 'P']);
    expect(ancestorsOf(units, 'P')).toEqual([]);
    expect(ancestorsOf(units, 'unknown')).toEqual([]);
  });

  it('ancestorsOf stops at a parent missing from the list', () => {
    expect(ancestorsOf([c1, h1], 'H1').map((u) => u.id)).toEqual(['C1']);
  });

  it('corrupt data with a loop does not hang either walk', () => {
    const a = unit('A', 'B', 'A');
    const b = unit('B', 'A', 'B');
    expect(descendantsOf([a, b], 'A').map((u) => u.id)).toEqual(['B']);
    expect(ancestorsOf([a, b], 'A').map((u) => u.id)).toEqual(['B']);
  });

  it('wouldCreateCycle detects a move under the unit itself or one of its descendants', () => {
    expect(wouldCreateCycle(units, 'D1', 'H1')).toBe(true);
    expect(wouldCreateCycle(units, 'D1', 'D1')).toBe(true);
    expect(wouldCreateCycle(units, 'C1', 'D2')).toBe(false);
    expect(wouldCreateCycle(units, 'C1', null)).toBe(false);
  });
});

describe('UNIT_KINDS', () => {
  it('labels the known kinds in Vietnamese', () => {
    expect(UNIT_KINDS.MTTQ).toBe('Mặt trận Tổ quốc');
    expect(UNIT_KINDS.DTN).toBe('Đoàn Thanh niên Cộng sản Hồ Chí Minh');
    expect(unitKindLabel('DANG_UY_XA')).toBe('Đảng ủy xã, thị trấn');
  });

  it('shows an unknown kind as its code', () => {
    expect(isKnownUnitKind('HOI_LUAT_GIA')).toBe(false);
    expect(unitKindLabel('HOI_LUAT_GIA')).toBe('HOI_LUAT_GIA');
    expect(isKnownUnitKind('toString')).toBe(false);
  });

  it('stores every label in NFC', () => {
    for (const label of Object.values(UNIT_KINDS)) expect(label).toBe(label.normalize('NFC'));
  });
});
