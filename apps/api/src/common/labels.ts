import type { CycleStatus } from '@kybaocao/domain/cycle';

/** What a user reads for a cycle's phase. */
export const CYCLE_STATUS_LABELS_VI: Record<CycleStatus, string> = {
  planned: 'Lập kế hoạch',
  collecting: 'Đang nhận báo cáo',
  reviewing: 'Đang thẩm định',
  commenting: 'Thường trực cho ý kiến',
  signing: 'Trình ký ban hành',
  distributing: 'Phát hành',
  closed: 'Đã kết thúc',
  cancelled: 'Đã hủy',
};

export const cycleStatusLabel = (status: string): string => CYCLE_STATUS_LABELS_VI[status as CycleStatus] ?? status;
