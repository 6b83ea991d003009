import { Button, Card, Grid, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { PageTitle } from '../../components/PageTitle';
import { EmptyState, QueryState } from '../../components/QueryState';
import { formatDateTime, reportName } from '../../format';
import { useReviewQueue, type ReviewItem } from './review.hooks';

const openPath = (i: ReviewItem) => `/cycles/${i.cycleId}/units/${i.unitId}`;
const cycleText = (i: ReviewItem) => reportName(i.reportTitle, i.periodLabel);

function Flags({ item }: { item: ReviewItem }) {
  return (
    <>
      {item.resubmission ? <Tag color="purple">Nộp lại</Tag> : <Tag>Nộp lần đầu</Tag>}
      {item.late && <Tag color="red">Nộp trễ hạn</Tag>}
    </>
  );
}

/** "Chờ duyệt": what waits for the reviewer across the cycles they review, oldest first; a row opens the submission. */
export function ReviewQueuePage() {
  // Cursors of the pages visited, so "Trang trước" goes back without the API keeping state.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors.at(-1) ?? null;
  const queue = useReviewQueue(cursor);
  const phone = !Grid.useBreakpoint().md;

  return (
    <>
      <PageTitle>Chờ duyệt</PageTitle>
      <QueryState query={queue} loadingLabel="Đang tải danh sách chờ duyệt…">
        {(page) =>
          page.items.length === 0 && cursors.length === 1 ? (
            <EmptyState description="Không có báo cáo nào đang chờ duyệt." />
          ) : (
            <>
              <p aria-live="polite">{`Có ${page.total} báo cáo đang chờ duyệt, báo cáo đến trước xếp trước.`}</p>
              {phone ? (
                <div className="card-list">
                  {page.items.map((i) => (
                    <Card key={`${i.cycleId}/${i.unitId}`} size="small" title={<Link to={openPath(i)}>{i.unitName}</Link>}>
                      <p className="no-margin">{cycleText(i)}</p>
                      <p className="no-margin">Nhận lúc {formatDateTime(i.submittedAt)}</p>
                      <Flags item={i} />
                    </Card>
                  ))}
                </div>
              ) : (
                <Table<ReviewItem>
                  rowKey={(i) => `${i.cycleId}/${i.unitId}`}
                  dataSource={page.items}
                  pagination={false}
                  columns={[
                    { title: 'Đơn vị', key: 'unit', render: (_, i) => <Link to={openPath(i)}>{i.unitName}</Link> },
                    { title: 'Kỳ báo cáo', key: 'cycle', render: (_, i) => `${cycleText(i)} — ${i.issuingBodyName}` },
                    { title: 'Nhận lúc', key: 'at', render: (_, i) => formatDateTime(i.submittedAt) },
                    { title: 'Lần nộp', key: 'flags', render: (_, i) => <Flags item={i} /> },
                  ]}
                />
              )}
              {(cursors.length > 1 || page.nextCursor) && (
                <Space className="block-gap-top">
                  <Button disabled={cursors.length === 1} onClick={() => setCursors(cursors.slice(0, -1))}>
                    Trang trước
                  </Button>
                  <Button disabled={!page.nextCursor} onClick={() => page.nextCursor && setCursors([...cursors, page.nextCursor])}>
                    Trang sau
                  </Button>
                </Space>
              )}
            </>
          )
        }
      </QueryState>
    </>
  );
}
