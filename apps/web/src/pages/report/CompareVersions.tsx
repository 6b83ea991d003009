import { Card, Select, Space } from 'antd';
import { useState } from 'react';
import { ErrorNotice, Loading } from '../../components/QueryState';
import { formatDateTime } from '../../format';
import { useVersionDiff, type ReportView, type VersionDiff } from './report.hooks';

const KIND_LABEL = { added: 'Đoạn mới', removed: 'Đoạn đã bỏ', changed: 'Đoạn đã sửa' } as const;

/** Any two versions side by side as changes: passages added, removed or edited, with the words struck out and added. */
export function CompareVersions({ cycleId, report, initialTo }: { cycleId: string; report: ReportView; initialTo: number }) {
  const [to, setTo] = useState(initialTo);
  const [from, setFrom] = useState(Math.max(1, initialTo - 1));
  const diff = useVersionDiff(cycleId, from, to);
  const options = report.versions.map((v) => ({ value: v.version, label: `Phiên bản ${v.version} (${formatDateTime(v.createdAt)})` }));
  return (
    <Card size="small" className="block-gap" title={<h2 className="card-heading">So sánh hai phiên bản</h2>}>
      <Space wrap>
        <label htmlFor="compare-from">Từ</label>
        <Select id="compare-from" value={from} onChange={setFrom} options={options} popupMatchSelectWidth={false} />
        <label htmlFor="compare-to">đến</label>
        <Select id="compare-to" value={to} onChange={setTo} options={options} popupMatchSelectWidth={false} />
      </Space>
      <div className="block-gap-top">
        {from === to ? (
          <p>Chọn hai phiên bản khác nhau để so sánh.</p>
        ) : diff.isPending ? (
          <Loading label="Đang so sánh…" />
        ) : diff.error ? (
          <ErrorNotice error={diff.error} onRetry={() => diff.refetch()} />
        ) : (
          <Changes diff={diff.data!} />
        )}
      </div>
    </Card>
  );
}

function Changes({ diff }: { diff: VersionDiff }) {
  if (diff.changes.length === 0) return <p>{`Phiên bản ${diff.to} không khác phiên bản ${diff.from}.`}</p>;
  return (
    <>
      <p>{`Phiên bản ${diff.to} so với phiên bản ${diff.from}: ${diff.changes.length} đoạn thay đổi. Chữ bị bỏ được gạch, chữ thêm được tô xanh.`}</p>
      <ol className="compare-list plain-list" aria-label="Các thay đổi">
        {diff.changes.map((c, i) => (
          <li key={i} className="compare-item">
            <div className="compare-kind">{KIND_LABEL[c.kind]}</div>
            {c.kind === 'changed' && (
              <p className="no-margin">
                {c.words.map((w, j) =>
                  w.removed ? <del key={j}>{w.value}</del> : w.added ? <ins key={j}>{w.value}</ins> : <span key={j}>{w.value}</span>,
                )}
              </p>
            )}
            {c.kind === 'added' && (
              <p className="no-margin">
                <ins>{c.to.text}</ins>
              </p>
            )}
            {c.kind === 'removed' && (
              <p className="no-margin">
                <del>{c.from.text}</del>
              </p>
            )}
          </li>
        ))}
      </ol>
    </>
  );
}
