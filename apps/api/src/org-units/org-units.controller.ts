import { BadRequestException, Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiQuery,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { listLimit, setNextPage } from '../common/list-paging';
import { Allow } from '../auth/roles';
import { Actor, CurrentActor } from '../common/actor';
import {
  CloseUnitDto,
  ORG_UNIT_EXAMPLE,
  OrgUnitDto,
  OrgUnitImportResultDto,
  REGISTER_UNIT_EXAMPLE,
  RegisterUnitDto,
} from './org-units.dto';
import { XLSX_TYPE } from '../common/import-table';
import { OrgUnitsService } from './org-units.service';

@ApiTags('org-units')
@ApiBearerAuth()
@Controller('org-units')
export class OrgUnitsController {
  constructor(private readonly units: OrgUnitsService) {}

  @Post()
  @Allow('org-units.manage')
  @ApiBody({ type: RegisterUnitDto, examples: { commune: { summary: 'a commune Party committee', value: REGISTER_UNIT_EXAMPLE } } })
  @ApiCreatedResponse({ type: OrgUnitDto, example: ORG_UNIT_EXAMPLE })
  @ApiForbiddenResponse({ description: 'admin only' })
  register(@Body() dto: RegisterUnitDto, @CurrentActor() actor: Actor) {
    return this.units.register(dto, actor);
  }

  @Post('import')
  @Allow('org-units.manage')
  @HttpCode(200)
  @ApiConsumes('text/csv', XLSX_TYPE)
  @ApiBody({
    description:
      'a CSV (UTF-8, comma or semicolon) or XLSX file whose first row names the columns: Mã đơn vị, Mã cấp trên, Cấp, Loại tổ chức, Tên đơn vị, Tên ngắn, Tên gọi khác (separated by ";"), Hoạt động từ ngày (dd/mm/yyyy or yyyy-mm-dd); English keys (id, parentId, level, kind, canonicalName, shortName, aliases, activeFrom) also accepted. Up to 25,000 rows, 16 MB.',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiOkResponse({
    type: OrgUnitImportResultDto,
    example: { rows: 3, registered: 2, skipped: 1 },
    description: 'every new unit registered (one event each, one transaction)',
  })
  @ApiUnprocessableEntityResponse({ description: 'ORG_UNIT_IMPORT_INVALID: every problem listed by line and column; nothing stored' })
  @ApiForbiddenResponse({ description: 'admin only' })
  importUnits(@Req() req: Request, @Headers('content-type') contentType: string | undefined, @CurrentActor() actor: Actor) {
    if (!Buffer.isBuffer(req.body) || req.body.length === 0) {
      throw new BadRequestException({
        statusCode: 400,
        error: 'IMPORT_FILE_REQUIRED',
        message: `send the file as the body, Content-Type text/csv or ${XLSX_TYPE}`,
        messageVi: 'Chưa có tệp để nhập (CSV hoặc Excel).',
      });
    }
    return this.units.importUnits(req.body, contentType ?? '', actor);
  }

  @Post(':unitId/close')
  @Allow('org-units.manage')
  @HttpCode(200)
  @ApiBody({
    type: CloseUnitDto,
    examples: {
      merged: {
        summary: 'a commune merged into another',
        value: { activeTo: '2027-06-30', reason: 'Sáp nhập vào xã Bình Lư.', mergedInto: 'du-xa-binh-lu' },
      },
    },
  })
  @ApiOkResponse({
    type: OrgUnitDto,
    example: { ...ORG_UNIT_EXAMPLE, activeTo: '2027-06-30' },
    description: 'closed: not expected in cycles whose period ends after activeTo',
  })
  @ApiForbiddenResponse({ description: 'admin only' })
  close(@Param('unitId') unitId: string, @Body() dto: CloseUnitDto, @CurrentActor() actor: Actor) {
    return this.units.close(unitId, dto, actor);
  }

  @Get()
  @ApiQuery({ name: 'parentId', required: false })
  @ApiQuery({ name: 'limit', required: false, description: 'units per page (default 1,000, at most 5,000)' })
  @ApiQuery({ name: 'cursor', required: false, description: 'X-Next-Cursor of the previous page' })
  @ApiOkResponse({
    type: [OrgUnitDto],
    example: [ORG_UNIT_EXAMPLE],
    description:
      'the registry (or the units under parentId) by level and name, one page: when more follow, X-Next-Cursor and Link rel="next" name the next page',
    headers: { 'X-Next-Cursor': { description: 'cursor of the next page; absent on the last page', schema: { type: 'string' } } },
  })
  async list(
    @Query('parentId') parentId: string | undefined,
    @Query('limit') limit: string | undefined,
    @Query('cursor') cursor: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const page = await this.units.list(parentId, listLimit(limit, 1000, 5000), cursor);
    setNextPage(res, '/org-units', { parentId, limit }, page.nextCursor);
    return page.items;
  }
}
