import { Card, Grid, Progress, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { CYCLE_PHASES } from '@domain/cycle/cycle.model';
import { PageTitle } from '../../components/PageTitle';
import { CursorPager, useCursorPages } from '../../components/CursorPager';
import { EmptyState, QueryState } from '../../components/QueryState';
import { formatDate, num } from '../../format';
import { useCycleList, type CycleListFilter, type CycleListItem, type CyclePhaseKey } from '../office/cycle-list.hooks';
import { PhaseTag, phaseLabel } from './CyclePhase';
import { OpenCycleButton } from '../cycles/OpenCycleButton';
import '../office/office.css';

const cycleName = (c: CycleListItem) => `Báo cáo ${c.periodLabel} — ${c.issuingBodyName}`;
const PHASES: CyclePhaseKey[] = [...CYCLE_PHASES, 'cancelled'];

function ProgressCell({ c }: { c: CycleListItem }) {
  const { expected, submitted, approved } = c.progress;
  const percent = expected > 0 ? Math.round((submitted / expected) * 100) : 0;
  return (
    <div className="cycle-progress">
      <span>
        Đã nộp{' '}
        <strong>
          {num(submitted)}/{num(expected)}
        </strong>{' '}
        · đã duyệt <strong>{num(approved)}</strong>
      </span>
      <Progress percent={percent} size="small" showInfo={false} aria-hidden />
    </div>
  );
}

const milestoneText = (c: CycleListItem) =>
  c.nextMilestone ? `${c.nextMilestone.label}: ${formatDate(c.nextMilestone.date)}` : 'Không còn mốc nào';

function Filters({ filter, onChange }: { filter: CycleListFilter; onChange: (f: CycleListFilter) => void }) {
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: 7 }, (_, i) => thisYear + 1 - i);
  return (
    <Space wrap className="block-gap" size="middle">
      <label className="filter-field">
        <span>Giai đoạn</span>
        <Select<string>
          className="filter-select"
          value={filter.phase ?? 'all'}
          aria-label="Lọc theo giai đoạn"
          onChange={(v) => onChange({ ...filter, phase: v === 'all' ? undefined : (v as CyclePhaseKey) })}
          options={[{ value: 'all', label: 'Tất cả giai đoạn' }, ...PHASES.map((p) => ({ value: p, label: phaseLabel(p) }))]}
        />
      </label>
      <label className="filter-field">
        <span>Năm</span>
        <Select<number>
          className="filter-select"
          value={filter.year ?? 0}
          aria-label="Lọc theo năm"
          onChange={(v) => onChange({ ...filter, year: v === 0 ? undefined : v })}
          options={[{ value: 0, label: 'Tất cả các năm' }, ...years.map((y) => ({ value: y, label: `Năm ${y}` }))]}
        />
      </label>
    </Space>
  );
}

/** "Các kỳ báo cáo": a page of cycles, newest first, each with its phase, progress and next milestone; a row opens the board. */
export function CyclesPage() {
  const [filter, setFilter] = useState<CycleListFilter>({});
  const pages = useCursorPages();
  const cycles = useCycleList(filter, pages.cursor);
  const phone = !Grid.useBreakpoint().md;
  const change = (f: CycleListFilter) => {
    setFilter(f);
    pages.reset();
  };
  return (
    <>
      <PageTitle extra={<OpenCycleButton />}>Các kỳ báo cáo</PageTitle>
      <Filters filter={filter} onChange={change} />
      <QueryState query={cycles} loadingLabel="Đang tải các kỳ báo cáo…">
        {({ items, total, nextCursor }) => (
          <>
            <Typography.Paragraph type="secondary" aria-live="polite">
              {total === 0 ? 'Không có kỳ báo cáo nào phù hợp.' : `Có ${num(total)} kỳ báo cáo.`}
            </Typography.Paragraph>
            {items.length === 0 ? (
              <EmptyState description="Chưa có kỳ báo cáo nào." />
            ) : phone ? (
              <div className="card-list">
                {items.map((c) => (
                  <Card key={c.id} size="small" title={<Link to={`/cycles/${c.id}`}>{cycleName(c)}</Link>}>
                    <p className="no-margin">{c.title}</p>
                    <p className="no-margin">
                      Giai đoạn: <PhaseTag status={c.status} />
                    </p>
                    <ProgressCell c={c} />
                    <p className="no-margin">{milestoneText(c)}</p>
                  </Card>
                ))}
              </div>
            ) : (
              <Table<CycleListItem>
                rowKey="id"
                dataSource={items}
                pagination={false}
                columns={[
                  {
                    title: 'Kỳ báo cáo',
                    key: 'name',
                    render: (_, c) => (
                      <>
                        <Link to={`/cycles/${c.id}`}>{cycleName(c)}</Link>
                        <div className="muted">{c.title}</div>
                      </>
                    ),
                  },
                  { title: 'Giai đoạn', key: 'phase', render: (_, c) => <PhaseTag status={c.status} /> },
                  { title: 'Tiến độ', key: 'progress', render: (_, c) => <ProgressCell c={c} /> },
                  { title: 'Mốc tiếp theo', key: 'milestone', render: (_, c) => milestoneText(c) },
                  { title: 'Số liệu', key: 'window', render: (_, c) => `${formatDate(c.dataFrom)} – ${formatDate(c.dataTo)}` },
                ]}
              />
            )}
            <CursorPager pages={pages} nextCursor={nextCursor} label="Chuyển trang danh sách kỳ báo cáo" />
          </>
        )}
      </QueryState>
    </>
  );
}
