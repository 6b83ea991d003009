import { Button, Space } from 'antd';
import { num } from '../format';

/**
 * "Trang trước · Trang 2/7 · Trang sau" for a list the server pages by number (a figure's sources, the units missing
 * from the figures); nothing when everything fits on one page.
 */
export function NumberedPager({
  page,
  pages,
  onPage,
  label,
  className,
}: {
  page: number;
  pages: number;
  onPage: (page: number) => void;
  label: string;
  className?: string;
}) {
  if (pages <= 1) return null;
  return (
    <Space className={className} aria-label={label}>
      <Button disabled={page <= 1} onClick={() => onPage(page - 1)}>
        Trang trước
      </Button>
      <span>{`Trang ${num(page)}/${num(pages)}`}</span>
      <Button disabled={page >= pages} onClick={() => onPage(page + 1)}>
        Trang sau
      </Button>
    </Space>
  );
}
