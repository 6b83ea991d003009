import { Card, Col, Table } from 'antd';
import type { BoardGroup, Rate } from './board.hooks';

export const rateText = (r: Rate) => `${r.count}/${r.of}${r.percent ? ` (${r.percent})` : ''}`;

/** One figure of the summary: a card named by its title. */
export function Stat({ title, value }: { title: string; value: string }) {
  const id = `stat-${title.replace(/\s+/g, '-')}`;
  return (
    <Col xs={12} md={6}>
      <Card size="small" role="group" aria-labelledby={id} className="stat-card">
        <div id={id} className="stat-title">
          {title}
        </div>
        <div className="stat-value">{value}</div>
      </Card>
    </Col>
  );
}

/** Completeness and timeliness per kind of organisation or per level. */
export function Groups({ title, groups }: { title: string; groups: BoardGroup[] }) {
  return (
    <Card size="small" title={<h2 className="card-heading">{title}</h2>}>
      <Table<BoardGroup>
        size="small"
        rowKey="key"
        dataSource={groups}
        pagination={false}
        columns={[
          { title: title.replace(/^Theo /, '').replace(/^./, (c) => c.toUpperCase()), key: 'label', render: (_, g) => g.label },
          { title: 'Đã nộp', key: 'completeness', align: 'right', className: 'nowrap', render: (_, g) => rateText(g.completeness) },
          { title: 'Đúng hạn', key: 'timeliness', align: 'right', className: 'nowrap', render: (_, g) => rateText(g.timeliness) },
        ]}
      />
    </Card>
  );
}
