import { Button, Modal } from 'antd';
import { useState, type ReactNode } from 'react';
import { num } from '../format';
import { NumberedPager } from './NumberedPager';
import { ErrorNotice, Loading } from './QueryState';

interface PageQuery<D> {
  data: D | undefined;
  error: unknown;
  isPending: boolean;
  refetch: () => unknown;
}

/** Whether the dialog is open and which page it shows; a new `filterKey` starts the pages again. */
export function usePagedList(filterKey?: string) {
  const [open, setOpen] = useState(false);
  const [paging, setPaging] = useState({ key: filterKey, page: 1 });
  const page = paging.key === filterKey ? paging.page : 1;
  return {
    open,
    page,
    show: () => setOpen(true),
    hide: () => {
      setOpen(false);
      setPaging({ key: filterKey, page: 1 });
    },
    setPage: (p: number) => setPaging({ key: filterKey, page: p }),
  };
}
export type PagedList = ReturnType<typeof usePagedList>;

/**
 * A link button opening a dialog that lists what the server pages by number (the units missing from the figures,
 * the checks' findings): "<noun> thứ 201 đến 250:", the numbered list, and the pager. The caller holds the state
 * (`usePagedList`) and asks its page with it, only while `paging.open` (nothing is fetched before). `filter`
 * (optional) stands above the list.
 */
export function PagedListDialog<D extends { pageSize: number; total: number }, T>({
  button,
  title,
  listLabel,
  pagerLabel,
  loadingLabel,
  noun,
  paging,
  query,
  itemsOf,
  itemKey,
  renderItem,
  filter,
  total,
}: {
  button: string;
  title: string;
  listLabel: string;
  pagerLabel: string;
  loadingLabel: string;
  /** What the list counts, capitalised: "Đơn vị", "Mục". */
  noun: string;
  paging: PagedList;
  query: PageQuery<D>;
  itemsOf: (data: D) => readonly T[];
  itemKey: (item: T, index: number) => string;
  renderItem: (item: T) => ReactNode;
  filter?: ReactNode;
  /** The count the caller already has (else the page's). */
  total?: number;
}) {
  const { page, setPage } = paging;
  const data = query.data;
  const pageSize = data?.pageSize ?? 100;
  const pages = Math.max(1, Math.ceil((total ?? data?.total ?? 0) / pageSize));
  const first = (page - 1) * pageSize;
  const items = data ? itemsOf(data) : [];
  return (
    <>
      <Button type="link" onClick={paging.show}>
        {button}
      </Button>
      <Modal open={paging.open} title={title} footer={null} onCancel={paging.hide} destroyOnHidden>
        {filter}
        {query.isPending && <Loading label={loadingLabel} />}
        {query.error !== null && query.error !== undefined && <ErrorNotice error={query.error} onRetry={() => query.refetch()} />}
        {data && (
          <>
            {pages > 1 && <p>{`${noun} thứ ${num(first + 1)} đến ${num(first + items.length)}:`}</p>}
            <ol start={first + 1} aria-label={listLabel}>
              {items.map((item, i) => (
                <li key={itemKey(item, i)}>{renderItem(item)}</li>
              ))}
            </ol>
          </>
        )}
        <NumberedPager label={pagerLabel} page={page} pages={pages} onPage={setPage} />
      </Modal>
    </>
  );
}
