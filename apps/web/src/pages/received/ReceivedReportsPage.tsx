import { CheckOutlined, DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { messageOf } from '../../api/client';
import { PageTitle } from '../../components/PageTitle';
import { EmptyState, ErrorNotice, Loading } from '../../components/QueryState';
import { formatDate, formatDateTime } from '../../format';
import { docxUrl } from '../report/report.hooks';
import { useAcknowledge, useReceivedReports, type ReceivedDelivery, type ReceivedReport } from './received.hooks';
import './received.css';

const PURPOSE: Record<string, string> = { 'b/c': 'để báo cáo', 'đ/b': 'để biết', 't/d': 'để theo dõi' };

/**
 * "Văn bản đến": the reports distributed to the user's units; for each unit it was sent to, whether the unit
 * has confirmed receipt (who, when) or a button to confirm it. Read the document on its page or as DOCX.
 */
export function ReceivedReportsPage() {
  const query = useReceivedReports();
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  let body;
  if (query.isPending) body = <Loading />;
  else if (query.error && items.length === 0) body = <ErrorNotice error={query.error} onRetry={() => query.refetch()} />;
  else if (items.length === 0) body = <EmptyState description="Chưa có văn bản nào được gửi đến đơn vị của bạn." />;
  else {
    body = (
      <ul className="plain-list received-list" aria-label="Văn bản đến">
        {items.map((r) => (
          <li key={r.cycleId}>
            <ReceivedCard report={r} />
          </li>
        ))}
      </ul>
    );
  }
  return (
    <>
      <PageTitle>Văn bản đến</PageTitle>
      <Typography.Paragraph>
        Các báo cáo đã ban hành gửi đến đơn vị của bạn, mới nhất ở trên cùng. Khi đã nhận, hãy bấm “Xác nhận đã nhận”.
      </Typography.Paragraph>
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

function ReceivedCard({ report: r }: { report: ReceivedReport }) {
  const recalled = r.status === 'recalled';
  return (
    <Card
      size="small"
      className="block-gap"
      title={<h2 className="card-heading card-title-wrap">{r.title}</h2>}
      extra={recalled ? <Tag color="#a8071a">Đã thu hồi</Tag> : null}
    >
      <p className="card-line">
        {[r.numberText, r.date ? `ngày ${formatDate(r.date)}` : '', `nơi ban hành: ${r.issuingBody}`].filter(Boolean).join(', ')}
      </p>
      {recalled && r.recallReason && (
        <Alert className="block-gap" type="warning" showIcon title={`Văn bản đã bị thu hồi. Lý do: ${r.recallReason}`} />
      )}
      {r.deliveries.map((d) => (
        <DeliveryLine key={d.unitId} cycleId={r.cycleId} delivery={d} recalled={recalled} />
      ))}
      <Space wrap className="block-gap-top">
        <Link to={`/cycles/${r.cycleId}/report`}>Xem văn bản</Link>
        <Button icon={<DownloadOutlined aria-hidden />} href={docxUrl(r.cycleId)}>
          Tải DOCX
        </Button>
      </Space>
    </Card>
  );
}

function DeliveryLine({ cycleId, delivery: d, recalled }: { cycleId: string; delivery: ReceivedDelivery; recalled: boolean }) {
  const ack = useAcknowledge();
  const purpose = d.purpose ? ` (${PURPOSE[d.purpose] ?? d.purpose})` : '';
  return (
    <div className="received-delivery" role="group" aria-label={`Gửi đến ${d.unitName}`}>
      <div>
        <strong>{d.unitName}</strong>
        {` — nhận theo dòng “${d.line}”${purpose}, gửi lúc ${formatDateTime(d.deliveredAt)}`}
      </div>
      {d.acknowledgedAt ? (
        <Typography.Text className="received-ok">
          <CheckOutlined aria-hidden />{' '}
          {`Đã xác nhận đã nhận lúc ${formatDateTime(d.acknowledgedAt)}${d.acknowledgedBy ? ` (${d.acknowledgedBy})` : ''}`}
        </Typography.Text>
      ) : (
        !recalled && (
          <Button
            type="primary"
            loading={ack.isPending}
            onClick={() => ack.mutate({ cycleId, unitId: d.unitId })}
            aria-label={`Xác nhận đã nhận (${d.unitName})`}
          >
            Xác nhận đã nhận
          </Button>
        )
      )}
      {ack.error ? <Alert className="block-gap-top" role="alert" type="error" showIcon title={messageOf(ack.error)} /> : null}
    </div>
  );
}
