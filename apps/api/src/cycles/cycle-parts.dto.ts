import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { Nfc } from '../common/nfc';

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export const dateMessage = (field: string) => ({ message: `${field} must be a date YYYY-MM-DD` });

export class PeriodDto {
  @ApiProperty({ example: 'annual', description: "'annual', 'quarter', 'six-month', 'nine-month', 'thematic', 'ad-hoc'" })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  kind: string;

  @ApiPropertyOptional({ example: 2025, minimum: 2000, maximum: 2100 })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ example: 1, description: 'quarter number' })
  @IsOptional()
  @IsInt()
  @Min(1)
  index?: number;

  @ApiProperty({ example: 'năm 2025' })
  @Nfc()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  label: string;

  @ApiProperty({ example: '2024-12-15' })
  @Matches(ISO_DATE, dateMessage('period.dataFrom'))
  dataFrom: string;

  @ApiProperty({ example: '2025-12-14' })
  @Matches(ISO_DATE, dateMessage('period.dataTo'))
  dataTo: string;

  @ApiPropertyOptional({ example: { reference: 'Công văn số 1257/SNV-XDCQ&TCBM', date: '2024-04-26', issuer: 'Sở Nội vụ' } })
  @IsOptional()
  @Nfc()
  @IsObject()
  requestedBy?: Record<string, unknown>;
}

export class IssuingBodyDto {
  @ApiProperty({ example: 'huyen-uy-tam-duong' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  unitId: string;

  @ApiProperty({ example: 'Huyện ủy Tam Đường' })
  @Nfc()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'HU', description: 'symbol in the document number, as in "Số 456-BC/HU"' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  symbol: string;
}

export class SignerDto {
  @ApiProperty({ enum: ['T/M', 'K/T', 'T/L', 'TUQ', 'TM.', 'KT.', 'TL.'] })
  @IsIn(['T/M', 'K/T', 'T/L', 'TUQ', 'TM.', 'KT.', 'TL.'])
  authority: string;

  @ApiProperty({ example: 'PHÓ BÍ THƯ' })
  @Nfc()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title: string;

  @ApiProperty({ example: 'Nguyễn Văn A' })
  @Nfc()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;
}

export class MilestonesDto {
  @ApiProperty({ example: '2025-12-16' }) @Matches(ISO_DATE, dateMessage('milestones.submissionDeadline')) submissionDeadline: string;
  @ApiProperty({ example: '2025-12-19' }) @Matches(ISO_DATE, dateMessage('milestones.reviewDue')) reviewDue: string;
  @ApiProperty({ example: '2025-12-23' }) @Matches(ISO_DATE, dateMessage('milestones.commentsDue')) commentsDue: string;
  @ApiProperty({ example: '2025-12-26' }) @Matches(ISO_DATE, dateMessage('milestones.signOffDue')) signOffDue: string;
  @ApiProperty({ example: '2025-12-29' }) @Matches(ISO_DATE, dateMessage('milestones.distributionDue')) distributionDue: string;
}
