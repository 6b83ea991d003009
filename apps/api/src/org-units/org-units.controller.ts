import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiForbiddenResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles';
import { Actor, CurrentActor } from '../common/actor';
import { OrgUnitDto, RegisterUnitDto } from './org-units.dto';
import { OrgUnitsService } from './org-units.service';

@ApiTags('org-units')
@ApiBearerAuth()
@Controller('org-units')
export class OrgUnitsController {
  constructor(private readonly units: OrgUnitsService) {}

  @Post()
  @Roles('admin')
  @ApiCreatedResponse({ type: OrgUnitDto })
  @ApiForbiddenResponse({ description: 'admin only' })
  register(@Body() dto: RegisterUnitDto, @CurrentActor() actor: Actor) {
    return this.units.register(dto, actor);
  }

  @Get()
  @ApiQuery({ name: 'parentId', required: false })
  @ApiOkResponse({ type: [OrgUnitDto] })
  list(@Query('parentId') parentId: string | undefined) {
    return this.units.list(parentId);
  }
}
