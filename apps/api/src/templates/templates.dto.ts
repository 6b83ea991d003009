import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { Nfc } from '../common/nfc';
import { TemplateDocumentDto, TemplateIndicatorDto, TemplateRuleDto, TemplateSectionDto } from './template-parts.dto';

/**
 * Request bodies of POST /templates and PUT /templates/{id}: the shape is checked here (400 naming the field);
 * the template's meaning (sections exist, rules name indicators of the right type …) by the domain's
 * validateTemplate (422 TEMPLATE_INVALID listing every problem with its path). The parts live in template-parts.dto.ts.
 */
export class TemplateBodyDto {
  @ApiPropertyOptional({ example: 'Báo cáo công tác dân vận quý' })
  @IsOptional()
  @Nfc()
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  title?: string;
  @ApiPropertyOptional({ type: [TemplateSectionDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => TemplateSectionDto)
  sections?: TemplateSectionDto[];
  @ApiPropertyOptional({ type: [TemplateIndicatorDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => TemplateIndicatorDto)
  indicators?: TemplateIndicatorDto[];
  @ApiPropertyOptional({ type: [TemplateRuleDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => TemplateRuleDto)
  rules?: TemplateRuleDto[];
  @ApiPropertyOptional({ type: TemplateDocumentDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => TemplateDocumentDto)
  document?: TemplateDocumentDto;
}

export class CreateTemplateDto extends TemplateBodyDto {
  @ApiProperty({ example: 'dan-van-quy', description: 'lower-case letters, digits and hyphens' })
  @IsString()
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'id must be lower-case letters, digits and hyphens (e.g. dan-van-quy)' })
  @MaxLength(80)
  id: string;

  @ApiPropertyOptional({
    example: 'dan-van-annual',
    description: 'start from the latest version of this template; the fields given replace its own',
  })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  copyOf?: string;
}

export class PublishTemplateDto extends TemplateBodyDto {}

/**
 * A published template version as the API answers it (GET /templates/{id}, …/versions/{v}): what the web form
 * is generated from (the browser runs the rules with libs/domain's template-validation).
 */
export class TemplateDto {
  @ApiProperty({ example: 'dan-van-annual' }) id: string;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ example: 'Báo cáo tổng kết công tác dân vận năm' }) title: string;
  @ApiProperty({ type: [TemplateSectionDto], description: "in the report's order" }) sections: TemplateSectionDto[];
  @ApiProperty({ type: [TemplateIndicatorDto] }) indicators: TemplateIndicatorDto[];
  @ApiProperty({ type: [TemplateRuleDto] }) rules: TemplateRuleDto[];
  @ApiPropertyOptional({ type: TemplateDocumentDto }) document?: TemplateDocumentDto;
}

export class TemplateSummaryDto {
  @ApiProperty({ example: 'dan-van-annual' }) id: string;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ example: 'Báo cáo tổng kết công tác dân vận năm' }) title: string;
  @ApiProperty({ example: 5, description: 'top-level sections' }) sections: number;
  @ApiProperty({ example: 24 }) indicators: number;
  @ApiProperty({ example: 6 }) rules: number;
  @ApiProperty({ description: 'shipped with the system (a data file), not created by an office' }) builtin: boolean;
  @ApiPropertyOptional({ description: 'the template (and version) it was copied from' }) copyOf?: { templateId: string; version: number };
}
