import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { QUALIFIERS } from '@kybaocao/domain/templates';
import { Nfc } from '../common/nfc';

/** Parts of a template body (see TemplateBodyDto in templates.dto.ts). */
export class TemplateSectionDto {
  @ApiProperty({ example: 'II.3' }) @IsString() @MinLength(1) @MaxLength(40) code: string;
  @ApiProperty({ example: 'Giám sát, phản biện xã hội' }) @Nfc() @IsString() @MaxLength(500) title: string;
  @ApiPropertyOptional({ type: () => [TemplateSectionDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => TemplateSectionDto)
  children?: TemplateSectionDto[];
  @ApiPropertyOptional({ description: 'a part ("Phần thứ nhất"); top level only' }) @IsOptional() @IsBoolean() part?: boolean;
  @ApiPropertyOptional({ example: ['DANG_UY_XA'], description: 'kinds of unit that answer this section; absent: all' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(60, { each: true })
  unitKinds?: string[];
  @ApiPropertyOptional() @IsOptional() @Nfc() @IsString() @MaxLength(2000) intro?: string;
  @ApiPropertyOptional({ enum: ['roman', 'arabic'] }) @IsOptional() @IsIn(['roman', 'arabic']) numbering?: 'roman' | 'arabic';
}

export class CoverageWordingDto {
  @ApiProperty({ example: 'xã, thị trấn' }) @Nfc() @IsString() @MaxLength(200) noun: string;
  @ApiProperty({ example: 'tổ chức hội nghị phản biện xã hội' }) @Nfc() @IsString() @MaxLength(500) activity: string;
}

export class PercentTotalRuleDto {
  @ApiProperty({
    enum: ['weighted', 'ratio'],
    description: "weighted: Σ(value × weight) / Σ weight, weights from column 'by'; ratio: Σ numerator / Σ denominator × 100",
  })
  @IsIn(['weighted', 'ratio'])
  kind: 'weighted' | 'ratio';
  @ApiPropertyOptional({ example: 'TONG_SO' }) @IsOptional() @IsString() @MaxLength(60) by?: string;
  @ApiPropertyOptional({ example: 'DA_TAP_HOP' }) @IsOptional() @IsString() @MaxLength(60) numerator?: string;
  @ApiPropertyOptional({ example: 'CO_THE_TAP_HOP' }) @IsOptional() @IsString() @MaxLength(60) denominator?: string;
}

export class TableColumnDto {
  @ApiProperty({ example: 'TONG_SO' }) @IsString() @MaxLength(60) code: string;
  @ApiProperty({ example: 'Tổng số hội viên' }) @Nfc() @IsString() @MaxLength(200) label: string;
  @ApiProperty({ enum: ['integer', 'decimal', 'percent'] }) @IsString() @MaxLength(20) valueType: 'integer' | 'decimal' | 'percent';
  @ApiProperty({ enum: ['sum', 'none'] }) @IsString() @MaxLength(20) aggregation: 'sum' | 'none';
  @ApiPropertyOptional({
    type: PercentTotalRuleDto,
    description: "a percent column's total in the annex (absent: blank)",
    example: { kind: 'ratio', numerator: 'DA_TAP_HOP', denominator: 'CO_THE_TAP_HOP' },
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => PercentTotalRuleDto)
  total?: PercentTotalRuleDto;
}

export class TableRowDto {
  @ApiProperty() @IsString() @MaxLength(60) code: string;
  @ApiProperty() @Nfc() @IsString() @MaxLength(300) label: string;
}

export class TableSpecDto {
  @ApiProperty({ enum: ['units', 'fixed'] }) @IsString() @MaxLength(20) rowSource: 'units' | 'fixed';
  @ApiPropertyOptional({ type: [TableRowDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => TableRowDto)
  rows?: TableRowDto[];
  @ApiProperty({ type: [TableColumnDto] })
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => TableColumnDto)
  columns: TableColumnDto[];
  @ApiProperty({ example: 'Tổ chức' }) @Nfc() @IsString() @MaxLength(200) rowHeader: string;
  @ApiPropertyOptional({ example: 'Tổng cộng' }) @IsOptional() @Nfc() @IsString() @MaxLength(200) totalLabel?: string;
}

export class IndicatorWordingDto {
  @ApiPropertyOptional({ example: '{unit} các cấp tổ chức {TT_BUOI} tuyên truyền' })
  @IsOptional()
  @Nfc()
  @IsString()
  @MaxLength(1000)
  part?: string;
  @ApiPropertyOptional({ example: 'tổ chức {TT_BUOI} tuyên truyền' }) @IsOptional() @Nfc() @IsString() @MaxLength(1000) total?: string;
  @ApiPropertyOptional({ example: { DANG_UY_XA: '{unit} tổ chức {TT_BUOI} tuyên truyền' } })
  @IsOptional()
  @Nfc()
  @IsObject()
  partByKind?: Record<string, string>;
  @ApiPropertyOptional({ example: 'nhà' }) @IsOptional() @Nfc() @IsString() @MaxLength(100) noun?: string;
}

export class TemplateIndicatorDto {
  @ApiProperty({ example: 'XA_PBXH' }) @IsString() @MaxLength(60) code: string;
  @ApiProperty({ example: 'Tổ chức hội nghị phản biện xã hội' }) @Nfc() @IsString() @MaxLength(500) name: string;
  @ApiProperty({ example: 'đơn vị' }) @Nfc() @IsString() @MaxLength(100) unit: string;
  @ApiProperty({ example: 'II.3' }) @IsString() @MaxLength(40) sectionCode: string;
  @ApiProperty({ enum: ['sum', 'ratio', 'none'] }) @IsString() @MaxLength(20) aggregation: 'sum' | 'ratio' | 'none';
  @ApiProperty({ enum: ['integer', 'decimal', 'money', 'ratio', 'boolean', 'percent', 'table'] })
  @IsString()
  @MaxLength(20)
  valueType: 'integer' | 'decimal' | 'money' | 'ratio' | 'boolean' | 'percent' | 'table';
  @ApiProperty({ enum: QUALIFIERS, isArray: true, example: ['tren', 'gan'] })
  @IsArray()
  @ArrayMaxSize(4)
  @IsString({ each: true })
  allowedQualifiers: (typeof QUALIFIERS)[number][];
  @ApiPropertyOptional() @IsOptional() @IsBoolean() signed?: boolean;
  @ApiPropertyOptional({ enum: ['đồng', 'triệu đồng', 'tỷ đồng'] }) @IsOptional() @Nfc() @IsString() @MaxLength(20) displayUnit?: string;
  @ApiPropertyOptional({ type: CoverageWordingDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => CoverageWordingDto)
  coverage?: CoverageWordingDto;
  @ApiPropertyOptional({ type: TableSpecDto }) @IsOptional() @ValidateNested() @Type(() => TableSpecDto) table?: TableSpecDto;
  @ApiPropertyOptional() @IsOptional() @Nfc() @IsString() @MaxLength(500) annexTitle?: string;
  @ApiPropertyOptional({ type: IndicatorWordingDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => IndicatorWordingDto)
  wording?: IndicatorWordingDto;
}

export class TemplateRuleDto {
  @ApiProperty({ example: 'R_TT_LUOT_GTE_BUOI' }) @IsString() @MaxLength(60) code: string;
  @ApiProperty({ enum: ['error', 'warning'] }) @IsString() @MaxLength(20) severity: 'error' | 'warning';
  @ApiProperty({ enum: ['gte', 'ratio_le', 'required', 'non_negative', 'sum_of_parts', 'change_vs_previous'] })
  @IsString()
  @MaxLength(40)
  kind: string;
  @ApiProperty() @Nfc() @IsString() @MaxLength(1000) messageVi: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(60) left?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(60) right?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(60) indicator?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(60) total?: string;
  @ApiPropertyOptional() @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) parts?: string[];
  @ApiPropertyOptional() @IsOptional() @IsNumber() thresholdPercent?: number;
}

export class TemplateRecipientDto {
  @ApiProperty({ example: 'Thường trực Huyện ủy' }) @Nfc() @IsString() @MaxLength(300) name: string;
  @ApiPropertyOptional({ enum: ['b/c', 'đ/b', 't/d'] }) @IsOptional() @Nfc() @IsString() @MaxLength(5) purpose?: 'b/c' | 'đ/b' | 't/d';
}

export class TemplateDocumentDto {
  @ApiPropertyOptional({ enum: ['party', 'state'] }) @IsOptional() @IsString() @MaxLength(10) scheme?: 'party' | 'state';
  @ApiPropertyOptional() @IsOptional() @Nfc() @IsString() @MaxLength(1000) title?: string;
  @ApiPropertyOptional() @IsOptional() @Nfc() @IsString() @MaxLength(4000) opening?: string;
  @ApiPropertyOptional() @IsOptional() @Nfc() @IsString() @MaxLength(4000) closing?: string;
  @ApiPropertyOptional() @IsOptional() @Nfc() @IsString() @MaxLength(200) onBehalfOf?: string;
  @ApiPropertyOptional({ type: [TemplateRecipientDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => TemplateRecipientDto)
  recipients?: TemplateRecipientDto[];
  @ApiPropertyOptional({ example: ['VT', 'NV'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @Nfc()
  @IsString({ each: true })
  archive?: string[];
}
