import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MissingUnits } from './MissingUnits';
import { useMissingUnits } from './report.hooks';

vi.mock('./report.hooks', () => ({ useMissingUnits: vi.fn() }));

/** 250 units with no approved submission: the API names 100 a page. */
function pageOf(page: number) {
  const first = (page - 1) * 100;
  const listed = Math.max(0, Math.min(100, 250 - first));
  return {
    cycleId: 'c',
    page,
    pageSize: 100,
    total: 250,
    units: Array.from({ length: listed }, (_, k) => ({ unitId: `u${first + k}`, unitName: `Xã ${first + k + 1}` })),
  };
}

describe('MissingUnits', () => {
  it('counts the units not in the figures and names them on request, a page at a time, in Vietnamese', async () => {
    const hook = vi.mocked(useMissingUnits);
    hook.mockImplementation(
      (_c: string, page: number, enabled: boolean) =>
        ({ data: enabled ? pageOf(page) : undefined, isPending: !enabled, error: null, refetch: vi.fn() }) as unknown as ReturnType<
          typeof useMissingUnits
        >,
    );
    render(<MissingUnits cycleId="c" total={1250} />);
    expect(screen.getByText(/Còn 1\.250 đơn vị chưa có báo cáo được duyệt/)).toBeInTheDocument();
    expect(screen.queryByRole('list')).not.toBeInTheDocument();
    expect(hook).toHaveBeenLastCalledWith('c', 1, false); // nothing asked before the list is opened

    await userEvent.click(screen.getByRole('button', { name: 'Xem danh sách' }));
    const list = screen.getByRole('list', { name: 'Đơn vị chưa có báo cáo được duyệt' });
    expect(list.querySelectorAll('li')).toHaveLength(100);
    expect(screen.getByText('Đơn vị thứ 1 đến 100:')).toBeInTheDocument();
    expect(screen.getByText('Trang 1/13')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Trang trước' })).toBeDisabled();

    await userEvent.click(screen.getByRole('button', { name: 'Trang sau' }));
    await userEvent.click(screen.getByRole('button', { name: 'Trang sau' }));
    expect(hook).toHaveBeenLastCalledWith('c', 3, true);
    expect(screen.getByText('Đơn vị thứ 201 đến 250:')).toBeInTheDocument();
    expect(screen.getByText('Xã 250')).toBeInTheDocument();
    expect(screen.queryByText(/u249/)).not.toBeInTheDocument(); // names, never ids
  });

  it('says nothing when every unit is in the figures', () => {
    const { container } = render(<MissingUnits cycleId="c" total={0} />);
    expect(container).toBeEmptyDOMElement();
  });
});
