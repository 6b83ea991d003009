import type { BoardStatus } from '@kybaocao/domain/board';

/** Administrative levels from the top down; others follow in Vietnamese order. */
export const LEVEL_ORDER = ['trung-uong', 'tinh', 'huyen', 'xa', 'thon'] as const;

export const LEVEL_LABELS_VI: Record<string, string> = {
  'trung-uong': 'Trung ương',
  tinh: 'Cấp tỉnh',
  huyen: 'Cấp huyện',
  xa: 'Cấp xã',
  thon: 'Thôn, bản, tổ dân phố',
};
export const levelLabel = (level: string): string => LEVEL_LABELS_VI[level] ?? level;

export const STATUS_LABELS_VI: Record<BoardStatus, string> = {
  not_started: 'Chưa nộp',
  draft: 'Đang soạn',
  submitted: 'Đã nộp',
  returned: 'Bị trả lại',
  resubmitted: 'Đã nộp lại',
  approved: 'Đã duyệt',
};
