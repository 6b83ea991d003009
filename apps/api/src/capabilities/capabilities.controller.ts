import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { can } from '@kybaocao/domain/permissions';
import { Actor, CurrentActor, permissionActor } from '../common/actor';

/** Actions that concern no particular cycle: what the menus and the "open a cycle" button ask about. */
export const GLOBAL_ACTIONS = [
  'cycle.open',
  'cycle.list',
  'reviews.read',
  'audit.read',
  'audit.verify',
  'registers.read',
  'users.manage',
  'org-units.manage',
  'templates.manage',
] as const;
export type GlobalAction = (typeof GLOBAL_ACTIONS)[number];

export class CapabilitiesDto {
  @ApiProperty({
    enum: GLOBAL_ACTIONS,
    isArray: true,
    example: ['cycle.open', 'cycle.list', 'audit.read', 'audit.verify', 'registers.read'],
    description: 'the actions on no particular resource the caller may do (the permission rules of libs/domain/src/permissions)',
  })
  actions: GlobalAction[];
}

/** GET /me/capabilities: the caller's global permissions, so the UI offers only what the server allows. */
@ApiTags('auth')
@ApiBearerAuth()
@Controller('me/capabilities')
export class CapabilitiesController {
  @Get()
  @ApiOkResponse({
    type: CapabilitiesDto,
    example: { actions: ['cycle.open', 'cycle.list', 'audit.read', 'audit.verify', 'registers.read'] },
  })
  get(@CurrentActor() actor: Actor): CapabilitiesDto {
    const who = permissionActor(actor);
    return { actions: GLOBAL_ACTIONS.filter((a) => can(who, a).allowed) };
  }
}
