import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { Nfc } from '../common/nfc';

const PURPOSES = ['b/c', 'đ/b', 't/d'] as const;

export class DraftReportDto {
  @ApiPropertyOptional({
    example: 'tổng kết công tác dân vận năm 2026, nhiệm vụ trọng tâm năm 2027',
    description: 'trích yếu; default from the cycle period',
  })
  @IsOptional()
  @Nfc()
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  title?: string;

  @ApiPropertyOptional({ example: 'Tam Đường', description: "place of the date line; default from the issuing body's name" })
  @IsOptional()
  @Nfc()
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  place?: string;

  @ApiPropertyOptional({ example: 'ĐẢNG BỘ TỈNH LAI CHÂU', description: 'the body above the issuer; default from the registry parent' })
  @IsOptional()
  @Nfc()
  @IsString()
  @MaxLength(200)
  superiorBody?: string;

  @ApiPropertyOptional({ enum: ['party', 'state'], description: "numbering and header scheme; default from the issuing body's kind" })
  @IsOptional()
  @IsIn(['party', 'state'], { message: 'scheme must be party or state' })
  scheme?: 'party' | 'state';

  @ApiPropertyOptional({ example: 'Tạo lại từ số liệu sau khi Hội Nông dân đính chính', description: 'why this draft' })
  @IsOptional()
  @Nfc()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class FigureSourceDto {
  @ApiProperty({ example: 'hlhpn-tam-duong' }) @IsString() @MaxLength(100) unitId: string;
  @ApiProperty({ example: '0b6f3a52-6a3e-4c53-9d0e-2b8f0f1c8f21' }) @IsString() @MaxLength(100) sourceEventId: string;
  @ApiProperty({ example: '1234' })
  @IsString()
  @Matches(/^\d+$/, { message: 'sourcePosition must be a decimal integer' })
  sourcePosition: string;
}

export class IndicatorProvenanceDto {
  @ApiProperty({ example: 'TT_BUOI' }) @IsString() @MaxLength(60) code: string;
  @ApiPropertyOptional({
    type: [FigureSourceDto],
    maxItems: 100000,
    description: 'deprecated: a run cites its indicator by code; inline sources (older clients) must be ones the drafts already cite',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100000)
  @ValidateNested({ each: true })
  @Type(() => FigureSourceDto)
  sources?: FigureSourceDto[];
}

export class RunProvenanceDto {
  @ApiProperty({ type: [IndicatorProvenanceDto] })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => IndicatorProvenanceDto)
  indicators: IndicatorProvenanceDto[];
}

export class RunDto {
  @ApiProperty({ example: 'MTTQ và các đoàn thể các cấp đã phối hợp tổ chức 205 buổi tuyên truyền' })
  @Nfc()
  @IsString()
  @MaxLength(20000)
  text: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() bold?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() italic?: boolean;
  @ApiPropertyOptional({ example: 'Hội LHPN các cấp tổ chức 120 buổi …' })
  @IsOptional()
  @Nfc()
  @IsString()
  @MaxLength(20000)
  footnote?: string;
  @ApiPropertyOptional({
    type: RunProvenanceDto,
    description: 'kept from the version it came from; sources must be ones the drafts already cite',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => RunProvenanceDto)
  provenance?: RunProvenanceDto;
}

export class ParagraphDto {
  @ApiProperty({ type: [RunDto] })
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => RunDto)
  runs: RunDto[];
  @ApiPropertyOptional({ enum: ['justify', 'center', 'left'] }) @IsOptional() @IsIn(['justify', 'center', 'left']) align?:
    | 'justify'
    | 'center'
    | 'left';
}

export class SectionDto {
  @ApiPropertyOptional({ example: 'II- KẾT QUẢ THỰC HIỆN' }) @IsOptional() @Nfc() @IsString() @MaxLength(1000) heading?: string;
  @ApiPropertyOptional({ enum: [1, 2, 3] }) @IsOptional() @IsIn([1, 2, 3], { message: 'headingLevel must be 1, 2 or 3' }) headingLevel?:
    | 1
    | 2
    | 3;
  @ApiProperty({ type: [ParagraphDto] })
  @IsArray()
  @ArrayMaxSize(2000)
  @ValidateNested({ each: true })
  @Type(() => ParagraphDto)
  paragraphs: ParagraphDto[];
  @ApiPropertyOptional({ type: () => [SectionDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => SectionDto)
  sections?: SectionDto[];
}

export class RecipientDto {
  @ApiProperty({ example: 'MTTQ và các đoàn thể huyện' }) @Nfc() @IsString() @MinLength(2) @MaxLength(300) name: string;
  @ApiPropertyOptional({ enum: PURPOSES })
  @IsOptional()
  @Nfc()
  @IsIn(PURPOSES as unknown as string[], { message: 'purpose must be one of b/c, đ/b, t/d' })
  purpose?: (typeof PURPOSES)[number];
  @ApiPropertyOptional({
    example: ['mttq-tam-duong', 'hlhpn-tam-duong'],
    description: 'registry units this line stands for (distribution delivers to each)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20000)
  @IsString({ each: true })
  unitIds?: string[];
}

export class ReviseReportDto {
  @ApiProperty({ example: 1, description: 'the version the edit starts from (must be the latest)' })
  @IsInt()
  @Min(1)
  baseVersion: number;
  @ApiPropertyOptional({ example: 'Rút gọn phần đánh giá theo ý kiến Thường trực' })
  @IsOptional()
  @Nfc()
  @IsString()
  @MaxLength(1000)
  note?: string;
  @ApiPropertyOptional({ example: 'tổng kết công tác dân vận năm 2026' })
  @IsOptional()
  @Nfc()
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  title?: string;
  @ApiPropertyOptional({ example: 'Tam Đường' })
  @IsOptional()
  @Nfc()
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  place?: string;
  @ApiPropertyOptional({ type: [SectionDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => SectionDto)
  body?: SectionDto[];
  @ApiPropertyOptional({ type: [RecipientDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => RecipientDto)
  recipients?: RecipientDto[];
  @ApiPropertyOptional({ example: ['Văn phòng Huyện ủy'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Nfc()
  @IsString({ each: true })
  archive?: string[];
}
