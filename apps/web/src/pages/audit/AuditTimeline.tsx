import { Timeline, Typography } from 'antd';
import { formatDateTime } from '../../format';
import type { AuditEntry } from './audit.hooks';

/** The entries as a timeline: when, who (and in what capacity), what, about which unit. */
export function AuditTimeline({ items }: { items: AuditEntry[] }) {
  return (
    <Timeline
      items={items.map((e, i) => ({
        key: `${e.at}-${i}`,
        content: (
          <div className="timeline-entry">
            <div className="timeline-meta">
              {formatDateTime(e.at)} · {e.kindLabel}
            </div>
            <div>
              <span className="timeline-who">{e.who}</span>
              {e.roleLabel ? ` (${e.roleLabel})` : ''}
            </div>
            <Typography.Paragraph className="no-margin">{e.what}</Typography.Paragraph>
            {e.unitName && <div className="timeline-meta">Đơn vị: {e.unitName}</div>}
          </div>
        ),
      }))}
    />
  );
}
