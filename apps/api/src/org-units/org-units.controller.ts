import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '../common/actor';
import { OrgUnitDto, RegisterUnitDto } from './org-units.dto';
import { OrgUnitsService } from './org-units.service';

@ApiTags('org-units')
@ApiHeader({ name: 'X-User-Id', required: true, description: 'caller (until sessions land with issue #5)' })
@Controller('org-units')
export class OrgUnitsController {
  constructor(private readonly units: OrgUnitsService) {}

  @Post()
  @ApiCreatedResponse({ type: OrgUnitDto })
  register(@Body() dto: RegisterUnitDto, @CurrentActor() actor: Actor) {
    return this.units.register(dto, actor);
  }

  @Get()
  @ApiQuery({ name: 'parentId', required: false })
  @ApiOkResponse({ type: [OrgUnitDto] })
  list(@Query('parentId') parentId: string | undefined, @CurrentActor() _actor: Actor) {
    return this.units.list(parentId);
  }
}
