import type { BoardUnit } from './board.model';
import { pendingLineOf, pendingUnitsLine } from './pending-line';

describe('pendingLineOf: the pending line from counts, one line whatever the number of units', () => {
  it('names every pending unit when it was given them all', () => {
    expect(pendingLineOf({ expected: 8, pending: 2, names: ['Đảng ủy xã Bản Giang', 'Hội Cựu chiến binh huyện'] })).toBe(
      'còn 2/8 đơn vị chưa nộp báo cáo (Đảng ủy xã Bản Giang, Hội Cựu chiến binh huyện)',
    );
  });
  it('names the first ones and counts the rest, with thousands grouped', () => {
    expect(pendingLineOf({ expected: 20000, pending: 12345, names: ['Xã A', 'Xã B'] })).toBe(
      'còn 12.345/20.000 đơn vị chưa nộp báo cáo (Xã A, Xã B và 12.343 đơn vị khác)',
    );
  });
  it('says when everyone submitted, and when no one is expected', () => {
    expect(pendingLineOf({ expected: 3, pending: 0, names: [] })).toBe('3/3 đơn vị đã nộp báo cáo');
    expect(pendingLineOf({ expected: 0, pending: 0, names: [] })).toBe('không có đơn vị nào phải nộp báo cáo');
  });

  it('pendingUnitsLine names the first 30 pending units in board order and counts the rest', () => {
    const units = Array.from({ length: 40 }, (_, i) => ({ unitName: `Xã ${i + 1}`, expected: true, submitted: i >= 35 }) as BoardUnit);
    const line = pendingUnitsLine({ units });
    expect(line).toBe(
      `còn 35/40 đơn vị chưa nộp báo cáo (${units
        .slice(0, 30)
        .map((u) => u.unitName)
        .join(', ')} và 5 đơn vị khác)`,
    );
  });
});
