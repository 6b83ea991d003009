import { DownloadOutlined, FileTextOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Grid, Row, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { PageTitle } from '../../components/PageTitle';
import { QueryState } from '../../components/QueryState';
import { formatDate, formatDateTime } from '../../format';
import { boardQueryString, useBoard, type Board, type BoardParams, type BoardSort, type BoardStatus } from './board.hooks';
import { BoardUnits, PHONE_PAGE, TABLE_PAGE, type BoardOrder } from './BoardUnits';
import { Groups, rateText, Stat } from './BoardSummary';
import { PhaseSteps, PhaseTag } from './CyclePhase';
import { FailedDeliveries } from './FailedDeliveries';
import { CycleActions } from '../cycles/CycleActions';
import { PhaseHistory } from '../audit/PhaseHistory';
import './board.css';

/**
 * The status filter, counted like the summary cards: "Đã nộp" is every unit the completeness rate counts as
 * submitted (also resubmitted and approved ones), "Chưa nộp" every pending unit (not started, drafting, returned).
 */
interface StatusFilter {
  key: string;
  label: string;
  statuses: BoardStatus[];
  count: (b: Board) => number;
}
const FILTERS: StatusFilter[] = [
  { key: 'all', label: 'Tất cả', statuses: [], count: (b) => b.totalUnits },
  { key: 'submitted', label: 'Đã nộp', statuses: ['submitted', 'resubmitted', 'approved'], count: (b) => b.overall.submitted },
  { key: 'awaiting', label: 'Chờ duyệt', statuses: ['submitted', 'resubmitted'], count: (b) => b.overall.submitted - b.overall.approved },
  { key: 'approved', label: 'Đã duyệt', statuses: ['approved'], count: (b) => b.overall.approved },
  { key: 'pending', label: 'Chưa nộp', statuses: ['not_started', 'draft', 'returned'], count: (b) => b.overall.pending },
  { key: 'returned', label: 'Bị trả lại', statuses: ['returned'], count: (b) => b.overall.returned },
];

const SORTS: { value: BoardSort; label: string }[] = [
  { value: 'name', label: 'Tên đơn vị' },
  { value: 'status', label: 'Trạng thái' },
  { value: 'daysLate', label: 'Số ngày trễ' },
  { value: 'kind', label: 'Loại tổ chức' },
  { value: 'level', label: 'Cấp' },
];

/** The coordinator's board of one cycle: phase, summary cards, the pending line, units, rates by kind and level. */
export function BoardPage() {
  const { cycleId = '' } = useParams();
  const [filter, setFilterState] = useState('all');
  const [sort, setSortState] = useState<BoardOrder>({ sort: 'name', order: 'asc' });
  const [page, setPage] = useState(1);
  const phone = !Grid.useBreakpoint().md;
  // A new filter or order starts again at the first page.
  const setFilter = (f: string) => {
    setFilterState(f);
    setPage(1);
  };
  const setSort = (s: BoardOrder) => {
    setSortState(s);
    setPage(1);
  };
  const params: BoardParams = { status: FILTERS.find((f) => f.key === filter)!.statuses, ...sort };
  const pageSize = phone ? PHONE_PAGE : TABLE_PAGE;
  const board = useBoard(cycleId, params, { page, pageSize });

  return (
    <QueryState query={board} loadingLabel="Đang tải bảng theo dõi…">
      {(b) => (
        <>
          <p className="no-margin">
            <Link to="/cycles">← Các kỳ báo cáo</Link>
          </p>
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
            title={
              <Typography.Text copyable={{ text: b.pendingLine, tooltips: ['Sao chép', 'Đã sao chép'] }} aria-label="Đơn vị chưa nộp">
                {b.pendingLine}
              </Typography.Text>
            }
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
                  <Select
                    id="board-sort"
                    value={sort.sort}
                    onChange={(v) => setSort({ sort: v, order: 'asc' })}
                    options={SORTS}
                    className="board-select"
                  />
                </>
              )}
              <span aria-live="polite">{`${b.page.matching}/${b.totalUnits} đơn vị`}</span>
            </Space>
            <Space wrap>
              <Link to={`/cycles/${cycleId}/report`}>
                <Button icon={<FileTextOutlined aria-hidden />}>Báo cáo tổng hợp</Button>
              </Link>
              <Button icon={<DownloadOutlined aria-hidden />} href={`/cycles/${cycleId}/board.csv?${boardQueryString(params)}`}>
                Tải CSV
              </Button>
              <Button icon={<DownloadOutlined aria-hidden />} href={`/cycles/${cycleId}/board.xlsx?${boardQueryString(params)}`}>
                Tải Excel
              </Button>
            </Space>
          </div>

          <BoardUnits
            cycleId={cycleId}
            board={b}
            loading={board.isFetching && board.isPlaceholderData}
            sort={sort}
            setSort={setSort}
            page={page}
            setPage={setPage}
            phone={phone}
          />

          {b.failedDeliveries.length > 0 && <FailedDeliveries list={b.failedDeliveries} total={b.failedDeliveriesTotal} phone={phone} />}

          <Row gutter={[16, 16]}>
            <Col xs={24} md={12}>
              <Groups title="Theo loại tổ chức" groups={b.byKind} />
            </Col>
            <Col xs={24} md={12}>
              <Groups title="Theo cấp" groups={b.byLevel} />
            </Col>
          </Row>
        </>
      )}
    </QueryState>
  );
}
