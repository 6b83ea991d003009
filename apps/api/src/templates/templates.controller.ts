import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { ReportTemplate } from '../../../../libs/domain/src/templates';
import { TEMPLATES } from '../cycles/cycles.service';
import { TemplateDto, TemplateSummaryDto } from './templates.dto';

const SUMMARY_EXAMPLE: TemplateSummaryDto = { id: 'dan-van-annual', version: 1, title: 'Báo cáo tổng kết công tác dân vận năm', sections: 5, indicators: 24, rules: 6 };
const TEMPLATE_EXAMPLE: TemplateDto = {
  id: 'dan-van-annual', version: 1, title: 'Báo cáo tổng kết công tác dân vận năm',
  sections: [{ code: 'II', title: 'Kết quả thực hiện', children: [{ code: 'II.1', title: 'Công tác tuyên truyền, vận động' }] }],
  indicators: [{ code: 'TT_BUOI', name: 'Số buổi tuyên truyền', unit: 'buổi', sectionCode: 'II.1', aggregation: 'sum', valueType: 'integer', allowedQualifiers: ['tren', 'gan', 'uoc_dat', 'luy_ke'] }],
  rules: [{ code: 'R_TT_LUOT_GTE_BUOI', severity: 'error', kind: 'gte', left: 'TT_LUOT_NGUOI', right: 'TT_BUOI', messageVi: 'Số lượt người tham gia tuyên truyền không thể ít hơn số buổi tuyên truyền.' }],
};

/** Report templates (the skeleton of sections, the indicators with their units and qualifiers, the validation rules): read-only data. */
@ApiTags('templates')
@ApiBearerAuth()
@Controller('templates')
export class TemplatesController {
  @Get()
  @ApiOkResponse({ type: [TemplateSummaryDto], description: 'every template a cycle can be opened from', example: [SUMMARY_EXAMPLE] })
  list(): TemplateSummaryDto[] {
    return Object.values(TEMPLATES).map((t: ReportTemplate) => ({
      id: t.id, version: t.version, title: t.title, sections: t.sections.length, indicators: t.indicators.length, rules: t.rules.length,
    }));
  }

  @Get(':templateId')
  @ApiOkResponse({ type: TemplateDto, description: 'the whole template: sections, indicators, rules', example: TEMPLATE_EXAMPLE })
  @ApiNotFoundResponse({ description: 'no such template' })
  get(@Param('templateId') templateId: string): TemplateDto {
    const template = Object.prototype.hasOwnProperty.call(TEMPLATES, templateId) ? TEMPLATES[templateId] : undefined;
    if (!template) {
      throw new NotFoundException({ statusCode: 404, error: 'TEMPLATE_NOT_FOUND', message: `template ${templateId} does not exist`, messageVi: 'Không tìm thấy mẫu báo cáo.' });
    }
    return template;
  }
}
