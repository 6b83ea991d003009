import { Segmented, Table, Tag, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, call, type Schemas } from '../../api/client';
import { CursorPager, useCursorPages } from '../../components/CursorPager';
import { QueryState } from '../../components/QueryState';
import { formatDateTime, num } from '../../format';

type Delivery = Schemas['ReceivedDeliveryDto'];
type Distribution = Schemas['DistributionDto'];
type Filter = 'all' | 'pending' | 'done';

const PAGE_SIZE = 20;
const PURPOSE_VI: Record<string, string> = { 'b/c': 'để báo cáo', 'đ/b': 'để biết', 't/d': 'để theo dõi' };
const FILTERS: { label: string; value: Filter }[] = [
  { label: 'Tất cả', value: 'all' },
  { label: 'Chưa xác nhận', value: 'pending' },
  { label: 'Đã xác nhận', value: 'done' },
];
const ACKNOWLEDGED: Record<Filter, 'true' | 'false' | undefined> = { all: undefined, pending: 'false', done: 'true' };

/**
 * The distributed report's Nơi nhận and receipts (văn thư): the counts from the report, the deliveries a page at a
 * time from the server (GET …/report/deliveries, in Nơi nhận order), filtered by receipt. Under the report's query
 * key, so a write on the report (or a refresh of it) reads the page again.
 */
export function ClerkDeliveries({ cycleId, distribution }: { cycleId: string; distribution: Distribution }) {
  const [filter, setFilter] = useState<Filter>('all');
  const pages = useCursorPages();
  const deliveries = useQuery({
    queryKey: ['report', cycleId, 'deliveries', filter, pages.cursor],
    placeholderData: keepPreviousData,
    queryFn: () =>
      call(
        api.GET('/cycles/{cycleId}/report/deliveries', {
          params: { path: { cycleId }, query: { limit: PAGE_SIZE, cursor: pages.cursor, acknowledged: ACKNOWLEDGED[filter] } },
        }),
      ),
  });
  const pending = distribution.deliveredCount - distribution.acknowledgedCount;

  return (
    <section aria-labelledby="clerk-receipts" className="block-gap">
      <h3 id="clerk-receipts" className="card-heading">{`Nơi nhận và xác nhận đã nhận (phát hành ${formatDateTime(distribution.at)})`}</h3>
      <Typography.Paragraph type="secondary" aria-live="polite">
        {`Đã gửi tới ${num(distribution.deliveredCount)} đơn vị; ${num(distribution.acknowledgedCount)} đơn vị đã xác nhận đã nhận, ${num(pending)} chưa xác nhận.`}
      </Typography.Paragraph>
      <Segmented
        className="block-gap"
        aria-label="Lọc theo xác nhận đã nhận"
        options={FILTERS}
        value={filter}
        onChange={(v) => {
          setFilter(v as Filter);
          pages.reset();
        }}
      />
      <QueryState query={deliveries} loadingLabel="Đang tải nơi nhận…">
        {({ items, total, nextCursor }) => (
          <>
            <Table<Delivery>
              className="block-gap"
              rowKey="unitId"
              size="small"
              scroll={{ x: 'max-content' }}
              dataSource={items}
              pagination={false}
              locale={{ emptyText: filter === 'pending' ? 'Tất cả đơn vị đã xác nhận đã nhận.' : 'Chưa có đơn vị nào.' }}
              columns={[
                { title: 'Đơn vị nhận', key: 'unit', render: (_, d) => d.unitName },
                { title: 'Nơi nhận', key: 'line', render: (_, d) => d.line },
                { title: 'Mục đích', key: 'purpose', render: (_, d) => (d.purpose ? (PURPOSE_VI[d.purpose] ?? d.purpose) : '—') },
                { title: 'Đã gửi', key: 'sent', render: (_, d) => formatDateTime(d.deliveredAt) },
                {
                  title: 'Đã nhận',
                  key: 'ack',
                  render: (_, d) =>
                    d.acknowledgedAt ? <Tag color="#237804">{formatDateTime(d.acknowledgedAt)}</Tag> : <Tag>Chưa xác nhận</Tag>,
                },
                { title: 'Người xác nhận', key: 'by', render: (_, d) => d.acknowledgedBy ?? '—' },
              ]}
            />
            {total > PAGE_SIZE && (
              <Typography.Paragraph
                type="secondary"
                className="block-gap"
              >{`${num(total)} đơn vị, ${PAGE_SIZE} đơn vị mỗi trang.`}</Typography.Paragraph>
            )}
            <CursorPager pages={pages} nextCursor={nextCursor} label="Chuyển trang danh sách nơi nhận" />
          </>
        )}
      </QueryState>
    </section>
  );
}
