import { Card, Grid, Segmented, Table, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { Schemas } from '../../api/client';
import { CursorPager, useCursorPages } from '../../components/CursorPager';
import { keyboardScrollable } from '../../components/keyboard-scrollable';
import { QueryState } from '../../components/QueryState';
import { formatDateTime, num } from '../../format';
import { useReportDeliveries, type DeliveryFilter as Filter } from './deliveries.hooks';

type Delivery = Schemas['ReceivedDeliveryDto'];
type Distribution = Schemas['DistributionDto'];

const PAGE_SIZE = 20;
const PURPOSE_VI: Record<string, string> = { 'b/c': 'để báo cáo', 'đ/b': 'để biết', 't/d': 'để theo dõi' };
const FILTERS: { label: string; value: Filter }[] = [
  { label: 'Tất cả', value: 'all' },
  { label: 'Chưa xác nhận', value: 'pending' },
  { label: 'Đã xác nhận', value: 'done' },
];

const EMPTY: Record<Filter, string> = {
  all: 'Chưa gửi tới đơn vị nào.',
  pending: 'Tất cả đơn vị đã xác nhận đã nhận.',
  done: 'Chưa có đơn vị nào xác nhận đã nhận.',
};
/** The Nơi nhận line with its purpose, as the document reads: "Tỉnh ủy Lai Châu (để báo cáo)". */
const lineOf = (d: Delivery) => (d.purpose ? `${d.line} (${PURPOSE_VI[d.purpose] ?? d.purpose})` : d.line);
const Receipt = ({ d }: { d: Delivery }) =>
  d.acknowledgedAt ? <Tag color="#237804">{formatDateTime(d.acknowledgedAt)}</Tag> : <Tag>Chưa xác nhận</Tag>;

/** A phone: one card per delivery (a table's columns would scroll the receipt out of sight). */
function DeliveryCards({ items }: { items: Delivery[] }) {
  return (
    <ul className="card-list plain-list block-gap" aria-label="Nơi nhận">
      {items.map((d) => (
        <li key={d.unitId}>
          <Card size="small" title={d.unitName}>
            <p className="no-margin">{`Nơi nhận: ${lineOf(d)}`}</p>
            <p className="no-margin">{`Đã gửi: ${formatDateTime(d.deliveredAt)}`}</p>
            <p className="no-margin">
              Đã nhận: <Receipt d={d} />
              {d.acknowledgedBy ? ` ${d.acknowledgedBy}` : ''}
            </p>
          </Card>
        </li>
      ))}
    </ul>
  );
}

/**
 * The distributed report's Nơi nhận and receipts (văn thư): the counts from the report, the deliveries a page at a
 * time from the server (GET …/report/deliveries, in Nơi nhận order), filtered by receipt.
 */
export function ClerkDeliveries({ cycleId, distribution }: { cycleId: string; distribution: Distribution }) {
  const [filter, setFilter] = useState<Filter>('all');
  const pages = useCursorPages();
  const deliveries = useReportDeliveries(cycleId, filter, pages.cursor, PAGE_SIZE);
  const phone = !Grid.useBreakpoint().md;
  const box = useRef<HTMLElement>(null);
  // The page arrives after the report page has rendered: its table, if wider than the screen, takes the focus here.
  useEffect(() => keyboardScrollable(box.current), [deliveries.data, phone]);
  const pending = distribution.deliveredCount - distribution.acknowledgedCount;

  return (
    <section aria-labelledby="clerk-receipts" className="block-gap" ref={box}>
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
            {phone ? (
              items.length === 0 ? (
                <Typography.Paragraph className="block-gap">{EMPTY[filter]}</Typography.Paragraph>
              ) : (
                <DeliveryCards items={items} />
              )
            ) : (
              <Table<Delivery>
                className="block-gap"
                rowKey="unitId"
                size="small"
                dataSource={items}
                pagination={false}
                locale={{ emptyText: EMPTY[filter] }}
                columns={[
                  { title: 'Đơn vị nhận', key: 'unit', render: (_, d) => d.unitName },
                  { title: 'Nơi nhận (mục đích)', key: 'line', render: (_, d) => lineOf(d) },
                  { title: 'Đã gửi', key: 'sent', render: (_, d) => formatDateTime(d.deliveredAt) },
                  { title: 'Đã nhận', key: 'ack', render: (_, d) => <Receipt d={d} /> },
                  { title: 'Người xác nhận', key: 'by', render: (_, d) => d.acknowledgedBy ?? '—' },
                ]}
              />
            )}
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
