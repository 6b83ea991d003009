import type { IndicatorPhrase } from './wording';

/**
 * Default wording of the DAN_VAN_ANNUAL_TEMPLATE figures in a district report whose parts are the Front and
 * the mass organisations, each reporting for all its levels ("Hội LHPN các cấp"). A cycle may override any
 * entry; a report whose parts are communes needs its own wording ("Sơn Bình 5 nhà").
 */
export const DAN_VAN_PHRASES: Readonly<Record<string, IndicatorPhrase>> = Object.freeze({
  TT_BUOI: {
    part: '{unit} các cấp tổ chức {TT_BUOI} tuyên truyền cho {TT_LUOT_NGUOI}',
    total: 'MTTQ và các đoàn thể các cấp đã phối hợp tổ chức {TT_BUOI} tuyên truyền cho {TT_LUOT_NGUOI}',
  },
  NDDK_CAN: {
    part: '{unit} {NDDK_CAN}, trị giá {NDDK_GIA_TRI}',
    total: 'làm mới, sửa chữa {NDDK_CAN} Đại đoàn kết cho hộ nghèo, trị giá {NDDK_GIA_TRI}',
    formats: { NDDK_CAN: { noun: 'nhà' } },
  },
  QUY_VAN_DONG: {
    part: '{unit} vận động được {QUY_VAN_DONG}',
    total: 'vận động ủng hộ các quỹ với tổng số tiền {QUY_VAN_DONG}',
  },
  GS_CUOC: {
    part: '{unit} {GS_CUOC} giám sát tại {GS_DON_VI}',
    total: 'tổ chức {GS_CUOC} giám sát tại {GS_DON_VI}',
  },
  PBXH_HOI_NGHI: {
    part: '{unit} {PBXH_HOI_NGHI}',
    total: 'tổ chức {PBXH_HOI_NGHI} phản biện xã hội',
  },
  HV_KET_NAP: {
    part: '{unit} kết nạp {HV_KET_NAP} mới',
    total: 'kết nạp mới {HV_KET_NAP}',
  },
} satisfies Record<string, IndicatorPhrase>);
