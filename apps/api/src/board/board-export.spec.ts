import { boardCsv, csvCell } from './board-export';
import type { BoardDto } from './board.dto';

describe('board CSV export', () => {
  it('neutralises text a spreadsheet would run as a formula (= + - @, tab, carriage return)', () => {
    expect(['=1+1', '+84 912', '-2', '@SUM(A1)', '\t=1', '\r=1'].map(csvCell)).toEqual([
      "'=1+1",
      "'+84 912",
      "'-2",
      "'@SUM(A1)",
      "'\t=1",
      `"'\r=1"`,
    ]);
  });
  it('keeps ordinary text and numbers (negative numbers included) as they are, quoting separators', () => {
    expect(['Hội LHPN huyện', 'a, b', 'say "x"', 3, -2].map(csvCell)).toEqual(['Hội LHPN huyện', '"a, b"', '"say ""x"""', '3', '-2']);
  });
  it('a unit named =HYPERLINK(…) leaves the file as text', () => {
    const unit = {
      unitName: '=HYPERLINK("http://example.invalid","Bấm")',
      unitKindLabel: 'Hội',
      levelLabel: 'Huyện',
      statusLabel: 'Chưa nộp',
      effectiveDeadline: '2026-12-16',
      timeliness: 'not_due',
    };
    const csv = boardCsv({ units: [unit] } as unknown as BoardDto).toString('utf8');
    expect(csv.split('\r\n')[1]).toBe(`1,"'=HYPERLINK(""http://example.invalid"",""Bấm"")",Hội,Huyện,Chưa nộp,16/12/2026,,,Chưa đến hạn,`);
  });
});
