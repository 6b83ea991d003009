import { Modal } from 'antd';
import { ErrorNotice, Loading } from '../../components/QueryState';
import { formatDateTime } from '../../format';
import { useFigureSources } from './report.hooks';

/**
 * Where a marked figure came from: per figure the passage states, the units whose approved submissions add up
 * to it — the unit, which version of its report, its own figure, and when and by whom that version was approved.
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
  const sources = useFigureSources(cycleId, version, target?.passageId ?? null);
  const data = sources.data;
  return (
    <Modal
      open={target !== null}
      title={target ? `Nguồn số liệu: ${target.figure}` : ''}
      footer={null}
      onCancel={onClose}
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
          <p>{`Tổng hợp từ báo cáo đã duyệt của ${ind.sourceCount} đơn vị${ind.sourceCount > ind.sources.length ? ` (hiện ${ind.sources.length} đơn vị đầu)` : ''}:`}</p>
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
    </Modal>
  );
}
