import { Card, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { AUDIT_KIND_KEYS, KIND_LABELS_VI, type AuditKind } from '@domain/audit';
import { PageTitle } from '../../components/PageTitle';
import { CursorPager, useCursorPages } from '../../components/CursorPager';
import { EmptyState, QueryState } from '../../components/QueryState';
import { useCycle } from '../cycles/cycle-actions.hooks';
import { AsOfPanel, endOfDayVn } from './AsOfPanel';
import { AuditTimeline } from './AuditTimeline';
import { useCycleUnits, useTimeline, type TimelineFilter } from './audit.hooks';
import { VerifyPanel } from './VerifyPanel';
import '../office/office.css';

/** "Nhật ký kỳ báo cáo": who did what and when, by kind and unit, as of a chosen day; and the integrity check. */
export function AuditPage() {
  const { cycleId = '' } = useParams();
  const cycle = useCycle(cycleId);
  const units = useCycleUnits(cycleId);
  const [kind, setKind] = useState<AuditKind | undefined>();
  const [unitId, setUnitId] = useState<string | undefined>();
  const [day, setDay] = useState<Dayjs | null>(null);
  const pages = useCursorPages();
  const filter: TimelineFilter = { ...(kind ? { kind } : {}), ...(unitId ? { unitId } : {}), ...(day ? { asOf: endOfDayVn(day) } : {}) };
  const timeline = useTimeline(cycleId, filter, pages.cursor);
  const period = cycle.data?.cycle.period.label;

  return (
    <>
      <p className="no-margin">
        <Link to={`/cycles/${cycleId}`}>← Bảng theo dõi kỳ báo cáo</Link>
      </p>
      <PageTitle>{period ? `Nhật ký kỳ báo cáo ${period}` : 'Nhật ký kỳ báo cáo'}</PageTitle>
      <AsOfPanel
        cycleId={cycleId}
        day={day}
        onDay={(d) => {
          setDay(d);
          pages.reset();
        }}
      />
      <Card size="small" className="block-gap" title={<h2 className="card-heading">Các việc đã làm</h2>}>
        <Space wrap size="middle" className="block-gap">
          <label className="filter-field">
            <span>Loại việc</span>
            <Select<string>
              className="filter-select"
              value={kind ?? 'all'}
              aria-label="Lọc theo loại việc"
              onChange={(v) => {
                setKind(v === 'all' ? undefined : (v as AuditKind));
                pages.reset();
              }}
              options={[
                { value: 'all', label: 'Tất cả các việc' },
                ...AUDIT_KIND_KEYS.map((k) => ({ value: k, label: KIND_LABELS_VI[k] })),
              ]}
            />
          </label>
          <label className="filter-field">
            <span>Đơn vị</span>
            <Select<string>
              className="filter-select unit-select"
              value={unitId ?? 'all'}
              aria-label="Lọc theo đơn vị"
              showSearch={{ optionFilterProp: 'label' }}
              onChange={(v) => {
                setUnitId(v === 'all' ? undefined : v);
                pages.reset();
              }}
              options={[
                { value: 'all', label: 'Tất cả đơn vị' },
                ...(units.data?.items ?? []).map((u) => ({ value: u.unitId, label: u.unitName ?? 'Đơn vị không còn trong danh mục' })),
              ]}
            />
          </label>
        </Space>
        <QueryState query={timeline} loadingLabel="Đang tải nhật ký…">
          {({ items, nextCursor }) => (
            <>
              {items.length === 0 ? <EmptyState description="Không có việc nào phù hợp." /> : <AuditTimeline items={items} />}
              <CursorPager pages={pages} nextCursor={nextCursor} label="Chuyển trang nhật ký" />
            </>
          )}
        </QueryState>
      </Card>
      <VerifyPanel />
    </>
  );
}
