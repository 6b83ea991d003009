import type { Dayjs } from 'dayjs';
import type { PeriodKind } from '../open-cycle.hooks';

export const DATE_FORMAT = 'DD/MM/YYYY';

/** What the "Mở kỳ báo cáo" form holds (the units and their own deadlines are kept beside it). */
export interface FormValues {
  templateId: string;
  kind: PeriodKind;
  year: number;
  index?: number;
  label: string;
  dataFrom: Dayjs;
  dataTo: Dayjs;
  /** The cycle compared with ("cùng kỳ năm trước"); '' = no comparison. */
  previousCycleId?: string;
  hasRequest?: boolean;
  requestReference?: string;
  requestDate?: Dayjs;
  requestIssuer?: string;
  submissionDeadline: Dayjs;
  reviewDue: Dayjs;
  commentsDue: Dayjs;
  signOffDue: Dayjs;
  distributionDue: Dayjs;
  issuingSymbol: string;
  signerAuthority: string;
  signerTitle: string;
  signerName: string;
}

/** The fields each step validates before "Tiếp tục". */
export const STEP_FIELDS: (keyof FormValues)[][] = [
  ['templateId', 'kind', 'year', 'index', 'label', 'dataFrom', 'dataTo'],
  ['requestReference', 'requestDate', 'requestIssuer'],
  [],
  ['submissionDeadline', 'reviewDue', 'commentsDue', 'signOffDue', 'distributionDue'],
  ['issuingSymbol', 'signerAuthority', 'signerTitle', 'signerName'],
];

export const STEP_TITLES = ['Mẫu và kỳ báo cáo', 'Văn bản yêu cầu', 'Đơn vị báo cáo', 'Mốc thời gian', 'Ký ban hành'];
