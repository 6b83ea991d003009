import { DownloadOutlined, FileTextOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Grid, List, Row, Select, Space, Table, Tag, Typography } from 'antd';
import type { PaginationProps } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { PageTitle } from '../../components/PageTitle';
import { QueryState } from '../../components/QueryState';
import { formatDate, formatDateTime } from '../../format';
import {
  boardQueryString, useBoard, type Board, type BoardGroup, type BoardParams, type BoardSort, type BoardStatus, type BoardUnit, type Rate,
} from './board.hooks';
import { PhaseSteps, PhaseTag } from './CyclePhase';
import { FailedDeliveries } from './FailedDeliveries';
import { CycleActions, ExtendDeadlineButton } from '../cycles/CycleActions';
import { PhaseHistory } from '../audit/PhaseHistory';
import './board.css';

const rateText = (r: Rate) => `${r.count}/${r.of}${r.percent ? ` (${r.percent})` : ''}`;

const STATUS_COLOR: Record<string, string> = {
  // Preset colours whose text keeps a 4.5:1 contrast (green and orange do not: solid dark ones instead).
  not_started: 'default', draft: 'blue', submitted: 'geekblue', resubmitted: 'purple', returned: 'red', approved: '#237804',
};

/**
 * The status filter, counted like the summary cards: "Đã nộp" is every unit the completeness rate counts as
 * submitted (also resubmitted and approved ones), "Chưa nộp" every pending unit (not started, drafting, returned).
 */
interface StatusFilter { key: string; label: string; statuses: BoardStatus[]; count: (b: Board) => number }
const FILTERS: StatusFilter[] = [
  { key: 'all', label: 'Tất cả', statuses: [], count: (b) => b.totalUnits },
  { key: 'submitted', label: 'Đã nộp', statuses: ['submitted', 'resubmitted', 'approved'], count: (b) => b.overall.submitted },
  { key: 'awaiting', label: 'Chờ duyệt', statuses: ['submitted', 'resubmitted'], count: (b) => b.overall.submitted - b.overall.approved },
  { key: 'approved', label: 'Đã duyệt', statuses: ['approved'], count: (b) => b.overall.approved },
  { key: 'pending', label: 'Chưa nộp', statuses: ['not_started', 'draft', 'returned'], count: (b) => b.overall.pending },
  { key: 'returned', label: 'Bị trả lại', statuses: ['returned'], count: (b) => b.overall.returned },
];

const SORTS: { value: BoardSort; label: string }[] = [
  { value: 'name', label: 'Tên đơn vị' }, { value: 'status', label: 'Trạng thái' }, { value: 'daysLate', label: 'Số ngày trễ' },
  { value: 'kind', label: 'Loại tổ chức' }, { value: 'level', label: 'Cấp' },
];

/** The coordinator's board of one cycle: phase, summary cards, the pending line, units, rates by kind and level. */
export function BoardPage() {
  const { cycleId = '' } = useParams();
  const [filter, setFilterState] = useState('all');
  const [sort, setSortState] = useState<{ sort: BoardSort; order: 'asc' | 'desc' }>({ sort: 'name', order: 'asc' });
  const [page, setPage] = useState(1);
  const phone = !Grid.useBreakpoint().md;
  // A new filter or order starts again at the first page.
  const setFilter = (f: string) => { setFilterState(f); setPage(1); };
  const setSort = (s: { sort: BoardSort; order: 'asc' | 'desc' }) => { setSortState(s); setPage(1); };
  const params: BoardParams = { status: FILTERS.find((f) => f.key === filter)!.statuses, ...sort };
  const pageSize = phone ? PHONE_PAGE : TABLE_PAGE;
  const board = useBoard(cycleId, params, { page, pageSize });

  return (
    <QueryState query={board} loadingLabel="Đang tải bảng theo dõi…">
      {(b) => (
        <>
          <p className="no-margin"><Link to="/cycles">← Các kỳ báo cáo</Link></p>
          <PageTitle extra={<PhaseTag status={b.cycle.status} />}>{`Theo dõi nộp báo cáo ${b.cycle.periodLabel}`}</PageTitle>
          <Typography.Paragraph type="secondary">
            {b.cycle.issuingBodyName} · hạn nộp chung {formatDate(b.cycle.submissionDeadline)} · số liệu lúc {formatDateTime(b.now)}
          </Typography.Paragraph>
          <Card size="small" className="block-gap">
            <PhaseSteps status={b.cycle.status} vertical={phone} />
          </Card>
          <CycleActions cycleId={cycleId} />
          <PhaseHistory cycleId={cycleId} />

          <Row gutter={[12, 12]} className="block-gap">
            <Stat title="Tỷ lệ nộp" value={rateText(b.overall.completeness)} />
            <Stat title="Nộp đúng hạn" value={rateText(b.overall.timeliness)} />
            <Stat title="Quá hạn chưa nộp" value={String(b.overall.overdue)} />
            <Stat title="Bị trả lại" value={String(b.overall.returned)} />
          </Row>

          <Alert
            className="block-gap"
            type={b.overall.pending > 0 ? 'warning' : 'success'}
            title={<Typography.Text copyable={{ text: b.pendingLine, tooltips: ['Sao chép', 'Đã sao chép'] }} aria-label="Đơn vị chưa nộp">{b.pendingLine}</Typography.Text>}
          />

          <div className="board-toolbar block-gap">
            <Space wrap>
              <label htmlFor="board-status">Trạng thái</label>
              <Select
                id="board-status"
                value={filter}
                onChange={setFilter}
                popupMatchSelectWidth={false}
                options={FILTERS.map((f) => ({ value: f.key, label: `${f.label} (${f.count(b)})` }))}
                className="board-select"
              />
              {phone && (
                <>
                  <label htmlFor="board-sort">Sắp xếp theo</label>
                  <Select id="board-sort" value={sort.sort} onChange={(v) => setSort({ sort: v, order: 'asc' })} options={SORTS} className="board-select" />
                </>
              )}
              <span aria-live="polite">{`${b.page.matching}/${b.totalUnits} đơn vị`}</span>
            </Space>
            <Space wrap>
              <Link to={`/cycles/${cycleId}/report`}><Button icon={<FileTextOutlined aria-hidden />}>Báo cáo tổng hợp</Button></Link>
              <Button icon={<DownloadOutlined aria-hidden />} href={`/cycles/${cycleId}/board.csv?${boardQueryString(params)}`}>Tải CSV</Button>
              <Button icon={<DownloadOutlined aria-hidden />} href={`/cycles/${cycleId}/board.xlsx?${boardQueryString(params)}`}>Tải Excel</Button>
            </Space>
          </div>

          <section aria-labelledby="board-units">
          <h2 className="card-heading block-gap" id="board-units">Các đơn vị</h2>
          {phone ? <UnitCards cycleId={cycleId} units={b.units} pagination={pagination(b, page, PHONE_PAGE, setPage)} /> : (
            <Table<BoardUnit>
              className="block-gap"
              rowKey="unitId"
              dataSource={b.units}
              loading={board.isFetching && board.isPlaceholderData}
              pagination={pagination(b, page, TABLE_PAGE, setPage)}
              rowClassName={(u) => (u.daysLate ? 'row-late' : '')}
              onChange={(_p, _f, sorter, extra) => {
                if (extra.action !== 'sort') return; // paging is handled by the pagination's own onChange
                const s = sorter as SorterResult<BoardUnit>;
                setSort(s.order ? { sort: s.columnKey as BoardSort, order: s.order === 'ascend' ? 'asc' : 'desc' } : { sort: 'name', order: 'asc' });
              }}
              columns={[
                {
                  title: 'Đơn vị', key: 'name', sorter: true, sortOrder: order(sort, 'name'),
                  render: (_, u) => (
                    <>
                      <Link to={`/cycles/${cycleId}/units/${u.unitId}`}>{u.unitName}</Link>
                      {u.failedDeliveries > 0 && <Tag color="red" className="mail-tag">{`${u.failedDeliveries} thư lỗi`}</Tag>}
                    </>
                  ),
                },
                { title: 'Loại', key: 'kind', sorter: true, sortOrder: order(sort, 'kind'), render: (_, u) => u.unitKindLabel },
                { title: 'Cấp', key: 'level', sorter: true, sortOrder: order(sort, 'level'), render: (_, u) => u.levelLabel },
                { title: 'Trạng thái', key: 'status', sorter: true, sortOrder: order(sort, 'status'), render: (_, u) => <Tag color={STATUS_COLOR[u.status]}>{u.statusLabel}</Tag> },
                { title: 'Hạn nộp', key: 'deadline', render: (_, u) => formatDate(u.effectiveDeadline) },
                { title: 'Số ngày trễ', key: 'daysLate', align: 'right', sorter: true, sortOrder: order(sort, 'daysLate'), render: (_, u) => (u.daysLate === null ? '—' : String(u.daysLate)) },
                { title: 'Hoạt động gần nhất', key: 'last', render: (_, u) => (u.lastActivityAt ? formatDateTime(u.lastActivityAt) : '—') },
                { title: 'Thao tác', key: 'actions', render: (_, u) => <ExtendDeadlineButton cycleId={cycleId} unitId={u.unitId} unitName={u.unitName} deadline={u.effectiveDeadline} /> },
              ]}
            />
          )}
          </section>

          {b.failedDeliveries.length > 0 && <FailedDeliveries list={b.failedDeliveries} phone={phone} />}

          <Row gutter={[16, 16]}>
            <Col xs={24} md={12}><Groups title="Theo loại tổ chức" groups={b.byKind} /></Col>
            <Col xs={24} md={12}><Groups title="Theo cấp" groups={b.byLevel} /></Col>
          </Row>
        </>
      )}
    </QueryState>
  );
}

/** Rows per page: the server sends one page at a time. */
const TABLE_PAGE = 50;
const PHONE_PAGE = 20;

/** The pager of a server-paged list; none when everything fits on one page. */
function pagination(b: Board, page: number, pageSize: number, setPage: (p: number) => void): PaginationProps | false {
  if (b.page.matching <= pageSize && page === 1) return false;
  return { current: page, pageSize, total: b.page.matching, showSizeChanger: false, onChange: setPage, showTotal: (total) => `${total} đơn vị` };
}

const order = (s: { sort: BoardSort; order: 'asc' | 'desc' }, key: BoardSort) => (s.sort === key ? (s.order === 'asc' ? 'ascend' : 'descend') : null);

function Stat({ title, value }: { title: string; value: string }) {
  const id = `stat-${title.replace(/\s+/g, '-')}`;
  return (
    <Col xs={12} md={6}>
      <Card size="small" role="group" aria-labelledby={id} className="stat-card">
        <div id={id} className="stat-title">{title}</div>
        <div className="stat-value">{value}</div>
      </Card>
    </Col>
  );
}

function UnitCards({ cycleId, units, pagination }: { cycleId: string; units: BoardUnit[]; pagination: PaginationProps | false }) {
  return (
    <List
      className="block-gap"
      dataSource={units}
      pagination={pagination && { ...pagination, size: 'small' }}
      renderItem={(u) => (
        <List.Item className="unit-card">
          <div className="unit-card-body">
            <Link to={`/cycles/${cycleId}/units/${u.unitId}`} className="unit-card-name">{u.unitName}</Link>
            <div><Tag color={STATUS_COLOR[u.status]}>{u.statusLabel}</Tag>{u.failedDeliveries > 0 && <Tag color="red">{`${u.failedDeliveries} thư lỗi`}</Tag>}</div>
            <div className="unit-card-meta">
              {u.unitKindLabel} · {u.levelLabel} · hạn nộp {formatDate(u.effectiveDeadline)}
              {u.daysLate ? ` · trễ ${u.daysLate} ngày` : ''}
            </div>
          </div>
        </List.Item>
      )}
    />
  );
}

function Groups({ title, groups }: { title: string; groups: BoardGroup[] }) {
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
