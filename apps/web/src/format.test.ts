import { formatDate, formatDateTime, num, reportName } from './format';

describe('Vietnamese formatting on screens', () => {
  it('writes dates dd/mm/yyyy and numbers 1.234,5', () => {
    expect(formatDate('2026-12-16')).toBe('16/12/2026');
    expect(formatDateTime('2026-12-16T07:32:00')).toBe('16/12/2026 07:32');
    expect(num(1234.5)).toBe('1.234,5');
    expect(num(null)).toBe('');
  });

  it('names a report without repeating the word its title and period share', () => {
    expect(reportName('Báo cáo tổng kết công tác dân vận năm', 'năm 2026')).toBe('Báo cáo tổng kết công tác dân vận năm 2026');
    expect(reportName('Báo cáo sơ kết', '6 tháng đầu năm 2026')).toBe('Báo cáo sơ kết 6 tháng đầu năm 2026');
  });
});
