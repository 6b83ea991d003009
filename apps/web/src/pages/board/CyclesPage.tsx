import { Card, Grid, Table } from 'antd';
import { Link } from 'react-router';
import { PageTitle } from '../../components/PageTitle';
import { EmptyState, QueryState } from '../../components/QueryState';
import { formatDate } from '../../format';
import { useCycles, type CycleSummary } from './board.hooks';
import { PhaseTag } from './CyclePhase';
import { OpenCycleButton } from '../cycles/OpenCycleButton';

const cycleName = (c: CycleSummary) => `Báo cáo ${c.periodLabel} — ${c.issuingBodyName}`;

/** "Kỳ báo cáo": every cycle, the most recently opened first, each with its phase; a row opens the board. */
export function CyclesPage() {
  const cycles = useCycles();
  const phone = !Grid.useBreakpoint().md;
  return (
    <>
      <PageTitle extra={<OpenCycleButton />}>Các kỳ báo cáo</PageTitle>
      <QueryState query={cycles} loadingLabel="Đang tải các kỳ báo cáo…">
        {(list) => list.length === 0 ? <EmptyState description="Chưa có kỳ báo cáo nào." />
          : phone ? (
            <div className="card-list">
              {list.map((c) => (
                <Card key={c.id} size="small" title={<Link to={`/cycles/${c.id}`}>{cycleName(c)}</Link>}>
                  <p className="no-margin">Giai đoạn: <PhaseTag status={c.status} /></p>
                  <p className="no-margin">Hạn nộp: {formatDate(c.submissionDeadline)}</p>
                  <p className="no-margin">Số liệu từ {formatDate(c.dataFrom)} đến {formatDate(c.dataTo)}</p>
                </Card>
              ))}
            </div>
          ) : (
            <Table<CycleSummary>
              rowKey="id"
              dataSource={list}
              pagination={list.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
              columns={[
                { title: 'Kỳ báo cáo', key: 'name', render: (_, c) => <Link to={`/cycles/${c.id}`}>{cycleName(c)}</Link> },
                { title: 'Giai đoạn', key: 'phase', render: (_, c) => <PhaseTag status={c.status} /> },
                { title: 'Số liệu', key: 'window', render: (_, c) => `${formatDate(c.dataFrom)} – ${formatDate(c.dataTo)}` },
                { title: 'Hạn nộp', key: 'deadline', render: (_, c) => formatDate(c.submissionDeadline) },
                { title: 'Mở ngày', key: 'opened', render: (_, c) => formatDate(c.openedAt) },
              ]}
            />
          )}
      </QueryState>
    </>
  );
}
