/**
 * Open catalogue of organisation kinds with Vietnamese labels. Any non-blank kind code is accepted on a
 * unit; these are the ones the product knows how to label. Levels (tỉnh, xã, thôn …) are data, not code.
 */
export const UNIT_KINDS = {
  MTTQ: 'Mặt trận Tổ quốc',
  HLHPN: 'Hội Liên hiệp Phụ nữ',
  HND: 'Hội Nông dân',
  DTN: 'Đoàn Thanh niên Cộng sản Hồ Chí Minh',
  HCCB: 'Hội Cựu chiến binh',
  LDLD: 'Liên đoàn Lao động',
  HNCT: 'Hội Người cao tuổi',
  HCTD: 'Hội Chữ thập đỏ',
  HCTNXP: 'Hội Cựu Thanh niên xung phong',
  HCGC: 'Hội Cựu giáo chức',
  TINH_UY: 'Tỉnh ủy',
  THANH_UY: 'Thành ủy',
  HUYEN_UY: 'Huyện ủy',
  DANG_UY_XA: 'Đảng ủy xã, thị trấn',
  CHI_BO: 'Chi bộ',
  BAN_DAN_VAN: 'Ban Dân vận',
  HDND: 'Hội đồng nhân dân',
  UBND: 'Ủy ban nhân dân',
  CO_QUAN_CHUYEN_MON: 'Cơ quan chuyên môn (sở, phòng, ban)',
  CONG_AN: 'Công an',
  QUAN_SU: 'Cơ quan quân sự',
  BAN_CONG_TAC_MAT_TRAN: 'Ban Công tác Mặt trận ở khu dân cư',
  THON_BAN: 'Thôn, bản, tổ dân phố',
} as const satisfies Record<string, string>;

export type KnownUnitKind = keyof typeof UNIT_KINDS;

export function isKnownUnitKind(kind: string): kind is KnownUnitKind {
  return Object.prototype.hasOwnProperty.call(UNIT_KINDS, kind);
}

/** Vietnamese label of a kind; an unknown kind is shown as its code. */
export function unitKindLabel(kind: string): string {
  return isKnownUnitKind(kind) ? UNIT_KINDS[kind] : kind;
}
