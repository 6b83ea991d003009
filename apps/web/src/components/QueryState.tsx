import { Alert, Button, Empty, Spin } from 'antd';
import type { ReactNode } from 'react';
import { messageOf, NetworkError } from '../api/client';

/** The failure of a request, in Vietnamese, with "Thử lại" when trying again can help. */
export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const network = error instanceof NetworkError;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={network ? 'Mất kết nối' : 'Không tải được dữ liệu'}
      description={messageOf(error)}
      action={onRetry ? <Button onClick={onRetry}>Thử lại</Button> : undefined}
    />
  );
}

export function Loading({ label = 'Đang tải…' }: { label?: string }) {
  return (
    <div className="state-center" role="status" aria-live="polite">
      <Spin />
      <span>{label}</span>
    </div>
  );
}

export function EmptyState({ description }: { description: ReactNode }) {
  return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={description} />;
}

interface QueryLike<T> {
  data: T | undefined;
  error: unknown;
  isPending: boolean;
  refetch: () => unknown;
}

/** Loading, error (with "Thử lại") or the content for a TanStack query. */
export function QueryState<T>({
  query,
  children,
  loadingLabel,
}: {
  query: QueryLike<T>;
  children: (data: T) => ReactNode;
  loadingLabel?: string;
}) {
  if (query.isPending) return <Loading label={loadingLabel} />;
  if (query.error || query.data === undefined) return <ErrorNotice error={query.error} onRetry={() => query.refetch()} />;
  return <>{children(query.data)}</>;
}
