import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiQuery,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { templateForUnitKind, type ReportTemplate } from '@kybaocao/domain/templates';
import { Allow } from '../auth/roles';
import { Actor, CurrentActor } from '../common/actor';
import { Etag } from '../common/etag.interceptor';
import { positiveInt } from '../common/positive-int';
import { WriteOpts, type WriteOptions } from '../common/write-options';
import { TemplateStore } from './template-store';
import { CreateTemplateDto, PublishTemplateDto, TemplateDto, TemplateSummaryDto } from './templates.dto';

const SUMMARY_EXAMPLE = {
  id: 'dan-van-annual',
  version: 1,
  title: 'Báo cáo tổng kết công tác dân vận năm',
  sections: 5,
  indicators: 24,
  rules: 11,
  builtin: true,
};
const TEMPLATE_EXAMPLE = {
  id: 'dan-van-annual',
  version: 1,
  title: 'Báo cáo tổng kết công tác dân vận năm',
  sections: [{ code: 'II', title: 'Kết quả thực hiện', children: [{ code: 'II.1', title: 'Công tác tuyên truyền, vận động' }] }],
  indicators: [
    {
      code: 'TT_BUOI',
      name: 'Số buổi tuyên truyền',
      unit: 'buổi',
      sectionCode: 'II.1',
      aggregation: 'sum',
      valueType: 'integer',
      allowedQualifiers: ['tren', 'gan', 'uoc_dat', 'luy_ke'],
    },
  ],
  rules: [
    {
      code: 'R_TT_LUOT_GTE_BUOI',
      severity: 'error',
      kind: 'gte',
      left: 'TT_LUOT_NGUOI',
      right: 'TT_BUOI',
      messageVi: 'Số lượt người tham gia tuyên truyền không thể ít hơn số buổi tuyên truyền.',
    },
  ],
};

/**
 * Report templates (sections, indicators with their units and qualifiers, rules, document wording), versioned:
 * each version immutable, an edit publishes the next one; a cycle pins the version it was opened with.
 */
@ApiTags('templates')
@ApiBearerAuth()
@Controller('templates')
export class TemplatesController {
  constructor(private readonly templates: TemplateStore) {}

  @Get()
  @ApiOkResponse({
    type: [TemplateSummaryDto],
    description: 'every template a cycle can be opened from (latest versions)',
    example: [SUMMARY_EXAMPLE],
  })
  async list(): Promise<TemplateSummaryDto[]> {
    return (await this.templates.list()).map(({ template: t, builtin, copyOf }) => ({
      id: t.id,
      version: t.version,
      title: t.title,
      sections: t.sections.length,
      indicators: t.indicators.length,
      rules: t.rules.length,
      builtin,
      ...(copyOf ? { copyOf } : {}),
    }));
  }

  @Get(':templateId')
  @Etag('version')
  @ApiOkResponse({
    type: TemplateDto,
    description: 'the latest version: sections, indicators, rules; ETag = its version',
    example: TEMPLATE_EXAMPLE,
  })
  @ApiNotFoundResponse({ description: 'no such template' })
  get(@Param('templateId') templateId: string): Promise<ReportTemplate> {
    return this.templates.get(templateId);
  }

  @Get(':templateId/versions/:version')
  @ApiQuery({
    name: 'unitKind',
    required: false,
    description: 'the form a unit of this kind sees: only its sections, their indicators and rules',
  })
  @ApiOkResponse({ type: TemplateDto, description: 'one published version (never changes)', example: TEMPLATE_EXAMPLE })
  @ApiNotFoundResponse({ description: 'no such template or version' })
  async version(
    @Param('templateId') templateId: string,
    @Param('version') version: string,
    @Query('unitKind') unitKind: string | undefined,
  ): Promise<ReportTemplate> {
    const template = await this.templates.get(templateId, positiveInt(version, 'version'));
    return unitKind ? templateForUnitKind(template, unitKind) : template;
  }

  @Post()
  @Allow('templates.manage')
  @Etag('streamVersion', { omit: true })
  @ApiBody({
    type: CreateTemplateDto,
    examples: {
      copy: {
        summary: "copy a built-in to start the office's own",
        value: { id: 'dan-van-quy', copyOf: 'dan-van-annual', title: 'Báo cáo công tác dân vận quý' },
      },
    },
  })
  @ApiCreatedResponse({ type: TemplateDto, description: 'version 1 published', example: TEMPLATE_EXAMPLE })
  @ApiConflictResponse({ description: 'TEMPLATE_ALREADY_EXISTS' })
  @ApiUnprocessableEntityResponse({ description: 'TEMPLATE_INVALID with every problem and its path' })
  async create(@Body() dto: CreateTemplateDto, @CurrentActor() actor: Actor): Promise<ReportTemplate & { streamVersion: number }> {
    const { template, streamVersion } = await this.templates.create(dto, actor);
    return { ...template, streamVersion }; // the ETag, left out of the body by @Etag
  }

  @Put(':templateId')
  @Allow('templates.manage')
  @Etag('streamVersion', { omit: true })
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'the version the editor started from ("3"); 409 when another version was published since',
  })
  @ApiBody({
    type: PublishTemplateDto,
    examples: {
      rename: {
        summary: 'a new title (the other fields stay as in the latest version)',
        value: { title: 'Báo cáo công tác dân vận quý (sửa đổi)' },
      },
    },
  })
  @ApiOkResponse({
    type: TemplateDto,
    description: 'version n + 1 published; cycles opened on earlier versions keep theirs',
    example: TEMPLATE_EXAMPLE,
  })
  @ApiNotFoundResponse({ description: 'no such template' })
  @ApiConflictResponse({ description: 'VERSION_CONFLICT' })
  @ApiUnprocessableEntityResponse({ description: 'TEMPLATE_INVALID with every problem and its path' })
  async edit(
    @Param('templateId') templateId: string,
    @Body() dto: PublishTemplateDto,
    @CurrentActor() actor: Actor,
    @WriteOpts() opts: WriteOptions,
  ): Promise<ReportTemplate & { streamVersion: number }> {
    const { template, streamVersion } = await this.templates.edit(templateId, dto, actor, opts.expectedVersion);
    return { ...template, streamVersion }; // the ETag, left out of the body by @Etag
  }
}
