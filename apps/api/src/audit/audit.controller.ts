import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { EventStore } from '../../../../libs/persistence/src/event-store/event-store';
import { Actor, CurrentActor } from '../common/actor';
import { CyclesService } from '../cycles/cycles.service';
import { AuditEventDto, VerifyResultDto } from './audit.dto';
import { parseAsOf } from './as-of';

@ApiTags('audit')
@ApiHeader({ name: 'X-User-Id', required: true, description: 'caller (until sessions land with issue #5)' })
@Controller()
export class AuditController {
  constructor(private readonly store: EventStore, private readonly cycles: CyclesService) {}

  @Get('audit/verify')
  @ApiQuery({ name: 'streamId', required: false, description: 'one stream; all streams when absent' })
  @ApiOkResponse({ type: VerifyResultDto, description: 'walks the SHA-256 chain and reports the first broken link per stream' })
  verify(@Query('streamId') streamId: string | undefined, @CurrentActor() _a: Actor) {
    return this.store.verify(streamId || undefined);
  }

  @Get('cycles/:cycleId/audit')
  @ApiQuery({ name: 'asOf', required: false, description: 'ISO instant: the trail as it was then' })
  @ApiOkResponse({ type: [AuditEventDto], description: "every event of the cycle and of its units' submissions, in the order recorded" })
  async trail(@Param('cycleId', new ParseUUIDPipe()) cycleId: string, @Query('asOf') asOf: string | undefined, @CurrentActor() _a: Actor) {
    await this.cycles.state(cycleId);
    return this.store.readByStreamPrefix([`cycle-${cycleId}`, `submission-${cycleId}:`], { asOf: parseAsOf(asOf) });
  }
}
