import type { Indicator, Qualifier, ReportTemplate, ValidationRule } from './report-template';

const ANY: Qualifier[] = ['tren', 'gan', 'uoc_dat', 'luy_ke'];
/** Exact counts (houses, missions, conferences): may be cumulative, never approximate. */
const EXACT: Qualifier[] = ['luy_ke'];

const count = (code: string, name: string, unit: string, sectionCode: string, allowedQualifiers: Qualifier[] = ANY): Indicator =>
  ({ code, name, unit, sectionCode, aggregation: 'sum', valueType: 'integer', allowedQualifiers });
const money = (code: string, name: string, sectionCode: string): Indicator =>
  ({ code, name, unit: 'triệu đồng', sectionCode, aggregation: 'sum', valueType: 'decimal', allowedQualifiers: ANY });
const coverage = (code: string, name: string, unit: string, sectionCode: string): Indicator =>
  ({ code, name, unit, sectionCode, aggregation: 'ratio', valueType: 'ratio', allowedQualifiers: [] });

/**
 * Annual dân vận / Front report: the skeleton of DOMAIN.md §4 (I. Đặc điểm tình hình … V. Kiến nghị) and
 * the figures the seed reports give (001 Huyện ủy Tam Đường 2022, 002 MTTQ thành phố Lai Châu 2023).
 */
export const DAN_VAN_ANNUAL_TEMPLATE: ReportTemplate = deepFreeze({
  id: 'dan-van-annual',
  version: 1,
  title: 'Báo cáo tổng kết công tác dân vận năm',
  sections: [
    {
      code: 'I', title: 'Đặc điểm tình hình',
      children: [{ code: 'I.1', title: 'Thuận lợi' }, { code: 'I.2', title: 'Khó khăn' }],
    },
    {
      code: 'II', title: 'Kết quả thực hiện',
      children: [
        { code: 'II.1', title: 'Công tác tuyên truyền, vận động' },
        { code: 'II.2', title: 'Phong trào thi đua, các cuộc vận động' },
        { code: 'II.3', title: 'Giám sát, phản biện xã hội, góp ý xây dựng Đảng, xây dựng chính quyền' },
        { code: 'II.4', title: 'Xây dựng tổ chức, phát triển hội viên, đoàn viên' },
        { code: 'II.5', title: 'Tiếp xúc, đối thoại với Nhân dân; tiếp nhận, giải quyết đơn thư' },
        { code: 'II.6', title: 'Tham gia bảo đảm quốc phòng, an ninh' },
      ],
    },
    {
      code: 'III', title: 'Đánh giá chung',
      children: [{ code: 'III.1', title: 'Ưu điểm' }, { code: 'III.2', title: 'Hạn chế' }, { code: 'III.3', title: 'Nguyên nhân' }],
    },
    { code: 'IV', title: 'Nhiệm vụ trọng tâm năm tới' },
    { code: 'V', title: 'Kiến nghị, đề xuất' },
  ],
  indicators: [
    count('TT_BUOI', 'Số buổi tuyên truyền', 'buổi', 'II.1'),
    count('TT_LUOT_NGUOI', 'Số lượt người tham gia tuyên truyền', 'lượt người', 'II.1'),
    count('NDDK_CAN', 'Số nhà Đại đoàn kết xây mới, sửa chữa', 'căn', 'II.2', EXACT),
    money('NDDK_GIA_TRI', 'Giá trị hỗ trợ xây dựng, sửa chữa nhà Đại đoàn kết', 'II.2'),
    money('QUY_VAN_DONG', 'Số tiền vận động Quỹ "Vì người nghèo", an sinh xã hội', 'II.2'),
    count('SUAT_QUA', 'Số suất quà trao tặng', 'suất', 'II.2'),
    money('SUAT_QUA_GIA_TRI', 'Tổng trị giá quà trao tặng', 'II.2'),
    count('MO_HINH', 'Số mô hình, câu lạc bộ', 'mô hình', 'II.2', EXACT),
    count('MO_HINH_THANH_VIEN', 'Số thành viên mô hình, câu lạc bộ', 'thành viên', 'II.2'),
    coverage('KDC_VAN_HOA', 'Khu dân cư đạt danh hiệu "Khu dân cư văn hóa"', 'khu dân cư', 'II.2'),
    coverage('GD_VAN_HOA', 'Hộ gia đình đạt danh hiệu "Gia đình văn hóa"', 'hộ', 'II.2'),
    count('GS_CUOC', 'Số cuộc giám sát', 'cuộc', 'II.3', EXACT),
    count('GS_DON_VI', 'Số đơn vị được giám sát', 'đơn vị', 'II.3', EXACT),
    count('PBXH_HOI_NGHI', 'Số hội nghị phản biện xã hội', 'hội nghị', 'II.3', EXACT),
    coverage('PBXH_XA_TO_CHUC', 'Xã, thị trấn đã tổ chức hội nghị phản biện xã hội', 'xã, thị trấn', 'II.3'),
    count('GOP_Y_VAN_BAN', 'Số văn bản được tham gia góp ý', 'văn bản', 'II.3'),
    count('HV_KET_NAP', 'Số hội viên, đoàn viên kết nạp mới', 'hội viên', 'II.4'),
    count('DT_CUOC', 'Số cuộc đối thoại với Nhân dân', 'cuộc', 'II.5', EXACT),
    count('DT_LUOT_NGUOI', 'Số lượt người tham gia đối thoại', 'lượt người', 'II.5'),
    count('DT_Y_KIEN', 'Số ý kiến, kiến nghị tại các cuộc đối thoại', 'ý kiến', 'II.5'),
    count('TXCT_CUOC', 'Số cuộc tiếp xúc cử tri', 'cuộc', 'II.5', EXACT),
    count('TXCT_CU_TRI', 'Số lượt cử tri tham dự tiếp xúc', 'lượt cử tri', 'II.5'),
    count('DON_THU_TIEP_NHAN', 'Số đơn thư tiếp nhận', 'đơn', 'II.5', EXACT),
    count('DON_THU_GIAI_QUYET', 'Số đơn thư đã giải quyết', 'đơn', 'II.5', EXACT),
  ],
  rules: [
    {
      code: 'R_TT_BUOI_REQUIRED', severity: 'error', kind: 'required', indicator: 'TT_BUOI',
      messageVi: 'Chưa nhập số buổi tuyên truyền (ghi 0 nếu không tổ chức).',
    },
    {
      code: 'R_TT_LUOT_GTE_BUOI', severity: 'error', kind: 'gte', left: 'TT_LUOT_NGUOI', right: 'TT_BUOI',
      messageVi: 'Số lượt người tham gia tuyên truyền không thể ít hơn số buổi tuyên truyền.',
    },
    {
      code: 'R_GS_DON_VI_GTE_CUOC', severity: 'error', kind: 'gte', left: 'GS_DON_VI', right: 'GS_CUOC',
      messageVi: 'Mỗi cuộc giám sát có ít nhất một đơn vị được giám sát: số đơn vị được giám sát không thể ít hơn số cuộc.',
    },
    {
      code: 'R_DT_LUOT_GTE_CUOC', severity: 'error', kind: 'gte', left: 'DT_LUOT_NGUOI', right: 'DT_CUOC',
      messageVi: 'Số lượt người tham gia đối thoại không thể ít hơn số cuộc đối thoại.',
    },
    {
      code: 'R_TXCT_CU_TRI_GTE_CUOC', severity: 'error', kind: 'gte', left: 'TXCT_CU_TRI', right: 'TXCT_CUOC',
      messageVi: 'Số lượt cử tri tham dự không thể ít hơn số cuộc tiếp xúc cử tri.',
    },
    {
      code: 'R_MO_HINH_TV_GTE_MO_HINH', severity: 'warning', kind: 'gte', left: 'MO_HINH_THANH_VIEN', right: 'MO_HINH',
      messageVi: 'Số thành viên ít hơn số mô hình, câu lạc bộ: đề nghị kiểm tra lại.',
    },
    {
      code: 'R_DON_THU_GQ_LE_TN', severity: 'warning', kind: 'gte', left: 'DON_THU_TIEP_NHAN', right: 'DON_THU_GIAI_QUYET',
      messageVi: 'Số đơn thư đã giải quyết nhiều hơn số đơn thư tiếp nhận: nếu có đơn thư tồn từ kỳ trước, đề nghị ghi rõ trong phần thuyết minh.',
    },
    {
      code: 'R_KDC_VAN_HOA_LE', severity: 'error', kind: 'ratio_le', indicator: 'KDC_VAN_HOA',
      messageVi: 'Số khu dân cư đạt danh hiệu không thể lớn hơn tổng số khu dân cư.',
    },
    {
      code: 'R_GD_VAN_HOA_LE', severity: 'error', kind: 'ratio_le', indicator: 'GD_VAN_HOA',
      messageVi: 'Số hộ đạt danh hiệu "Gia đình văn hóa" không thể lớn hơn tổng số hộ.',
    },
    {
      code: 'R_PBXH_XA_LE', severity: 'error', kind: 'ratio_le', indicator: 'PBXH_XA_TO_CHUC',
      messageVi: 'Số xã, thị trấn đã tổ chức phản biện xã hội không thể lớn hơn tổng số xã, thị trấn.',
    },
    {
      code: 'R_HV_KET_NAP_REQUIRED', severity: 'warning', kind: 'required', indicator: 'HV_KET_NAP',
      messageVi: 'Chưa nhập số hội viên, đoàn viên kết nạp mới (các tổ chức không có hội viên bỏ qua cảnh báo này).',
    },
  ] satisfies ValidationRule[],
});

/** Published template versions are immutable: freeze so no caller can edit the shared constant by accident. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
