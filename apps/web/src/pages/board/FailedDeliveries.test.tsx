import { render, screen } from '@testing-library/react';
import { FailedDeliveries } from './FailedDeliveries';
import type { FailedDelivery } from './board.hooks';

const failed = (i: number): FailedDelivery => ({
  notificationId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  kind: 'reminder',
  subject: `[Nhắc hạn] Báo cáo năm 2026 (${i})`,
  unitId: `dv-${i}`,
  unitName: `Xã số ${i}`,
  recipientName: 'Lý Văn Nam',
  email: `nam${i}@example.vn`,
  attempt: 1,
  error: '550 5.1.1 mailbox unavailable',
  attemptedAt: '2026-12-10T01:00:00.000Z',
  nextAttemptAt: '2026-12-10T01:05:00.000Z',
  gaveUp: false,
});

describe('FailedDeliveries', () => {
  it('counts every failed e-mail and says when only the oldest are listed', () => {
    render(<FailedDeliveries list={[failed(1), failed(2)]} total={1234} phone={false} />);
    expect(screen.getByRole('heading', { name: 'Thư điện tử gửi không thành công (1.234)' })).toBeInTheDocument();
    expect(screen.getByText(/Dưới đây là 2 thư cũ nhất; số thư lỗi của từng đơn vị có ở bảng theo dõi\./)).toBeInTheDocument();
    expect(screen.getAllByText('Máy chủ thư của người nhận từ chối (mã 550)')).toHaveLength(2);
  });

  it('lists them all without that remark when all are listed', () => {
    render(<FailedDeliveries list={[failed(1)]} total={1} phone />);
    expect(screen.getByRole('heading', { name: 'Thư điện tử gửi không thành công (1)' })).toBeInTheDocument();
    expect(screen.queryByText(/thư cũ nhất/)).toBeNull();
  });
});
