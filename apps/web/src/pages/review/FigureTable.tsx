import { Grid, Table, Tag } from 'antd';
import {
  isRatioValue,
  isTableValue,
  QUALIFIER_LABELS_VI,
  type FigureValue,
  type Indicator,
  type Section,
} from '@domain/templates/report-template';
import { formatNumberVi, formatRatio } from '../../format';
import { type VersionDiff } from './review.hooks';

export type Figures = Record<string, FigureValue>;

export const sectionTitle = (s: Section) => `${s.code}. ${s.title}`;

function valueText(v: FigureValue | undefined): string {
  if (!v) return '—';
  if (isTableValue(v)) return 'Bảng số liệu';
  return isRatioValue(v) ? formatRatio(v.numerator, v.denominator) : formatNumberVi(v.value);
}

const qualifierText = (v: FigureValue | undefined) => (v?.qualifier ? QUALIFIER_LABELS_VI[v.qualifier] : '');

const figureText = (v: FigureValue | undefined) => (v ? [qualifierText(v), valueText(v)].filter(Boolean).join(' ') : 'Không nhập');

export type Change = 'changed' | 'added' | 'removed';

export function figureChanges(diff: VersionDiff | undefined): Map<string, Change> {
  const m = new Map<string, Change>();
  if (!diff) return m;
  diff.figures.changed.forEach((c) => m.set(c.code, 'changed'));
  diff.figures.added.forEach((c) => m.set(c.code, 'added'));
  diff.figures.removed.forEach((c) => m.set(c.code, 'removed'));
  return m;
}

const CHANGE_TAG: Record<Change, { color: string; text: string }> = {
  changed: { color: '#ad4e00', text: 'Đã sửa' },
  added: { color: '#237804', text: 'Mới bổ sung' },
  removed: { color: 'red', text: 'Đã bỏ' },
};

interface FigureRow {
  indicator: Indicator;
  now?: FigureValue;
  before?: FigureValue;
  change?: Change;
}

export function FigureTable({
  indicators,
  figures,
  before,
  changes,
}: {
  indicators: Indicator[];
  figures: Figures;
  before: Figures | undefined;
  changes: Map<string, Change>;
}) {
  const phone = !Grid.useBreakpoint().md;
  if (indicators.length === 0) return null;
  const rows: FigureRow[] = indicators.map((i) => ({
    indicator: i,
    now: figures[i.code],
    before: before?.[i.code],
    change: changes.get(i.code),
  }));
  if (phone) {
    return (
      <ul className="figure-cards">
        {rows.map((r) => (
          <li key={r.indicator.code} className={r.change ? 'changed' : undefined}>
            <div>{r.indicator.name}</div>
            <div>
              <strong>{figureText(r.now)}</strong> {r.indicator.unit}
              {r.change && (
                <Tag color={CHANGE_TAG[r.change].color} className="change-tag">
                  {CHANGE_TAG[r.change].text}
                </Tag>
              )}
            </div>
            {before && r.change && <div className="muted">Phiên bản trước: {figureText(r.before)}</div>}
          </li>
        ))}
      </ul>
    );
  }
  return (
    <Table<FigureRow>
      size="small"
      rowKey={(r) => r.indicator.code}
      dataSource={rows}
      pagination={false}
      rowClassName={(r) => (r.change ? 'row-changed' : '')}
      columns={[
        { title: 'Chỉ tiêu', key: 'name', render: (_, r) => r.indicator.name },
        ...(before
          ? [
              {
                title: 'Phiên bản trước',
                key: 'before',
                align: 'right' as const,
                render: (_: unknown, r: FigureRow) => figureText(r.before),
              },
            ]
          : []),
        { title: 'Giá trị', key: 'value', align: 'right', render: (_, r) => <strong>{r.now ? valueText(r.now) : 'Không nhập'}</strong> },
        { title: 'Ghi chú số liệu', key: 'qualifier', render: (_, r) => qualifierText(r.now) },
        { title: 'Đơn vị tính', key: 'unit', render: (_, r) => r.indicator.unit },
        ...(before
          ? [
              {
                title: 'Thay đổi',
                key: 'change',
                render: (_: unknown, r: FigureRow) =>
                  r.change ? <Tag color={CHANGE_TAG[r.change].color}>{CHANGE_TAG[r.change].text}</Tag> : '',
              },
            ]
          : []),
      ]}
    />
  );
}
