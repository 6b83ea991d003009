import { consolidate, consolidatedIndicator } from '@kybaocao/domain/consolidation/consolidate';
import type { ApprovedSubmission, Consolidation } from '@kybaocao/domain/consolidation/consolidation.model';
import { coverageAmong, coverageLine, missingCoverageLine, unitsReached, type CoverageUnit } from '@kybaocao/domain/consolidation/coverage';
import { DAN_VAN_PHRASES } from '@kybaocao/domain/consolidation/dan-van.phrases';
import { breakdownText, changeText, planText, totalText, type IndicatorPhrase } from '@kybaocao/domain/consolidation/wording';
import type { OfficialDocument } from '@kybaocao/domain/document/document.model';
import { DAN_VAN_ANNUAL_TEMPLATE } from '@kybaocao/domain/templates/dan-van-annual.template';
import type { Figures, ReportTemplate } from '@kybaocao/domain/templates/report-template';

/**
 * A demo report in the frame of reference 001 (Huyện ủy Tam Đường, tổng kết công tác dân vận năm 2022), every
 * number of which is computed from demo submissions by the consolidation module: the renderer's spec and the
 * sample script use it. Figures of footnotes 19, 20 and 23 are 001's own; the others are invented.
 */

export const DEMO_TEMPLATE: ReportTemplate = {
  ...DAN_VAN_ANNUAL_TEMPLATE,
  indicators: [
    ...DAN_VAN_ANNUAL_TEMPLATE.indicators,
    {
      code: 'XOA_NHA_TAM',
      name: 'Số nhà tạm được xóa',
      unit: 'căn',
      sectionCode: 'II.2',
      aggregation: 'sum',
      valueType: 'integer',
      allowedQualifiers: ['luy_ke'],
    },
  ],
};

/** The 13 xã, thị trấn of Tam Đường in the order the demo district lists them. */
export const DEMO_COMMUNES: CoverageUnit[] = [
  ['thi-tran', 'Thị trấn'],
  ['khun-ha', 'Khun Há'],
  ['then-sin', 'Thèn Sin'],
  ['ban-giang', 'Bản Giang'],
  ['nung-nang', 'Nùng Nàng'],
  ['son-binh', 'Sơn Bình'],
  ['binh-lu', 'Bình Lư'],
  ['ban-hon', 'Bản Hon'],
  ['ban-bo', 'Bản Bo'],
  ['ho-thau', 'Hồ Thầu'],
  ['giang-ma', 'Giang Ma'],
  ['na-tam', 'Nà Tăm'],
  ['ta-leng', 'Tả Lèng'],
].map(([unitId, unitName]) => ({ unitId, unitName }));

const ORGANISATIONS: [string, string, string, Figures][] = [
  [
    'mttq',
    'MTTQ',
    'MTTQ',
    {
      TT_BUOI: { value: 326 },
      TT_LUOT_NGUOI: { value: 3017 },
      HV_KET_NAP: { value: 0 },
      QUY_VAN_DONG: { value: 100, qualifier: 'tren' },
    },
  ],
  [
    'hlhpn',
    'Hội LHPN',
    'HLHPN',
    { TT_BUOI: { value: 120 }, TT_LUOT_NGUOI: { value: 5400, qualifier: 'tren' }, HV_KET_NAP: { value: 215 } },
  ],
  ['hnd', 'Hội Nông dân', 'HND', { TT_BUOI: { value: 85 }, TT_LUOT_NGUOI: { value: 2150 }, HV_KET_NAP: { value: 97 } }],
  ['dtn', 'Huyện đoàn', 'DTN', { TT_BUOI: { value: 64 }, TT_LUOT_NGUOI: { value: 1920 }, HV_KET_NAP: { value: 180 } }],
  ['hccb', 'Hội CCB', 'HCCB', { TT_BUOI: { value: 13 }, TT_LUOT_NGUOI: { value: 714 }, HV_KET_NAP: { value: 22 } }],
  ['hnct', 'Hội Người cao tuổi', 'HNCT', { QUY_VAN_DONG: { value: 92, qualifier: 'tren' } }],
  ['hnncdc', 'Hội Nạn nhân chất độc da cam/dioxin', 'HNNCDDC', { QUY_VAN_DONG: { value: 85, qualifier: 'tren' } }],
  ['bvd-quy-tinh', 'quỹ "Vì người nghèo" tỉnh', 'MTTQ', { NDDK_CAN: { value: 7 }, NDDK_GIA_TRI: { value: 350 } }],
  ['bvd-quy-huyen', 'quỹ "Vì người nghèo" huyện', 'MTTQ', { NDDK_CAN: { value: 8 }, NDDK_GIA_TRI: { value: 220 } }],
];
const HOUSES: Record<string, number> = { 'son-binh': 5, 'binh-lu': 2, 'ban-giang': 5, 'ban-hon': 8, 'ban-bo': 1 };
const HELD_PBXH = new Set(['ho-thau', 'giang-ma', 'na-tam', 'ban-bo', 'ban-hon', 'son-binh', 'binh-lu', 'ta-leng']);

export function demoSubmissions(): ApprovedSubmission[] {
  const orgs = ORGANISATIONS.map(([unitId, unitName, unitKind, figures], i) => ({
    unitId,
    unitName,
    unitKind,
    figures,
    sourceEventId: `demo-evt-${unitId}`,
    sourcePosition: String(1000 + i),
  }));
  const communes = DEMO_COMMUNES.map(({ unitId, unitName }, i) => {
    const figures: Figures = { PBXH_XA_TO_CHUC: { numerator: HELD_PBXH.has(unitId) ? 1 : 0, denominator: 1 } };
    if (HOUSES[unitId] !== undefined) figures.XOA_NHA_TAM = { value: HOUSES[unitId] };
    return { unitId, unitName, unitKind: 'DANG_UY_XA', figures, sourceEventId: `demo-evt-${unitId}`, sourcePosition: String(2000 + i) };
  });
  return [...orgs, ...communes];
}

export function demoConsolidation(): Consolidation {
  return consolidate({
    template: DEMO_TEMPLATE,
    submissions: demoSubmissions(),
    unitOrder: [
      'mttq',
      'hlhpn',
      'hnd',
      'dtn',
      'hccb',
      'hnct',
      'hnncdc',
      'bvd-quy-tinh',
      'bvd-quy-huyen',
      'son-binh',
      'binh-lu',
      'ban-giang',
      'ban-hon',
      'ban-bo',
      ...DEMO_COMMUNES.map((u) => u.unitId),
    ],
    previous: { label: 'năm 2021', totals: { TT_BUOI: { value: 500 } } },
    targets: { HV_KET_NAP: 523 },
  });
}

const HOUSES_PHRASE: IndicatorPhrase = {
  part: '{NDDK_CAN} do {unit} tài trợ, trị giá {NDDK_GIA_TRI}',
  total:
    'Ban Thường trực MTTQ huyện phối hợp với Ban vận động quỹ "Vì người nghèo" các cấp triển khai làm mới {NDDK_CAN} đại đoàn kết ' +
    'cho hộ nghèo, trị giá {NDDK_GIA_TRI}',
  formats: { NDDK_CAN: { noun: 'nhà' } },
};
const FUNDS_PHRASE: IndicatorPhrase = {
  prefix: 'Vận động ',
  separator: ', ',
  suffix: '.',
  partByUnit: {
    mttq: 'ủng hộ quỹ "Vì người nghèo" đạt {QUY_VAN_DONG}',
    hnct: 'ủng hộ quỹ chăm sóc Người cao tuổi được {QUY_VAN_DONG}',
    hnncdc: 'quỹ chung tay xoa dịu nỗi đau da cam dioxin được {QUY_VAN_DONG}',
  },
  total:
    'Tổ chức vận động ủng hộ quỹ "Vì người nghèo", quỹ chăm sóc Người cao tuổi, quỹ chung tay xoa dịu nỗi đau da cam dioxin ' +
    'với tổng số tiền {QUY_VAN_DONG}',
};
const TEMPORARY_HOUSES_PHRASE: IndicatorPhrase = {
  part: '{unit} {XOA_NHA_TAM}',
  separator: ', ',
  total: 'Thực hiện xóa nhà tạm {XOA_NHA_TAM} ({breakdown})',
  formats: { XOA_NHA_TAM: { noun: 'nhà', pad: 1 } },
};

/** The demo report as a Party document of Huyện ủy Tam Đường, numbered and dated, not yet signed. */
export function demoReport(c: Consolidation = demoConsolidation()): OfficialDocument {
  const sessions = consolidatedIndicator(c, 'TT_BUOI');
  const members = consolidatedIndicator(c, 'HV_KET_NAP');
  const pbxh = coverageAmong(DEMO_COMMUNES, unitsReached(consolidatedIndicator(c, 'PBXH_XA_TO_CHUC')));
  const every = coverageAmong(
    DEMO_COMMUNES,
    DEMO_COMMUNES.map((u) => u.unitId),
  );
  const sentence = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
  return {
    header: { partyStyle: true, superiorBody: 'ĐẢNG BỘ TỈNH LAI CHÂU', issuingBody: 'HUYỆN ỦY TAM ĐƯỜNG' },
    number: { scheme: 'party', number: 456, typeCode: 'BC', bodySymbol: 'HU' },
    place: 'Tam Đường',
    date: '2022-12-06',
    title: 'tổng kết công tác dân vận năm 2022,\nnhiệm vụ trọng tâm năm 2023',
    body: [
      {
        heading: 'Phần thứ nhất\nKẾT QUẢ CÔNG TÁC DÂN VẬN NĂM 2022',
        headingLevel: 1,
        paragraphs: [],
        sections: [
          {
            heading: 'I- ĐẶC ĐIỂM TÌNH HÌNH',
            paragraphs: [
              {
                runs: [
                  {
                    text:
                      'Tam Đường có tổng diện tích tự nhiên là 66.315,44ha, gồm 13 xã, thị trấn; 126 bản; ' +
                      'trên 57.000 nhân khẩu. Huyện có 12 dân tộc cùng sinh sống.',
                  },
                ],
              },
            ],
          },
          {
            heading: 'II- KẾT QUẢ CÔNG TÁC DÂN VẬN CỦA MẶT TRẬN TỔ QUỐC VÀ CÁC TỔ CHỨC CHÍNH TRỊ - XÃ HỘI',
            paragraphs: [
              {
                runs: [
                  {
                    text: `${totalText(c, 'TT_BUOI', DAN_VAN_PHRASES.TT_BUOI)}`,
                    footnote: `${breakdownText(c, 'TT_BUOI', DAN_VAN_PHRASES.TT_BUOI).text}.`,
                  },
                  { text: ` (${changeText(sessions)}); kết nạp mới ${totalText(c, 'HV_KET_NAP')}, ${planText(members)}.` },
                ],
              },
              {
                runs: [
                  {
                    text: totalText(c, 'NDDK_CAN', HOUSES_PHRASE),
                    footnote: `Tại xã Nà Tăm, Bản Bo, Tả Lèng, Giang Ma, Bình Lư, Sơn Bình; ${breakdownText(c, 'NDDK_CAN', HOUSES_PHRASE).text}.`,
                  },
                  { text: '. ' },
                  { text: totalText(c, 'QUY_VAN_DONG', FUNDS_PHRASE), footnote: breakdownText(c, 'QUY_VAN_DONG', FUNDS_PHRASE).text },
                  { text: '.' },
                ],
              },
              {
                runs: [
                  {
                    text:
                      'Củng cố tổ chức Ban thanh tra nhân dân, Ban giám sát đầu tư của cộng đồng tại ' +
                      `${coverageLine(every, 'xã, thị trấn')}; ${coverageLine(pbxh, 'xã, thị trấn')} tổ chức hội nghị phản biện xã hội, ` +
                      `${missingCoverageLine(pbxh, 'xã', 'tổ chức hội nghị phản biện xã hội')}. Tích cực tham gia phong trào xây dựng nông thôn mới`,
                    footnote: `${totalText(c, 'XOA_NHA_TAM', TEMPORARY_HOUSES_PHRASE)}.`,
                  },
                  { text: '.' },
                ],
              },
            ],
          },
        ],
      },
      {
        heading: 'Phần thứ hai\nNHIỆM VỤ TRỌNG TÂM CÔNG TÁC DÂN VẬN NĂM 2023',
        headingLevel: 1,
        paragraphs: [
          {
            runs: [
              {
                text: sentence(
                  'tăng cường công tác quán triệt, tuyên truyền thực hiện các văn bản của Trung ương, của tỉnh, của huyện ' +
                    'về công tác dân vận; nâng cao chất lượng, hiệu quả tiếp xúc, đối thoại với Nhân dân.',
                ),
              },
            ],
          },
          {
            runs: [
              {
                text:
                  'Tiếp tục quan tâm củng cố, kiện toàn, nâng cao hiệu quả hoạt động Ban Dân vận Huyện ủy, Mặt trận Tổ quốc và ' +
                  'các tổ chức chính trị - xã hội.',
              },
            ],
          },
        ],
      },
    ],
    signature: { authority: 'T/M', onBehalfOf: 'BAN THƯỜNG VỤ', title: 'PHÓ BÍ THƯ', name: 'Cao Trang Trọng' },
    recipients: [
      { name: 'Ban Dân vận Tỉnh ủy', purpose: 'b/c' },
      { name: 'TT Huyện ủy, HĐND, lãnh đạo UBND huyện', purpose: 'b/c' },
      { name: 'Các Ban đảng, Văn phòng Huyện ủy', purpose: 'đ/b' },
      { name: 'MTTQ và các đoàn thể huyện', purpose: 't/d' },
      { name: 'Các chi, đảng bộ trực thuộc', purpose: 't/d' },
    ],
    archive: ['Văn phòng Huyện ủy'],
  };
}
