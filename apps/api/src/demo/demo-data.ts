/**
 * The demo district: Huyện ủy Tam Đường (Lai Châu) as in shared/reference/001 — its Ban Dân vận, the
 * district's Front and mass organisations, and its 13 communes and township. Used by `npm start` (first
 * run) and by the tests.
 */
export interface DemoUnit {
  id: string;
  parentId: string | null;
  level: string;
  kind: string;
  canonicalName: string;
  shortName?: string;
  aliases?: string[];
}

const DISTRICT = 'huyen-uy-tam-duong';
/** The district's superior: the draft's header prints "ĐẢNG BỘ TỈNH LAI CHÂU" above "HUYỆN ỦY TAM ĐƯỜNG" and Nơi nhận "Tỉnh ủy Lai Châu (b/c)". */
const PROVINCE = 'tinh-uy-lai-chau';
const ACTIVE_FROM = '2020-01-01';

const communes: [string, string, string[]?][] = [
  ['tt-tam-duong', 'Thị trấn Tam Đường', ['Thị trấn']],
  ['xa-ban-bo', 'Bản Bo'],
  ['xa-ban-giang', 'Bản Giang'],
  ['xa-ban-hon', 'Bản Hon', ['Bản Hòn']],
  ['xa-binh-lu', 'Bình Lư'],
  ['xa-giang-ma', 'Giang Ma'],
  ['xa-ho-thau', 'Hồ Thầu'],
  ['xa-khun-ha', 'Khun Há'],
  ['xa-na-tam', 'Nà Tăm'],
  ['xa-nung-nang', 'Nùng Nàng'],
  ['xa-son-binh', 'Sơn Bình'],
  ['xa-sung-phai', 'Sùng Phài', ['Sùng Phái']],
  ['xa-then-sin', 'Thèn Sin'],
];

export const DEMO_UNITS: DemoUnit[] = [
  { id: PROVINCE, parentId: null, level: 'tinh', kind: 'TINH_UY', canonicalName: 'Tỉnh ủy Lai Châu', shortName: 'Tỉnh ủy' },
  { id: DISTRICT, parentId: PROVINCE, level: 'huyen', kind: 'HUYEN_UY', canonicalName: 'Huyện ủy Tam Đường', shortName: 'Huyện ủy' },
  {
    id: 'bdv-tam-duong',
    parentId: DISTRICT,
    level: 'huyen',
    kind: 'BAN_DAN_VAN',
    canonicalName: 'Ban Dân vận Huyện ủy Tam Đường',
    shortName: 'Ban Dân vận',
  },
  {
    id: 'mttq-tam-duong',
    parentId: DISTRICT,
    level: 'huyen',
    kind: 'MTTQ',
    canonicalName: 'Ủy ban MTTQ Việt Nam huyện Tam Đường',
    shortName: 'MTTQ',
  },
  {
    id: 'hlhpn-tam-duong',
    parentId: DISTRICT,
    level: 'huyen',
    kind: 'HLHPN',
    canonicalName: 'Hội Liên hiệp Phụ nữ huyện Tam Đường',
    shortName: 'Hội LHPN',
  },
  {
    id: 'hnd-tam-duong',
    parentId: DISTRICT,
    level: 'huyen',
    kind: 'HND',
    canonicalName: 'Hội Nông dân huyện Tam Đường',
    shortName: 'Hội Nông dân',
  },
  {
    id: 'dtn-tam-duong',
    parentId: DISTRICT,
    level: 'huyen',
    kind: 'DTN',
    canonicalName: 'Huyện đoàn Tam Đường',
    shortName: 'Huyện đoàn',
    aliases: ['Đoàn TNCS Hồ Chí Minh huyện Tam Đường'],
  },
  {
    id: 'hccb-tam-duong',
    parentId: DISTRICT,
    level: 'huyen',
    kind: 'HCCB',
    canonicalName: 'Hội Cựu chiến binh huyện Tam Đường',
    shortName: 'Hội CCB',
  },
  {
    id: 'ldld-tam-duong',
    parentId: DISTRICT,
    level: 'huyen',
    kind: 'LDLD',
    canonicalName: 'Liên đoàn Lao động huyện Tam Đường',
    shortName: 'LĐLĐ',
  },
  ...communes.map(([id, name, aliases]) => ({
    id: `du-${id}`,
    parentId: DISTRICT,
    level: 'xa',
    kind: 'DANG_UY_XA',
    canonicalName: name.startsWith('Thị trấn') ? 'Đảng ủy thị trấn Tam Đường' : `Đảng ủy xã ${name}`,
    shortName: name,
    ...(aliases ? { aliases } : {}),
  })),
];

export const DEMO_ACTIVE_FROM = ACTIVE_FROM;
export const DEMO_DISTRICT_ID = DISTRICT;
export const DEMO_COORDINATOR = 'chuyenvien.bdv';

/** The reporting units of the demo cycle: the Front and mass organisations, and every commune. */
export const DEMO_REPORTING_UNIT_IDS = DEMO_UNITS.filter((u) => !['TINH_UY', 'HUYEN_UY', 'BAN_DAN_VAN'].includes(u.kind)).map((u) => u.id);

export function demoCycleBody(year = 2026) {
  return {
    templateId: 'dan-van-annual',
    period: { kind: 'annual', year, label: `năm ${year}`, dataFrom: `${year - 1}-12-15`, dataTo: `${year}-12-14` },
    issuingBody: { unitId: DISTRICT, name: 'Huyện ủy Tam Đường', symbol: 'HU' },
    signer: { authority: 'T/M', title: 'PHÓ BÍ THƯ', name: 'Nguyễn Văn A' },
    milestones: {
      submissionDeadline: `${year}-12-16`,
      reviewDue: `${year}-12-21`,
      commentsDue: `${year}-12-24`,
      signOffDue: `${year}-12-28`,
      distributionDue: `${year}-12-30`,
    },
    units: DEMO_REPORTING_UNIT_IDS.map((unitId) => ({ unitId })),
  };
}

export const DEMO_PASSWORD = 'kybaocao-demo';

export interface DemoUser {
  username: string;
  displayName: string;
  roles: string[];
  unitIds?: string[];
  officeUnitId?: string;
}

/** An account for every role; a reporter for every reporting unit (canbo.<unit id>). */
export const DEMO_USERS: DemoUser[] = [
  {
    username: 'chuyenvien.bdv',
    displayName: 'Nguyễn Thị Thu (chuyên viên Ban Dân vận)',
    roles: ['coordinator'],
    officeUnitId: 'bdv-tam-duong',
  },
  { username: 'lanhdao.bdv', displayName: 'Tẩn Văn Sơn (Phó Trưởng Ban Dân vận)', roles: ['reviewer'], officeUnitId: 'bdv-tam-duong' },
  { username: 'thuongtruc', displayName: 'Lò Văn Minh (Phó Bí thư Thường trực)', roles: ['standing'], officeUnitId: DISTRICT },
  { username: 'btv.pbt', displayName: 'Nguyễn Văn A (Phó Bí thư)', roles: ['signer', 'standing'], officeUnitId: DISTRICT },
  { username: 'vanthu', displayName: 'Vàng Thị Mai (văn thư)', roles: ['clerk'], officeUnitId: DISTRICT },
  ...DEMO_REPORTING_UNIT_IDS.map((unitId) => ({
    username: `canbo.${unitId}`,
    displayName: `Cán bộ ${DEMO_UNITS.find((u) => u.id === unitId)!.shortName}`,
    roles: ['reporter'],
    unitIds: [unitId],
  })),
];
