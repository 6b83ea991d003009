import { Button, Modal, Typography } from 'antd';
import { useState } from 'react';
import { NumberedPager } from '../../components/NumberedPager';
import { ErrorNotice, Loading } from '../../components/QueryState';
import { num } from '../../format';
import { useMissingUnits } from './report.hooks';

/**
 * The units whose reports are not in the figures (no approved submission), for the office before it drafts or
 * revises: how many, and on request their names, 100 a page (a national cycle may miss thousands: the checks
 * answer counts them and names none; the list is its own paged route).
 */
export function MissingUnits({ cycleId, total }: { cycleId: string; total: number }) {
  const [open, setOpen] = useState(false);
  const [page, setPage] = useState(1);
  const units = useMissingUnits(cycleId, page, open);
  if (total === 0) return null;
  const pages = Math.max(1, Math.ceil(total / (units.data?.pageSize ?? 100)));
  const first = (page - 1) * (units.data?.pageSize ?? 100);
  return (
    <Typography.Paragraph className="block-gap">
      {`Còn ${num(total)} đơn vị chưa có báo cáo được duyệt, số liệu của các đơn vị này không có trong tổng hợp. `}
      <Button type="link" onClick={() => setOpen(true)}>
        Xem danh sách
      </Button>
      <Modal
        open={open}
        title={`Đơn vị chưa có báo cáo được duyệt (${num(total)})`}
        footer={null}
        onCancel={() => {
          setOpen(false);
          setPage(1);
        }}
        destroyOnHidden
      >
        {units.isPending && <Loading label="Đang tải danh sách đơn vị…" />}
        {units.error && <ErrorNotice error={units.error} onRetry={() => units.refetch()} />}
        {units.data && (
          <>
            {pages > 1 && <p>{`Đơn vị thứ ${num(first + 1)} đến ${num(first + units.data.units.length)}:`}</p>}
            <ol start={first + 1} aria-label="Đơn vị chưa có báo cáo được duyệt">
              {units.data.units.map((u) => (
                <li key={u.unitId}>{u.unitName}</li>
              ))}
            </ol>
          </>
        )}
        <NumberedPager label="Trang danh sách đơn vị" page={page} pages={pages} onPage={setPage} />
      </Modal>
    </Typography.Paragraph>
  );
}
