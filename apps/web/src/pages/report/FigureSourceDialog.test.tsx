import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FigureSourceDialog } from './FigureSourceDialog';
import { useFigureSources } from './report.hooks';

vi.mock('./report.hooks', () => ({ useFigureSources: vi.fn() }));

/** A figure of 250 units: the API lists 100 a page. */
function pageOf(page: number) {
  const first = (page - 1) * 100;
  const listed = Math.max(0, Math.min(100, 250 - first));
  return {
    cycleId: 'c',
    version: 1,
    passageId: 's2.1/p1',
    page,
    pageSize: 100,
    indicators: [
      {
        code: 'TT_BUOI',
        name: 'Số buổi tuyên truyền',
        unit: 'buổi',
        sourceCount: 250,
        sources: Array.from({ length: listed }, (_, k) => ({
          unitId: `u${first + k}`,
          unitName: `Xã ${first + k + 1}`,
          submissionVersion: 1,
          valueText: '3 buổi',
          sourceEventId: `e${first + k}`,
          approvedAt: '2026-12-18T02:00:00.000Z',
        })),
      },
    ],
  };
}

describe('FigureSourceDialog', () => {
  it('lists a figure of thousands of units a page at a time, in Vietnamese', async () => {
    const hook = vi.mocked(useFigureSources);
    hook.mockImplementation(
      (_c: string, _v: number, _p: string | null, page = 1) =>
        ({ data: pageOf(page), isPending: false, error: null, refetch: vi.fn() }) as unknown as ReturnType<typeof useFigureSources>,
    );
    render(<FigureSourceDialog cycleId="c" version={1} target={{ passageId: 's2.1/p1', figure: '750' }} onClose={() => {}} />);
    const region = screen.getByRole('region', { name: 'Số buổi tuyên truyền' });
    expect(region).toHaveTextContent('Tổng hợp từ báo cáo đã duyệt của 250 đơn vị (đơn vị thứ 1 đến 100):');
    expect(screen.getAllByRole('row')).toHaveLength(101);
    expect(screen.getByText('Trang 1/3')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Trang trước' })).toBeDisabled();

    await userEvent.click(screen.getByRole('button', { name: 'Trang sau' }));
    await userEvent.click(screen.getByRole('button', { name: 'Trang sau' }));
    expect(hook).toHaveBeenLastCalledWith('c', 1, 's2.1/p1', 3);
    expect(screen.getByRole('region', { name: 'Số buổi tuyên truyền' })).toHaveTextContent('(đơn vị thứ 201 đến 250)');
    expect(screen.getAllByRole('row')).toHaveLength(51);
    expect(screen.getByText('Xã 250')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Trang sau' })).toBeDisabled();
  });

  it('a figure of a few units shows them all, with no pages', () => {
    vi.mocked(useFigureSources).mockReturnValue({
      data: {
        ...pageOf(1),
        indicators: [{ ...pageOf(1).indicators[0], sourceCount: 3, sources: pageOf(1).indicators[0].sources.slice(0, 3) }],
      },
      isPending: false,
      error: null,
      refetch: vi.fn(),
    } as unknown as ReturnType<typeof useFigureSources>);
    render(<FigureSourceDialog cycleId="c" version={1} target={{ passageId: 's2.1/p1', figure: '9' }} onClose={() => {}} />);
    expect(screen.getByRole('region', { name: 'Số buổi tuyên truyền' })).toHaveTextContent('Tổng hợp từ báo cáo đã duyệt của 3 đơn vị:');
    expect(screen.queryByRole('button', { name: 'Trang sau' })).toBeNull();
  });
});
