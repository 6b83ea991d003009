import { catchDomainError } from '../shared/domain-error';
import { DAN_VAN_ANNUAL_TEMPLATE } from '../templates/dan-van-annual.template';
import { consolidate, consolidatedIndicator } from './consolidate';
import { checkCoverageList, coverageAmong, coverageLine, missingCoverageLine, unitsReached, type CoverageUnit } from './coverage';
import { approved } from './test-fixtures';

/** The 13 xã, thị trấn of Tam Đường in the order the district lists them. */
const COMMUNES: CoverageUnit[] = [
  ['thi-tran', 'Thị trấn'],
  ['ban-bo', 'Bản Bo'],
  ['ban-giang', 'Bản Giang'],
  ['ban-hon', 'Bản Hòn', 'Bản Hon'],
  ['binh-lu', 'Bình Lư'],
  ['giang-ma', 'Giang Ma'],
  ['ho-thau', 'Hồ Thầu'],
  ['khun-ha', 'Khun Há'],
  ['na-tam', 'Nà Tăm'],
  ['nung-nang', 'Nùng Nàng'],
  ['son-binh', 'Sơn Bình'],
  ['ta-leng', 'Tả Lèng'],
  ['then-sin', 'Thèn Sin'],
].map(([unitId, unitName, alias]) => ({ unitId, unitName, ...(alias ? { aliases: [alias] } : {}) }));

describe('coverage lines', () => {
  it('all covered: "13/13 xã, thị trấn" and no negative line', () => {
    const coverage = coverageAmong(
      COMMUNES,
      COMMUNES.map((u) => u.unitId),
    );
    expect(coverageLine(coverage, 'xã, thị trấn')).toBe('13/13 xã, thị trấn');
    expect(missingCoverageLine(coverage, 'xã', 'tổ chức hội nghị phản biện xã hội')).toBeUndefined();
  });

  it('the negative form names the missing units in the order given (DOMAIN §5)', () => {
    const population = [
      'thi-tran',
      'khun-ha',
      'then-sin',
      'ban-giang',
      'nung-nang',
      'ban-bo',
      'ban-hon',
      'binh-lu',
      'giang-ma',
      'ho-thau',
      'na-tam',
      'son-binh',
      'ta-leng',
    ].map((id) => COMMUNES.find((u) => u.unitId === id)!);
    const coverage = coverageAmong(population, ['ho-thau', 'giang-ma', 'na-tam', 'ban-bo', 'ban-hon', 'son-binh', 'binh-lu', 'ta-leng']);
    expect(coverageLine(coverage, 'xã, thị trấn')).toBe('8/13 xã, thị trấn');
    expect(missingCoverageLine(coverage, 'xã', 'tổ chức hội nghị phản biện xã hội')).toBe(
      'còn 5/13 xã chưa tổ chức hội nghị phản biện xã hội (Thị trấn, Khun Há, Thèn Sin, Bản Giang, Nùng Nàng)',
    );
  });

  it("derives who was reached from the communes' own figures (1/1 held, 0/1 not)", () => {
    const held = new Set(['ho-thau', 'giang-ma', 'na-tam', 'then-sin', 'ban-bo', 'ban-hon', 'thi-tran', 'son-binh']);
    const c = consolidate({
      template: DAN_VAN_ANNUAL_TEMPLATE,
      submissions: COMMUNES.map((u, i) =>
        approved(
          u.unitId,
          u.unitName,
          'DANG_UY_XA',
          {
            PBXH_XA_TO_CHUC: { numerator: held.has(u.unitId) ? 1 : 0, denominator: 1 },
          },
          i + 1,
        ),
      ),
    });
    const ci = consolidatedIndicator(c, 'PBXH_XA_TO_CHUC');
    expect(ci.total).toEqual({ numerator: 8, denominator: 13 });
    const coverage = coverageAmong(COMMUNES, unitsReached(ci));
    expect(missingCoverageLine(coverage, 'xã', 'tổ chức hội nghị phản biện xã hội')).toBe(
      'còn 5/13 xã chưa tổ chức hội nghị phản biện xã hội (Bản Giang, Bình Lư, Khun Há, Nùng Nàng, Tả Lèng)',
    );
  });

  it('refuses a covered unit outside the population, and a population with a unit twice', () => {
    expect(catchDomainError(() => coverageAmong(COMMUNES, ['phuong-1'])).code).toBe('COVERAGE_UNIT_UNKNOWN');
    expect(catchDomainError(() => coverageAmong([...COMMUNES, COMMUNES[0]], [])).code).toBe('COVERAGE_UNIT_DUPLICATE');
  });
});

describe('checkCoverageList', () => {
  const names = COMMUNES.map((u) => u.unitName);

  it('accepts a complete list, whatever the spelling variant, case or diacritics', () => {
    expect(checkCoverageList(COMMUNES, [...names.filter((n) => n !== 'Bản Hòn'), 'Bản Hon'])).toBeUndefined();
    expect(
      checkCoverageList(
        COMMUNES,
        names.map((n) => n.toUpperCase()),
      ),
    ).toBeUndefined();
  });

  it('finds a list that names 11 of 13 communes and loses two (DOMAIN §5)', () => {
    const listed = names.filter((n) => n !== 'Nà Tăm' && n !== 'Thèn Sin');
    expect(checkCoverageList(COMMUNES, listed)).toEqual({
      kind: 'coverage_list',
      code: 'COVERAGE_LIST_MISMATCH',
      severity: 'error',
      missing: [COMMUNES[8], COMMUNES[12]],
      unknown: [],
      duplicates: [],
      messageVi: 'Danh sách nêu 11/13 đơn vị: thiếu Nà Tăm, Thèn Sin.',
    });
  });

  it('reports names it does not know and names listed twice', () => {
    const finding = checkCoverageList(COMMUNES, [...names, 'Bản Hon', 'Phường Tân Phong']);
    expect(finding?.unknown).toEqual(['Phường Tân Phong']);
    expect(finding?.duplicates.map((u) => u.unitId)).toEqual(['ban-hon']);
    expect(finding?.messageVi).toBe('Danh sách nêu 13/13 đơn vị: không rõ Phường Tân Phong; nêu hai lần Bản Hòn.');
  });
});
