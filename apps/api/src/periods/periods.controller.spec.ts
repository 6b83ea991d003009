import { PeriodsController } from './periods.controller';

describe('GET /periods/suggestion (ND 09/2019 windows and working-day milestones)', () => {
  // The suggestion reads no database: the previous-cycle lookup's dependencies are not needed here.
  const periods = new PeriodsController(undefined as never, undefined as never);

  it('suggests the annual window 15/12 → 14/12 and the first working day after the cut-off as the deadline', () => {
    // 14/12/2026 is a Monday: the deadline is Tuesday 15/12; the later milestones skip the weekend.
    expect(periods.suggestion({ kind: 'annual', year: 2026 })).toEqual({
      kind: 'annual',
      year: 2026,
      label: 'năm 2026',
      dataFrom: '2025-12-15',
      dataTo: '2026-12-14',
      earliestDeadline: '2026-12-15',
      milestones: {
        submissionDeadline: '2026-12-15',
        reviewDue: '2026-12-18',
        commentsDue: '2026-12-23',
        signOffDue: '2026-12-25',
        distributionDue: '2026-12-29',
      },
    });
  });

  it('moves a deadline that falls on a weekend to the next working day (cut-off Saturday 14/6/2025 → Monday 16/6)', () => {
    const s = periods.suggestion({ kind: 'six-month', year: 2025 });
    expect(s).toMatchObject({
      label: '6 tháng đầu năm 2025',
      dataFrom: '2024-12-15',
      dataTo: '2025-06-14',
      earliestDeadline: '2025-06-16',
    });
    expect(s.milestones.submissionDeadline).toBe('2025-06-16');
  });

  it('gives a quarter its own window and label', () => {
    expect(periods.suggestion({ kind: 'quarter', year: 2026, index: 2 })).toMatchObject({
      index: 2,
      label: 'quý II năm 2026',
      dataFrom: '2026-03-15',
      dataTo: '2026-06-14',
    });
  });
});
