import { Card, Timeline } from 'antd';
import { Link } from 'react-router';
import { formatDateTime } from '../../format';
import { useTimeline } from './audit.hooks';
import '../office/office.css';

/** The board's "Diễn biến các giai đoạn": who moved each phase and when (a cycle has a handful of such moves). */
export function PhaseHistory({ cycleId }: { cycleId: string }) {
  const moves = useTimeline(cycleId, { kind: 'phase' }, undefined, 20);
  const items = moves.data?.items ?? [];
  return (
    <Card
      size="small"
      className="block-gap"
      title={<h2 className="card-heading">Diễn biến các giai đoạn</h2>}
      extra={<Link to={`/cycles/${cycleId}/audit`}>Xem toàn bộ nhật ký</Link>}
    >
      {moves.isError ? (
        <p className="no-margin">Không tải được diễn biến các giai đoạn.</p>
      ) : items.length === 0 ? (
        <p className="no-margin">{moves.isPending ? 'Đang tải…' : 'Chưa có diễn biến nào.'}</p>
      ) : (
        <Timeline
          items={items.map((e, i) => ({
            key: `${e.at}-${i}`,
            content: (
              <div className="timeline-entry">
                <div>{e.what}</div>
                <div className="timeline-meta">
                  {formatDateTime(e.at)} · {e.who}
                  {e.roleLabel ? ` (${e.roleLabel})` : ''}
                </div>
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}
