import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ApiError, NetworkError } from '../api/client';
import { QueryState } from './QueryState';

describe('QueryState', () => {
  it('says in Vietnamese that the connection failed and retries on "Thử lại"', async () => {
    const refetch = vi.fn();
    render(
      <QueryState query={{ data: undefined, error: new NetworkError('fetch failed'), isPending: false, refetch }}>
        {() => 'nội dung'}
      </QueryState>,
    );
    expect(screen.getByRole('alert')).toHaveTextContent('Không kết nối được với máy chủ');
    expect(screen.queryByText('fetch failed')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Thử lại' }));
    expect(refetch).toHaveBeenCalledTimes(1);
  });

  it("shows the API's messageVi, never its English message or code", () => {
    const err = new ApiError(403, 'FORBIDDEN', 'Bạn không có quyền thực hiện thao tác này.', { message: 'forbidden' });
    render(<QueryState query={{ data: undefined, error: err, isPending: false, refetch: () => {} }}>{() => 'nội dung'}</QueryState>);
    expect(screen.getByRole('alert')).toHaveTextContent('Bạn không có quyền thực hiện thao tác này.');
    expect(screen.getByRole('alert')).not.toHaveTextContent('FORBIDDEN');
  });

  it('shows a loading state, then the content', () => {
    const { rerender } = render(
      <QueryState query={{ data: undefined, error: null, isPending: true, refetch: () => {} }}>{(d: string) => d}</QueryState>,
    );
    expect(screen.getByRole('status')).toHaveTextContent('Đang tải');
    rerender(<QueryState query={{ data: 'nội dung', error: null, isPending: false, refetch: () => {} }}>{(d: string) => d}</QueryState>);
    expect(screen.getByText('nội dung')).toBeInTheDocument();
  });
});
