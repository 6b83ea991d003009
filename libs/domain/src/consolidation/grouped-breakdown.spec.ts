import { DAN_VAN_ANNUAL_TEMPLATE } from '../templates/dan-van-annual.template';
import { consolidate, consolidatedIndicator } from './consolidate';
import { FOOTNOTE_UNITS_MAX, groupedBreakdownText } from './grouped-breakdown';
import { approved } from './test-fixtures';

const T = DAN_VAN_ANNUAL_TEMPLATE;

/** n communes (1 buổi each, commune 7 reports 9) and, when `mixed`, 3 women's unions (10 buổi each). */
function buoi(n: number, mixed: boolean) {
  const subs = Array.from({ length: n }, (_, i) =>
    approved(`xa-${i + 1}`, `Xã ${i + 1}`, 'DANG_UY_XA', { TT_BUOI: { value: i === 6 ? 9 : 1 } }, i + 1),
  );
  if (mixed) for (let k = 1; k <= 3; k++) subs.push(approved(`hlhpn-${k}`, `Hội LHPN ${k}`, 'HLHPN', { TT_BUOI: { value: 10 } }, 100 + k));
  return consolidatedIndicator(consolidate({ template: T, submissions: subs, unitOrder: subs.map((s) => s.unitId) }), 'TT_BUOI');
}

describe('the footnote of a figure summing many units', () => {
  it('counts the units, gives the subtotal per kind of organisation and names the largest, not every unit', () => {
    const ci = buoi(2_000, true);
    expect(ci.parts.length).toBeGreaterThan(FOOTNOTE_UNITS_MAX);
    expect(groupedBreakdownText(ci)).toBe(
      'tổng hợp từ 2.003 đơn vị; theo loại đơn vị: Đảng ủy xã, thị trấn (2.000 đơn vị) 2.008 buổi, Hội Liên hiệp Phụ nữ (3 đơn vị) 30 buổi; ' +
        'nhiều nhất: Hội LHPN 1 (10 buổi), Hội LHPN 2 (10 buổi), Hội LHPN 3 (10 buổi), Xã 7 (09 buổi), Xã 1 (01 buổi)',
    );
  });
  it('has no breakdown by kind when every unit is of one kind', () => {
    expect(groupedBreakdownText(buoi(40, false))).toBe(
      'tổng hợp từ 40 đơn vị; nhiều nhất: Xã 7 (09 buổi), Xã 1 (01 buổi), Xã 2 (01 buổi), Xã 3 (01 buổi), Xã 4 (01 buổi)',
    );
  });
});
