import { Button, Space } from 'antd';
import { useState } from 'react';

/**
 * Keyset paging for a list the server pages with `nextCursor`: the cursors of the pages seen are kept, so
 * "Trang trước" goes back without the server needing offsets. `reset` when a filter changes.
 */
export function useCursorPages() {
  const [stack, setStack] = useState<(string | undefined)[]>([undefined]);
  const cursor = stack[stack.length - 1];
  return {
    cursor,
    page: stack.length,
    next: (nextCursor: string) => setStack((s) => [...s, nextCursor]),
    previous: () => setStack((s) => (s.length > 1 ? s.slice(0, -1) : s)),
    reset: () => setStack([undefined]),
  };
}

export function CursorPager({
  pages,
  nextCursor,
  label,
}: {
  pages: ReturnType<typeof useCursorPages>;
  nextCursor: string | null | undefined;
  label: string;
}) {
  if (pages.page === 1 && !nextCursor) return null;
  return (
    <nav aria-label={label} className="cursor-pager">
      <Space wrap>
        <Button onClick={pages.previous} disabled={pages.page === 1}>
          ← Trang trước
        </Button>
        <span aria-live="polite">Trang {pages.page}</span>
        <Button onClick={() => nextCursor && pages.next(nextCursor)} disabled={!nextCursor}>
          Trang sau →
        </Button>
      </Space>
    </nav>
  );
}
