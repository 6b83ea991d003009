import { Alert } from 'antd';
import { FindingCounts, FindingItem, severityOf } from './CheckFindings';
import type { ChecksView, VersionView } from './report.hooks';

/** How many of the units' error findings the panel lists; the rest are counted and paged ("Xem tất cả"). */
export const ERRORS_SHOWN = 5;

/**
 * The checks of the latest draft for the office: figures whose text no longer states their source total, the first
 * error findings of the units' figures, and how many errors and warnings there are in all.
 */
export function ChecksPanel({ cycleId, checks, version }: { cycleId: string; checks: ChecksView | undefined; version: VersionView }) {
  if (!checks || checks.checkedVersion !== version.version) return null;
  // The answer lists errors first: the first few are among its findings; the counts say how many there are.
  const errors = checks.findings.filter((f) => severityOf(f) === 'error').slice(0, ERRORS_SHOWN);
  const ok = checks.draftFindings.length === 0 && checks.findingCounts.error === 0;
  const list = ok ? null : (
    <ul className="plain-list-bullets" aria-label="Điểm cần xem lại">
      {checks.draftFindings.map((f) => (
        <li key={`${f.passageId}-${f.indicatorCode}`}>{f.messageVi}</li>
      ))}
      {errors.map((f, i) => (
        <li key={i}>
          <FindingItem finding={f} />
        </li>
      ))}
    </ul>
  );
  return (
    <Alert
      className="block-gap"
      type={ok ? 'success' : 'warning'}
      showIcon
      role="status"
      title={
        ok ? 'Kiểm tra số liệu: các số liệu của dự thảo khớp tổng hợp từ báo cáo của đơn vị.' : 'Kiểm tra số liệu: có điểm cần xem lại'
      }
      description={
        list || checks.findingsTotal > 0 ? (
          <>
            {list}
            <FindingCounts cycleId={cycleId} checks={checks} />
          </>
        ) : undefined
      }
    />
  );
}
