import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, MaxLength, Min, MinLength } from 'class-validator';
import { Nfc } from '../common/nfc';

const AUTHORITIES = ['T/M', 'K/T', 'T/L', 'T/UQ', 'TM.', 'KT.', 'TL.', 'TUQ.'] as const;

export class CommentDto {
  @ApiProperty({ example: 1 }) @IsInt() @Min(1) version: number;
  @ApiProperty({ example: 's2.4/p1', description: 'a passage id of that version (GET …/versions/{version} lists them)' })
  @IsString()
  @Matches(/^(t|r\d+|s\d+(\.\d+)*(\/p\d+(\/f\d+)?)?)$/, { message: 'passageId must be a passage id such as s2.4/p1' })
  passageId: string;
  @ApiPropertyOptional({ example: '312 hội viên' }) @IsOptional() @Nfc() @IsString() @MinLength(1) @MaxLength(2000) quote?: string;
  @ApiProperty({ example: 'Đề nghị kiểm tra lại số hội viên kết nạp mới.' }) @Nfc() @IsString() @MinLength(1) @MaxLength(4000) text: string;
}

export class ResolveCommentDto {
  @ApiPropertyOptional({ example: 'Đã sửa ở phiên bản 3.' }) @IsOptional() @Nfc() @IsString() @MaxLength(2000) note?: string;
}

export class SignReportDto {
  @ApiProperty({ example: 3, description: 'the version the signer read (must be the latest)' }) @IsInt() @Min(1) version: number;
  @ApiPropertyOptional({ enum: AUTHORITIES, description: "default: the cycle's planned signer" })
  @IsOptional()
  @IsIn(AUTHORITIES as unknown as string[], { message: `authority must be one of ${AUTHORITIES.join(', ')}` })
  authority?: (typeof AUTHORITIES)[number];
  @ApiPropertyOptional({ example: 'BAN THƯỜNG VỤ' }) @IsOptional() @Nfc() @IsString() @MinLength(2) @MaxLength(200) onBehalfOf?: string;
  @ApiPropertyOptional({ example: 'PHÓ BÍ THƯ' }) @IsOptional() @Nfc() @IsString() @MinLength(2) @MaxLength(200) title?: string;
  @ApiPropertyOptional({ example: 'Cao Trang Trọng' }) @IsOptional() @Nfc() @IsString() @MinLength(2) @MaxLength(200) name?: string;
  @ApiPropertyOptional({
    example: 'Số liệu của Hội Nông dân đã được đối chiếu trực tiếp với đơn vị.',
    description: 'sign although error-level checks fail; recorded as ReportChecksOverridden in the audit trail',
  })
  @IsOptional()
  @Nfc()
  @IsString()
  @MinLength(5)
  @MaxLength(2000)
  overrideReason?: string;
}

export class NumberReportDto {
  @ApiPropertyOptional({ example: '2026-12-28', description: 'date of issue; default today (Vietnam)' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'date must be a date such as 2026-12-28' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be a date such as 2026-12-28' })
  date?: string;
}

export class ReceiptDto {
  @ApiProperty({ example: 'hnd-tam-duong', description: 'the receiving unit (one the caller reports for)' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  unitId: string;
}

export class RecallDto {
  @ApiProperty({ example: 'Sai số liệu mục II.4; sẽ ban hành văn bản thay thế.' })
  @Nfc()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason: string;
}
