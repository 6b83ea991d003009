import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Allow } from '../auth/roles';
import { Actor, CurrentActor } from '../common/actor';
import { cycleIdPipe } from '../common/cycle-id.pipe';
import { REMINDERS_RESULT_EXAMPLE, RemindersResultDto } from './reminders.dto';
import { RemindersService } from './reminders.service';

@ApiTags('cycles')
@ApiBearerAuth()
@Controller('cycles')
export class RemindersController {
  constructor(private readonly reminders: RemindersService) {}

  /** The roles are the coordinator's (as for extending a deadline); the service checks it is this cycle's coordinator. */
  @Post(':cycleId/reminders')
  @Allow('cycle.extend-deadline')
  @HttpCode(200)
  @ApiOkResponse({
    type: RemindersResultDto,
    example: REMINDERS_RESULT_EXAMPLE,
    description: 'the pending units reminded now (in-app and e-mail); a unit already reminded by hand today is not reminded again',
  })
  @ApiForbiddenResponse({ description: 'not the coordinator of this cycle' })
  @ApiNotFoundResponse({ description: 'no such cycle' })
  @ApiConflictResponse({ description: 'CYCLE_WRONG_PHASE: the cycle is neither collecting nor reviewing' })
  remind(@Param('cycleId', cycleIdPipe) cycleId: string, @CurrentActor() actor: Actor): Promise<RemindersResultDto> {
    return this.reminders.remindPending(cycleId, actor);
  }
}
