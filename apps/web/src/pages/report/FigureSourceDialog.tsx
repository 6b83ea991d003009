import { Modal } from 'antd';
import { useState } from 'react';
import { NumberedPager } from '../../components/NumberedPager';
import { ErrorNotice, Loading } from '../../components/QueryState';
import { formatDateTime, num } from '../../format';
import { useFigureSources } from './report.hooks';

/**
 * Where a marked figure came from: per figure the passage states, the units whose approved submissions add up
 * to it — the unit, which version of its report, its own figure, and when and by whom that version was approved.
 * A figure of thousands of units is listed a page (100 units) at a time.
 */
export function FigureSourceDialog({
  cycleId,
  version,
  target,
  onClose,
}: {
  cycleId: string;
  version: number;
  target: { passageId: string; figure: string } | null;
  onClose: () => void;
}) {
  const [page, setPage] = useState(1);
  const sources = useFigureSources(cycleId, version, target?.passageId ?? null, page);
  const data = sources.data;
  const pages = data ? Math.max(1, ...data.indicators.map((i) => Math.ceil(i.sourceCount / data.pageSize))) : 1;
  const first = data ? (data.page - 1) * data.pageSize : 0;
  return (
    <Modal
      open={target !== null}
      title={target ? `Nguồn số liệu: ${target.figure}` : ''}
      footer={null}
      onCancel={() => {
        setPage(1);
        onClose();
      }}
      cancelText="Đóng"
      width={720}
      destroyOnHidden
    >
      {sources.isPending && <Loading label="Đang tải nguồn số liệu…" />}
      {sources.error && <ErrorNotice error={sources.error} onRetry={() => sources.refetch()} />}
      {data && data.indicators.length === 0 && <p>Đoạn văn này không có số liệu lấy từ báo cáo của đơn vị.</p>}
      {data?.indicators.map((ind) => (
        <section key={ind.code} className="block-gap" aria-label={ind.name}>
          <h3 className="card-heading">{ind.name}</h3>
          <p>{`Tổng hợp từ báo cáo đã duyệt của ${num(ind.sourceCount)} đơn vị${sourceRange(ind.sourceCount, first, ind.sources.length)}:`}</p>
          <div className="table-scroll">
            <table className="source-table">
              <thead>
                <tr>
                  <th scope="col">Đơn vị</th>
                  <th scope="col">Số liệu của đơn vị</th>
                  <th scope="col">Báo cáo</th>
                  <th scope="col">Duyệt</th>
                </tr>
              </thead>
              <tbody>
                {ind.sources.map((s) => (
                  <tr key={s.sourceEventId}>
                    <td>{s.unitName}</td>
                    <td>{s.valueText ?? '—'}</td>
                    <td>{`Lần nộp thứ ${s.submissionVersion}`}</td>
                    <td>{`${formatDateTime(s.approvedAt)}${s.approvedBy ? `, ${s.approvedBy}` : ''}`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
      {data && <NumberedPager className="block-gap" label="Trang nguồn số liệu" page={page} pages={pages} onPage={setPage} />}
    </Modal>
  );
}

/** " (đơn vị thứ 101 đến 200)" when the figure has more units than one page lists; '' otherwise. */
function sourceRange(count: number, first: number, listed: number): string {
  if (count <= listed && first === 0) return '';
  if (listed === 0) return '';
  return ` (đơn vị thứ ${num(first + 1)} đến ${num(first + listed)})`;
}
