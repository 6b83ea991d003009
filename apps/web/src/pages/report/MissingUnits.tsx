import { Typography } from 'antd';
import { PagedListDialog, usePagedList } from '../../components/PagedListDialog';
import { num } from '../../format';
import { useMissingUnits } from './report.hooks';

/**
 * The units whose reports are not in the figures (no approved submission), for the office before it drafts or
 * revises: how many, and on request their names, 100 a page (a national cycle may miss thousands: the checks
 * answer counts them and names none; the list is its own paged route).
 */
export function MissingUnits({ cycleId, total }: { cycleId: string; total: number }) {
  const paging = usePagedList();
  const units = useMissingUnits(cycleId, paging.page, paging.open);
  if (total === 0) return null;
  return (
    <Typography.Paragraph className="block-gap">
      {`Còn ${num(total)} đơn vị chưa có báo cáo được duyệt, số liệu của các đơn vị này không có trong tổng hợp. `}
      <PagedListDialog
        button="Xem danh sách"
        title={`Đơn vị chưa có báo cáo được duyệt (${num(total)})`}
        listLabel="Đơn vị chưa có báo cáo được duyệt"
        pagerLabel="Trang danh sách đơn vị"
        loadingLabel="Đang tải danh sách đơn vị…"
        noun="Đơn vị"
        total={total}
        paging={paging}
        query={units}
        itemsOf={(d) => d.units}
        itemKey={(u) => u.unitId}
        renderItem={(u) => u.unitName}
      />
    </Typography.Paragraph>
  );
}
