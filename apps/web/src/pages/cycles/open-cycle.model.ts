import type { Dayjs } from 'dayjs';
import type { OrgUnit, PeriodKind } from './open-cycle.hooks';

export const PERIOD_KINDS: { value: PeriodKind; label: string }[] = [
  { value: 'annual', label: 'Báo cáo năm' },
  { value: 'six-month', label: 'Báo cáo 6 tháng' },
  { value: 'nine-month', label: 'Báo cáo 9 tháng' },
  { value: 'quarter', label: 'Báo cáo quý' },
];

export const QUARTERS = [1, 2, 3, 4].map((q) => ({ value: q, label: `Quý ${['I', 'II', 'III', 'IV'][q - 1]}` }));

/** Party authorities (the cycle's issuing body is a Party committee). */
export const AUTHORITIES = [
  { value: 'T/M', label: 'T/M (thay mặt tập thể)' },
  { value: 'K/T', label: 'K/T (ký thay người đứng đầu)' },
  { value: 'T/L', label: 'T/L (thừa lệnh)' },
  { value: 'TUQ', label: 'TUQ (thừa ủy quyền)' },
];

export const MILESTONES = [
  { name: 'submissionDeadline', label: 'Hạn nộp báo cáo' },
  { name: 'reviewDue', label: 'Hạn thẩm định' },
  { name: 'commentsDue', label: 'Hạn Thường trực cho ý kiến' },
  { name: 'signOffDue', label: 'Hạn ký ban hành' },
  { name: 'distributionDue', label: 'Hạn phát hành' },
] as const;

/** A day picked on screen as the API's date ('YYYY-MM-DD'). */
export function toIso(d: Dayjs | undefined | null): string {
  return d ? d.format('YYYY-MM-DD') : '';
}

export interface UnitGroup {
  key: string;
  label: string;
  selectAllLabel: string;
  clearAllLabel: string;
  units: OrgUnit[];
}

/** Units below the issuing body that can report, in two groups: the Front and organisations, the communes. Offices of the body itself are left out. */
export function groupUnits(all: readonly OrgUnit[], rootId: string | undefined): UnitGroup[] {
  const open = all.filter((u) => u.parentId === rootId && rootId !== undefined && !u.activeTo && u.kind !== 'BAN_DAN_VAN');
  return [
    {
      key: 'organisations',
      label: 'Mặt trận Tổ quốc và các tổ chức chính trị - xã hội',
      selectAllLabel: 'Chọn tất cả tổ chức',
      clearAllLabel: 'Bỏ chọn các tổ chức',
      units: open.filter((u) => u.level !== 'xa'),
    },
    {
      key: 'communes',
      label: 'Đảng ủy xã, thị trấn',
      selectAllLabel: 'Chọn tất cả xã, thị trấn',
      clearAllLabel: 'Bỏ chọn các xã, thị trấn',
      units: open.filter((u) => u.level === 'xa'),
    },
  ];
}

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();

/** Search by name, short name or alias, with or without diacritics ("ban hon" finds "Bản Hòn"). */
export function matchesUnit(u: OrgUnit, query: string): boolean {
  const q = fold(query.trim());
  if (!q) return true;
  return [u.canonicalName, u.shortName ?? '', ...u.aliases].some((name) => fold(name).includes(q));
}
