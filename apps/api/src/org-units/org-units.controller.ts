import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiForbiddenResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Allow } from '../auth/roles';
import { Actor, CurrentActor } from '../common/actor';
import { CloseUnitDto, ORG_UNIT_EXAMPLE, OrgUnitDto, REGISTER_UNIT_EXAMPLE, RegisterUnitDto } from './org-units.dto';
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

  @Post(':unitId/close')
  @Allow('org-units.manage')
  @HttpCode(200)
  @ApiBody({ type: CloseUnitDto, examples: { merged: { summary: 'a commune merged into another', value: { activeTo: '2027-06-30', reason: 'Sáp nhập vào xã Bình Lư.', mergedInto: 'du-xa-binh-lu' } } } })
  @ApiOkResponse({ type: OrgUnitDto, example: { ...ORG_UNIT_EXAMPLE, activeTo: '2027-06-30' }, description: 'closed: not expected in cycles whose period ends after activeTo' })
  @ApiForbiddenResponse({ description: 'admin only' })
  close(@Param('unitId') unitId: string, @Body() dto: CloseUnitDto, @CurrentActor() actor: Actor) {
    return this.units.close(unitId, dto, actor);
  }

  @Get()
  @ApiQuery({ name: 'parentId', required: false })
  @ApiOkResponse({ type: [OrgUnitDto], example: [ORG_UNIT_EXAMPLE] })
  list(@Query('parentId') parentId: string | undefined) {
    return this.units.list(parentId);
  }
}
