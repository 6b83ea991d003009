import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ClerkDeliveries } from './ClerkDeliveries';
import { useReportDeliveries, type DeliveryFilter } from './deliveries.hooks';

vi.mock('./deliveries.hooks', () => ({ useReportDeliveries: vi.fn() }));

/** 1,250 units of Nơi nhận, the first 5 of every 10 acknowledged; the server pages them by cursor ("p2", "p3", …). */
function pageOf(filter: DeliveryFilter, cursor: string | undefined, limit: number) {
  const all = Array.from({ length: 1250 }, (_, i) => ({
    unitId: `xa-${i}`,
    unitName: `Xã số ${i + 1}`,
    line: 'Các đảng ủy xã, thị trấn',
    purpose: 't/d',
    deliveredAt: '2026-12-28T03:00:00.000Z',
    ...(i % 10 < 5 ? { acknowledgedAt: '2026-12-29T02:30:00.000Z', acknowledgedBy: `Cán bộ xã ${i + 1}` } : {}),
  }));
  const kept = all.filter((d) => (filter === 'all' ? true : filter === 'done' ? d.acknowledgedAt : !d.acknowledgedAt));
  const page = cursor ? Number(cursor.slice(1)) : 1;
  const items = kept.slice((page - 1) * limit, page * limit);
  return { total: kept.length, items, nextCursor: page * limit < kept.length ? `p${page + 1}` : null };
}

const DISTRIBUTION = {
  at: '2026-12-28T03:00:00.000Z',
  by: { userId: 'u', name: 'Vàng Thị Mai (văn thư)' },
  deliveredCount: 1250,
  acknowledgedCount: 625,
};

describe('ClerkDeliveries', () => {
  it('counts from the report, lists a page from the server, pages by cursor and filters the unacknowledged, in Vietnamese', async () => {
    const hook = vi.mocked(useReportDeliveries);
    hook.mockImplementation(
      (_c: string, filter: DeliveryFilter, cursor: string | undefined, limit: number) =>
        ({ data: pageOf(filter, cursor, limit), isPending: false, error: null, refetch: vi.fn() }) as unknown as ReturnType<
          typeof useReportDeliveries
        >,
    );
    render(<ClerkDeliveries cycleId="c" distribution={DISTRIBUTION} />);
    expect(screen.getByText('Đã gửi tới 1.250 đơn vị; 625 đơn vị đã xác nhận đã nhận, 625 chưa xác nhận.')).toBeInTheDocument();
    expect(hook).toHaveBeenLastCalledWith('c', 'all', undefined, 20);
    const list = () => screen.getByRole('list', { name: 'Nơi nhận' }); // jsdom is narrow: a card per delivery
    expect(within(list()).getAllByRole('listitem')).toHaveLength(20);
    expect(within(list()).getByText('Xã số 1')).toBeInTheDocument();
    expect(within(list()).getByText(/Cán bộ xã 1$/)).toBeInTheDocument();
    expect(screen.getByText('1.250 đơn vị, 20 đơn vị mỗi trang.')).toBeInTheDocument();
    expect(screen.queryByText(/xa-0/)).not.toBeInTheDocument(); // names, never ids

    await userEvent.click(screen.getByRole('button', { name: 'Trang sau →' }));
    expect(hook).toHaveBeenLastCalledWith('c', 'all', 'p2', 20);
    expect(within(list()).getByText('Xã số 21')).toBeInTheDocument();
    expect(screen.getByText('Trang 2')).toBeInTheDocument();

    // A filter starts again from the first page.
    await userEvent.click(screen.getByText('Chưa xác nhận', { selector: '.ant-segmented-item-label' }));
    expect(hook).toHaveBeenLastCalledWith('c', 'pending', undefined, 20);
    expect(within(list()).getAllByText('Chưa xác nhận')).toHaveLength(20);
    expect(within(list()).getByText('Xã số 6')).toBeInTheDocument();
    expect(screen.getByText('625 đơn vị, 20 đơn vị mỗi trang.')).toBeInTheDocument();
  });
});
