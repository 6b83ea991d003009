import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsUUID,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { Nfc } from '../common/nfc';

/** A plain object whose every value is text (narrative: section code → text). */
const IsTextBySection = () =>
  ValidateBy({
    name: 'isTextBySection',
    validator: {
      validate: (v: unknown) => !!v && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string'),
      defaultMessage: (args) => `${args?.property} must map section codes to text`,
    },
  });

/** Caps below the body limit: what a template can hold, with room to spare. */
export const MAX_FIGURES = 200;
export const MAX_SECTIONS = 100;
export const MAX_SECTION_TEXT = 20000;
export const MAX_RETURN_REASONS = 50;
const CODE = /^[\p{L}\p{N}_.\-]{1,60}$/u;

/** At most `max` keys, each a code (letters, digits, _ . -; ≤ 60 characters). */
const IsCodeMap = (max: number, what: string) =>
  ValidateBy({
    name: 'isCodeMap',
    validator: {
      validate: (v: unknown) =>
        !v || typeof v !== 'object' || (Object.keys(v).length <= max && Object.keys(v).every((k) => CODE.test(k.trim()))),
      defaultMessage: (args) =>
        `${args?.property} must have at most ${max} ${what}, each keyed by a code of at most 60 letters, digits, _ . -`,
    },
  });

const SectionTextsWithin = (max: number) =>
  ValidateBy({
    name: 'sectionTextsWithin',
    validator: {
      validate: (v: unknown) => !v || typeof v !== 'object' || Object.values(v).every((x) => typeof x !== 'string' || x.length <= max),
      defaultMessage: (args) => `${args?.property} sections must be at most ${max} characters each`,
    },
  });

const FIGURES_EXAMPLE = {
  TT_BUOI: { value: 1250 },
  TT_LUOT_NGUOI: { value: 98000, qualifier: 'tren' },
  KDC_VAN_HOA: { numerator: 72, denominator: 72 },
};

export class SubmissionContentDto {
  @ApiProperty({ example: FIGURES_EXAMPLE, description: 'indicator code → { value, qualifier? } or { numerator, denominator }' })
  @IsObject({ message: 'figures must be an object keyed by indicator code' })
  @IsCodeMap(MAX_FIGURES, 'indicators')
  figures: Record<string, unknown>;

  @ApiProperty({ example: { 'II.1': 'Công tác tuyên truyền được triển khai sâu rộng …' }, description: 'section code → text' })
  @Nfc()
  @IsObject({ message: 'narrative must be an object keyed by section code' })
  @IsTextBySection()
  @IsCodeMap(MAX_SECTIONS, 'sections')
  @SectionTextsWithin(MAX_SECTION_TEXT)
  narrative: Record<string, string>;
}

export class SubmitDto {
  @ApiPropertyOptional({ type: SubmissionContentDto, description: 'what to submit; default: the saved draft' })
  @IsOptional()
  @ValidateNested()
  @Type(() => SubmissionContentDto)
  content?: SubmissionContentDto;
}

export class ReturnReasonDto {
  @ApiPropertyOptional({ example: 'II.1' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  sectionCode?: string;

  @ApiProperty({ example: 'Số lượt người tham gia chưa khớp với số buổi tuyên truyền.' })
  @Nfc()
  @IsString()
  @MaxLength(4000)
  reason: string;
}

export class ReturnSubmissionDto {
  @ApiProperty({ type: [ReturnReasonDto], maxItems: MAX_RETURN_REASONS })
  @ArrayMinSize(1, { message: 'reasons must contain at least one reason' })
  @ArrayMaxSize(MAX_RETURN_REASONS, { message: `reasons must contain at most ${MAX_RETURN_REASONS} reasons` })
  @ValidateNested({ each: true })
  @Type(() => ReturnReasonDto)
  reasons: ReturnReasonDto[];

  @ApiPropertyOptional({ description: 'the version the reviewer read' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class ApproveSubmissionDto {
  @ApiPropertyOptional({ description: 'the version the reviewer read' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class SubmissionVersionDto {
  @ApiProperty() version: number;
  @ApiProperty({ enum: ['submission', 'correction'] }) kind: string;
  @ApiProperty() submittedAt: string;
  @ApiProperty() late: boolean;
  @ApiProperty() daysLate: number;
  @ApiProperty({ example: FIGURES_EXAMPLE }) figures: Record<string, unknown>;
  @ApiProperty() narrative: Record<string, string>;
  @ApiPropertyOptional({
    description: 'the lower-level cycle whose signed report these figures are (roll-up)',
    example: {
      cycleId: '5d1c2b7e-8f0a-4c3b-9a1d-2e3f4a5b6c7d',
      reportVersion: 2,
      signedEventId: '0b6f3a52-6a3e-4c53-9d0e-2b8f0f1c8f21',
      numberText: 'Số 05-BC/ĐU',
    },
  })
  source?: { cycleId: string; reportVersion: number; signedEventId: string; numberText?: string };
}

export class FromCycleDto {
  @ApiProperty({ example: '5d1c2b7e-8f0a-4c3b-9a1d-2e3f4a5b6c7d', description: "the unit's own lower-level cycle, whose report is signed" })
  @IsUUID('all', { message: 'sourceCycleId must be a UUID' })
  sourceCycleId: string;
}

export class ReturnDto {
  @ApiProperty({ example: 1, description: 'the version returned' }) version: number;
  @ApiProperty({ type: [ReturnReasonDto] }) reasons: ReturnReasonDto[];
}

export const SUBMISSION_ACTIONS = ['save-draft', 'submit', 'approve', 'return'] as const;
export type SubmissionActionName = (typeof SUBMISSION_ACTIONS)[number];

export class SubmissionDto {
  @ApiProperty() cycleId: string;
  @ApiProperty() unitId: string;
  @ApiProperty({ example: 'Hội Liên hiệp Phụ nữ huyện Tam Đường' }) unitName: string;
  @ApiPropertyOptional({ example: 'HLHPN', description: "the unit's kind: the form shows only the template's sections for this kind" })
  unitKind?: string;
  @ApiProperty({ example: 'Báo cáo tổng kết công tác dân vận năm', description: "the template's title" }) reportTitle: string;
  @ApiProperty({ example: 'năm 2026' }) periodLabel: string;
  @ApiProperty({ enum: ['planned', 'collecting', 'reviewing', 'commenting', 'signing', 'distributing', 'closed', 'cancelled'] })
  cyclePhase: string;
  @ApiProperty({ example: '2026-12-16', description: "the unit's deadline after every extension" }) deadline: string;
  @ApiProperty({ example: 'dan-van-annual' }) templateId: string;
  @ApiProperty({ example: 1 }) templateVersion: number;
  @ApiProperty({ enum: SUBMISSION_ACTIONS, isArray: true, description: 'what the caller may do now (the same rules the writes enforce)' })
  allowedActions: SubmissionActionName[];
  @ApiProperty({ enum: ['not_started', 'draft', 'submitted', 'returned', 'resubmitted', 'approved'] }) status: string;
  @ApiProperty({ description: 'stream version; also the ETag' }) streamVersion: number;
  @ApiPropertyOptional({ type: SubmissionContentDto }) draft?: SubmissionContentDto;
  @ApiProperty({ type: [SubmissionVersionDto] }) versions: SubmissionVersionDto[];
  @ApiProperty({ type: [ReturnDto] }) returns: ReturnDto[];
  @ApiPropertyOptional() approvedVersion?: number;
}

/** OpenAPI examples. */
export const CONTENT_EXAMPLE = {
  figures: { TT_BUOI: { value: 245 }, TT_LUOT_NGUOI: { value: 9800, qualifier: 'tren' } },
  narrative: { 'II.1': 'Hội LHPN các cấp tổ chức 245 buổi tuyên truyền cho 9.800 lượt hội viên.' },
};

export const SUBMISSION_EXAMPLE: SubmissionDto = {
  cycleId: '0b7c2f4e-5a6d-4e8f-9a1b-2c3d4e5f6a7b',
  unitId: 'hlhpn-tam-duong',
  unitName: 'Hội Liên hiệp Phụ nữ huyện Tam Đường',
  reportTitle: 'Báo cáo tổng kết công tác dân vận năm',
  periodLabel: 'năm 2026',
  cyclePhase: 'collecting',
  deadline: '2026-12-16',
  templateId: 'dan-van-annual',
  templateVersion: 1,
  allowedActions: ['save-draft', 'submit'],
  status: 'returned',
  streamVersion: 2,
  versions: [{ version: 1, kind: 'submission', submittedAt: '2026-12-10T03:20:00.000Z', late: false, daysLate: 0, ...CONTENT_EXAMPLE }],
  returns: [{ version: 1, reasons: [{ sectionCode: 'II.1', reason: 'Số lượt người tham gia chưa khớp với số buổi tuyên truyền.' }] }],
};
