import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { QUALIFIERS } from '../../../../libs/domain/src/templates';

/** A report template as the web form needs it (the browser runs the rules with libs/domain's template-validation). */

export class TemplateSectionDto {
  @ApiProperty({ example: 'II.1', description: 'unique across the whole tree' }) code: string;
  @ApiProperty({ example: 'Công tác tuyên truyền, vận động' }) title: string;
  @ApiPropertyOptional({ type: () => [TemplateSectionDto] }) children?: TemplateSectionDto[];
}

export class TemplateIndicatorDto {
  @ApiProperty({ example: 'TT_BUOI' }) code: string;
  @ApiProperty({ example: 'Số buổi tuyên truyền' }) name: string;
  @ApiProperty({ example: 'buổi', description: 'unit of measure' }) unit: string;
  @ApiProperty({ example: 'II.1' }) sectionCode: string;
  @ApiProperty({ enum: ['sum', 'ratio', 'none'] }) aggregation: 'sum' | 'ratio' | 'none';
  @ApiProperty({ enum: ['integer', 'decimal', 'ratio'], description: "'ratio' values are { numerator, denominator }" }) valueType: 'integer' | 'decimal' | 'ratio';
  @ApiProperty({ enum: QUALIFIERS, isArray: true }) allowedQualifiers: (typeof QUALIFIERS)[number][];
  @ApiPropertyOptional({ description: 'the value may be below zero' }) signed?: boolean;
}

export class TemplateRuleDto {
  @ApiProperty({ example: 'R_TT_LUOT_GTE_BUOI' }) code: string;
  @ApiProperty({ enum: ['error', 'warning'], description: 'error blocks a submission; warning asks for confirmation' }) severity: 'error' | 'warning';
  @ApiProperty({ enum: ['gte', 'ratio_le', 'required', 'non_negative'] }) kind: 'gte' | 'ratio_le' | 'required' | 'non_negative';
  @ApiProperty({ example: 'Số lượt người tham gia tuyên truyền không thể ít hơn số buổi tuyên truyền.' }) messageVi: string;
  @ApiPropertyOptional({ example: 'TT_LUOT_NGUOI', description: 'gte: the indicator that must be at least…' }) left?: string;
  @ApiPropertyOptional({ example: 'TT_BUOI', description: 'gte: …this one' }) right?: string;
  @ApiPropertyOptional({ description: 'ratio_le, required, non_negative: the indicator' }) indicator?: string;
}

export class TemplateDto {
  @ApiProperty({ example: 'dan-van-annual' }) id: string;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ example: 'Báo cáo tổng kết công tác dân vận năm' }) title: string;
  @ApiProperty({ type: [TemplateSectionDto], description: 'in the report\'s order' }) sections: TemplateSectionDto[];
  @ApiProperty({ type: [TemplateIndicatorDto] }) indicators: TemplateIndicatorDto[];
  @ApiProperty({ type: [TemplateRuleDto] }) rules: TemplateRuleDto[];
}

export class TemplateSummaryDto {
  @ApiProperty({ example: 'dan-van-annual' }) id: string;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ example: 'Báo cáo tổng kết công tác dân vận năm' }) title: string;
  @ApiProperty({ example: 5, description: 'top-level sections' }) sections: number;
  @ApiProperty({ example: 24 }) indicators: number;
  @ApiProperty({ example: 6 }) rules: number;
}
