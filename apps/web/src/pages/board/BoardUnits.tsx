import { List, Table, Tag } from 'antd';
import type { PaginationProps } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { Link } from 'react-router';
import { formatDate, formatDateTime } from '../../format';
import { ExtendDeadlineButton } from '../cycles/CycleActions';
import type { Board, BoardSort, BoardUnit } from './board.hooks';

export interface BoardOrder {
  sort: BoardSort;
  order: 'asc' | 'desc';
}

/** Rows per page: the server sends one page at a time. */
export const TABLE_PAGE = 50;
export const PHONE_PAGE = 20;

const STATUS_COLOR: Record<string, string> = {
  // Preset colours whose text keeps a 4.5:1 contrast (green and orange do not: solid dark ones instead).
  not_started: 'default',
  draft: 'blue',
  submitted: 'geekblue',
  resubmitted: 'purple',
  returned: 'red',
  approved: '#237804',
};

/** The units of the board, one server page at a time: a sortable table, or cards on a phone. */
export function BoardUnits({
  cycleId,
  board: b,
  loading,
  sort,
  setSort,
  page,
  setPage,
  phone,
}: {
  cycleId: string;
  board: Board;
  loading: boolean;
  sort: BoardOrder;
  setSort: (s: BoardOrder) => void;
  page: number;
  setPage: (p: number) => void;
  phone: boolean;
}) {
  return (
    <section aria-labelledby="board-units">
      <h2 className="card-heading block-gap" id="board-units">
        Các đơn vị
      </h2>
      {phone ? (
        <UnitCards cycleId={cycleId} units={b.units} pagination={pagination(b, page, PHONE_PAGE, setPage)} />
      ) : (
        <Table<BoardUnit>
          className="block-gap"
          rowKey="unitId"
          dataSource={b.units}
          loading={loading}
          pagination={pagination(b, page, TABLE_PAGE, setPage)}
          rowClassName={(u) => (u.daysLate ? 'row-late' : '')}
          onChange={(_p, _f, sorter, extra) => {
            if (extra.action !== 'sort') return; // paging is handled by the pagination's own onChange
            const s = sorter as SorterResult<BoardUnit>;
            setSort(
              s.order ? { sort: s.columnKey as BoardSort, order: s.order === 'ascend' ? 'asc' : 'desc' } : { sort: 'name', order: 'asc' },
            );
          }}
          columns={[
            {
              title: 'Đơn vị',
              key: 'name',
              sorter: true,
              sortOrder: order(sort, 'name'),
              render: (_, u) => (
                <>
                  <Link to={`/cycles/${cycleId}/units/${u.unitId}`}>{u.unitName}</Link>
                  {u.failedDeliveries > 0 && <Tag color="red" className="mail-tag">{`${u.failedDeliveries} thư lỗi`}</Tag>}
                </>
              ),
            },
            { title: 'Loại', key: 'kind', sorter: true, sortOrder: order(sort, 'kind'), render: (_, u) => u.unitKindLabel },
            { title: 'Cấp', key: 'level', sorter: true, sortOrder: order(sort, 'level'), render: (_, u) => u.levelLabel },
            {
              title: 'Trạng thái',
              key: 'status',
              sorter: true,
              sortOrder: order(sort, 'status'),
              render: (_, u) => <Tag color={STATUS_COLOR[u.status]}>{u.statusLabel}</Tag>,
            },
            { title: 'Hạn nộp', key: 'deadline', render: (_, u) => formatDate(u.effectiveDeadline) },
            {
              title: 'Số ngày trễ',
              key: 'daysLate',
              align: 'right',
              sorter: true,
              sortOrder: order(sort, 'daysLate'),
              render: (_, u) => (u.daysLate === null ? '—' : String(u.daysLate)),
            },
            { title: 'Hoạt động gần nhất', key: 'last', render: (_, u) => (u.lastActivityAt ? formatDateTime(u.lastActivityAt) : '—') },
            {
              title: 'Thao tác',
              key: 'actions',
              render: (_, u) => (
                <ExtendDeadlineButton cycleId={cycleId} unitId={u.unitId} unitName={u.unitName} deadline={u.effectiveDeadline} />
              ),
            },
          ]}
        />
      )}
    </section>
  );
}

/** The pager of a server-paged list; none when everything fits on one page. */
function pagination(b: Board, page: number, pageSize: number, setPage: (p: number) => void): PaginationProps | false {
  if (b.page.matching <= pageSize && page === 1) return false;
  return {
    current: page,
    pageSize,
    total: b.page.matching,
    showSizeChanger: false,
    onChange: setPage,
    showTotal: (total) => `${total} đơn vị`,
  };
}

const order = (s: BoardOrder, key: BoardSort) => (s.sort === key ? (s.order === 'asc' ? 'ascend' : 'descend') : null);

function UnitCards({ cycleId, units, pagination }: { cycleId: string; units: BoardUnit[]; pagination: PaginationProps | false }) {
  return (
    <List
      className="block-gap"
      dataSource={units}
      pagination={pagination && { ...pagination, size: 'small' }}
      renderItem={(u) => (
        <List.Item className="unit-card">
          <div className="unit-card-body">
            <Link to={`/cycles/${cycleId}/units/${u.unitId}`} className="unit-card-name">
              {u.unitName}
            </Link>
            <div>
              <Tag color={STATUS_COLOR[u.status]}>{u.statusLabel}</Tag>
              {u.failedDeliveries > 0 && <Tag color="red">{`${u.failedDeliveries} thư lỗi`}</Tag>}
            </div>
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
