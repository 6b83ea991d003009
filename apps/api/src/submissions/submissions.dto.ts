import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMinSize, IsInt, IsObject, IsOptional, IsString, MaxLength, Min, ValidateBy, ValidateNested } from 'class-validator';
import { Nfc } from '../common/nfc';

/** A plain object whose every value is text (narrative: section code → text). */
const IsTextBySection = () => ValidateBy({
  name: 'isTextBySection',
  validator: {
    validate: (v: unknown) => !!v && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string'),
    defaultMessage: (args) => `${args?.property} must map section codes to text`,
  },
});

const FIGURES_EXAMPLE = { TT_BUOI: { value: 1250 }, TT_LUOT_NGUOI: { value: 98000, qualifier: 'tren' }, KDC_VAN_HOA: { numerator: 72, denominator: 72 } };

export class SubmissionContentDto {
  @ApiProperty({ example: FIGURES_EXAMPLE, description: 'indicator code → { value, qualifier? } or { numerator, denominator }' })
  @IsObject({ message: 'figures must be an object keyed by indicator code' })
  figures: Record<string, unknown>;

  @ApiProperty({ example: { 'II.1': 'Công tác tuyên truyền được triển khai sâu rộng …' }, description: 'section code → text' })
  @Nfc() @IsObject({ message: 'narrative must be an object keyed by section code' }) @IsTextBySection()
  narrative: Record<string, string>;
}

export class SubmitDto {
  @ApiPropertyOptional({ type: SubmissionContentDto, description: 'what to submit; default: the saved draft' })
  @IsOptional() @ValidateNested() @Type(() => SubmissionContentDto)
  content?: SubmissionContentDto;
}

export class ReturnReasonDto {
  @ApiPropertyOptional({ example: 'II.1' }) @IsOptional() @IsString() @MaxLength(40)
  sectionCode?: string;

  @ApiProperty({ example: 'Số lượt người tham gia chưa khớp với số buổi tuyên truyền.' }) @Nfc() @IsString() @MaxLength(4000)
  reason: string;
}

export class ReturnSubmissionDto {
  @ApiProperty({ type: [ReturnReasonDto] }) @ArrayMinSize(1, { message: 'reasons must contain at least one reason' })
  @ValidateNested({ each: true }) @Type(() => ReturnReasonDto)
  reasons: ReturnReasonDto[];

  @ApiPropertyOptional({ description: 'the version the reviewer read' }) @IsOptional() @IsInt() @Min(1)
  version?: number;
}

export class ApproveSubmissionDto {
  @ApiPropertyOptional({ description: 'the version the reviewer read' }) @IsOptional() @IsInt() @Min(1)
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
}

export class SubmissionDto {
  @ApiProperty() cycleId: string;
  @ApiProperty() unitId: string;
  @ApiProperty({ enum: ['not_started', 'draft', 'submitted', 'returned', 'resubmitted', 'approved'] }) status: string;
  @ApiProperty({ description: 'stream version; also the ETag' }) streamVersion: number;
  @ApiPropertyOptional({ type: SubmissionContentDto }) draft?: SubmissionContentDto;
  @ApiProperty({ type: [SubmissionVersionDto] }) versions: SubmissionVersionDto[];
  @ApiProperty({ type: [Object] }) returns: { version: number; reasons: { sectionCode?: string; reason: string }[] }[];
  @ApiPropertyOptional() approvedVersion?: number;
}
