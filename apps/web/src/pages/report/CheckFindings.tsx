import { Segmented, Tag } from 'antd';
import { useState } from 'react';
import { PagedListDialog, usePagedList } from '../../components/PagedListDialog';
import { num } from '../../format';
import { useCheckFindings, type ChecksView, type FindingSeverityView, type FindingView } from './report.hooks';

export const severityOf = (f: FindingView): FindingSeverityView =>
  (f.severity ?? f.violation?.severity) === 'error' ? 'error' : 'warning';

/** A finding as the office reads it: the unit's name and the rule's message; a qualifier mix names its first units. */
export function findingText(f: FindingView): string {
  const message = f.violation?.messageVi ?? f.messageVi ?? '';
  if (f.units && f.units.length > 0) {
    const others = (f.unitsTotal ?? f.units.length) - f.units.length;
    const names = f.units.map((u) => u.unitName).join(', ');
    return `${message} Đơn vị: ${names}${others > 0 ? ` và ${num(others)} đơn vị khác` : ''}.`;
  }
  return f.unitName ? `${f.unitName}: ${message}` : message;
}

export function FindingItem({ finding }: { finding: FindingView }) {
  const error = severityOf(finding) === 'error';
  return (
    <>
      <Tag color={error ? 'red' : 'gold'}>{error ? 'Lỗi' : 'Cảnh báo'}</Tag>
      {findingText(finding)}
    </>
  );
}

const FILTERS: { label: string; value: FindingSeverityView | 'all' }[] = [
  { label: 'Tất cả', value: 'all' },
  { label: 'Lỗi', value: 'error' },
  { label: 'Cảnh báo', value: 'warning' },
];

/**
 * "Số liệu của các đơn vị: 2.000 lỗi, 1.001 cảnh báo." and "Xem tất cả": every finding, 100 a page, all or of one
 * severity (a national cycle may hold one per unit: the checks answer lists the first ones and counts them).
 */
export function FindingCounts({ cycleId, checks }: { cycleId: string; checks: ChecksView }) {
  const [severity, setSeverity] = useState<FindingSeverityView | 'all'>('all');
  const paging = usePagedList(severity);
  const findings = useCheckFindings(cycleId, paging.page, severity === 'all' ? undefined : severity, paging.open);
  const { error, warning } = checks.findingCounts;
  if (checks.findingsTotal === 0) return null;
  return (
    <p className="no-margin">
      {`Số liệu của các đơn vị: ${num(error)} lỗi, ${num(warning)} cảnh báo. `}
      <PagedListDialog
        button="Xem tất cả"
        title={`Lỗi và cảnh báo trong số liệu của các đơn vị (${num(checks.findingsTotal)})`}
        listLabel="Lỗi và cảnh báo trong số liệu của các đơn vị"
        pagerLabel="Trang danh sách lỗi và cảnh báo"
        loadingLabel="Đang tải danh sách lỗi và cảnh báo…"
        noun="Mục"
        paging={paging}
        query={findings}
        itemsOf={(d) => d.findings}
        itemKey={(f, i) => `${i}-${f.unitId ?? f.indicatorCode ?? ''}`}
        renderItem={(f) => <FindingItem finding={f} />}
        filter={
          <Segmented
            className="block-gap"
            aria-label="Mức độ"
            options={FILTERS}
            value={severity}
            onChange={(v) => setSeverity(v as FindingSeverityView | 'all')}
          />
        }
      />
    </p>
  );
}
