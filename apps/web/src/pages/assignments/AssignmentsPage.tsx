import { Button, Card, Grid, Space, Table, Typography } from 'antd';
import { statusTone, ToneTag } from '../../components/ToneTag';
import { Link, useNavigate } from 'react-router';
import { PageTitle } from '../../components/PageTitle';
import { EmptyState, ErrorNotice, Loading } from '../../components/QueryState';
import { formatDate, reportName } from '../../format';
import { useAssignments, type Assignment } from '../submission/submission.hooks';

const PENDING = ['not_started', 'draft', 'returned'];

/** 'Còn 6 ngày', 'Hôm nay là hạn cuối', 'Quá hạn 3 ngày', 'Nộp muộn 2 ngày'. */
export function timeLine(
  a: Pick<Assignment, 'status' | 'daysLeft' | 'daysLate'>,
): { text: string; tone: 'danger' | 'warning' | 'secondary' } | null {
  const pending = PENDING.includes(a.status);
  if (pending && a.daysLate !== null && a.daysLate > 0) return { text: `Quá hạn ${a.daysLate} ngày`, tone: 'danger' };
  if (pending && a.daysLeft === 0) return { text: 'Hôm nay là hạn cuối', tone: 'warning' };
  if (pending && a.daysLeft !== null) return { text: `Còn ${a.daysLeft} ngày`, tone: a.daysLeft <= 3 ? 'warning' : 'secondary' };
  if (!pending && a.daysLate !== null && a.daysLate > 0) return { text: `Nộp muộn ${a.daysLate} ngày`, tone: 'secondary' };
  return null;
}

const actionLabel = (a: Assignment) =>
  a.status === 'returned'
    ? 'Sửa và nộp lại'
    : a.allowedActions.includes('submit')
      ? a.status === 'not_started'
        ? 'Làm báo cáo'
        : 'Tiếp tục soạn'
      : 'Xem';

const linkOf = (a: Assignment) => `/cycles/${a.cycleId}/units/${encodeURIComponent(a.unitId)}`;

function Status({ a }: { a: Assignment }) {
  return (
    <Space orientation="vertical" size={2}>
      <ToneTag tone={statusTone(a.status)}>{a.statusLabel}</ToneTag>
      {a.status === 'returned' && a.openReturnReasons > 0 && (
        <Typography.Text type="danger">{a.openReturnReasons} ý kiến cần sửa</Typography.Text>
      )}
    </Space>
  );
}

function Deadline({ a }: { a: Assignment }) {
  const line = timeLine(a);
  return (
    <Space orientation="vertical" size={2}>
      <span>
        {formatDate(a.deadline)}
        {a.extended ? ' (đã gia hạn)' : ''}
      </span>
      {line && (
        <Typography.Text type={line.tone} strong={line.tone !== 'secondary'}>
          {line.text}
        </Typography.Text>
      )}
    </Space>
  );
}

/** "Việc của tôi": every assignment of the user's units across cycles, most urgent first. */
export function AssignmentsPage() {
  const query = useAssignments();
  const phone = !Grid.useBreakpoint().md;
  const navigate = useNavigate();
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const total = query.data?.pages[0]?.total ?? 0;

  let body;
  if (query.isPending) body = <Loading />;
  else if (query.error && items.length === 0) body = <ErrorNotice error={query.error} onRetry={() => query.refetch()} />;
  else if (items.length === 0) body = <EmptyState description="Hiện chưa có báo cáo nào giao cho đơn vị của bạn." />;
  else if (phone) {
    body = (
      <ul className="card-list plain-list" aria-label="Danh sách báo cáo">
        {items.map((a) => (
          <li key={`${a.cycleId}/${a.unitId}`}>
            <Card size="small" title={<span className="card-title-wrap">{reportName(a.reportTitle, a.periodLabel)}</span>}>
              <p className="card-line">{a.unitName}</p>
              <p className="card-line">
                <Typography.Text type="secondary">Hạn nộp: </Typography.Text>
                <Deadline a={a} />
              </p>
              <div className="card-line">
                <Status a={a} />
              </div>
              <Link to={linkOf(a)}>
                <Button type="primary" block>
                  {actionLabel(a)}
                </Button>
              </Link>
            </Card>
          </li>
        ))}
      </ul>
    );
  } else {
    body = (
      <Table<Assignment>
        rowKey={(a) => `${a.cycleId}/${a.unitId}`}
        dataSource={items}
        pagination={false}
        onRow={(a) => ({ onDoubleClick: () => navigate(linkOf(a)) })}
        columns={[
          {
            title: 'Báo cáo',
            key: 'report',
            render: (_, a) => (
              <Space orientation="vertical" size={0}>
                <Typography.Text strong>{reportName(a.reportTitle, a.periodLabel)}</Typography.Text>
                <Typography.Text type="secondary">
                  {a.issuingBodyName} · {a.cyclePhaseLabel}
                </Typography.Text>
              </Space>
            ),
          },
          { title: 'Đơn vị', dataIndex: 'unitName', key: 'unit' },
          { title: 'Hạn nộp', key: 'deadline', render: (_, a) => <Deadline a={a} /> },
          { title: 'Trạng thái', key: 'status', render: (_, a) => <Status a={a} /> },
          {
            title: <span className="sr-only">Thao tác</span>,
            key: 'action',
            render: (_, a) => (
              <Link to={linkOf(a)}>
                <Button type="primary">{actionLabel(a)}</Button>
              </Link>
            ),
          },
        ]}
      />
    );
  }

  return (
    <>
      <PageTitle>Việc của tôi</PageTitle>
      {items.length > 0 && <Typography.Paragraph>Đơn vị của bạn có {total} báo cáo; việc gấp nhất ở trên cùng.</Typography.Paragraph>}
      {body}
      {query.hasNextPage && (
        <Button block className="block-gap-top" onClick={() => query.fetchNextPage()} loading={query.isFetchingNextPage}>
          Xem thêm
        </Button>
      )}
      {query.error && items.length > 0 && <ErrorNotice error={query.error} onRetry={() => query.fetchNextPage()} />}
    </>
  );
}
