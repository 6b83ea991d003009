import { Controller, Get, Param, Query } from '@nestjs/common';
import { cycleIdPipe } from '../common/cycle-id.pipe';
import { ApiBearerAuth, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles';
import { EventStore } from '../../../../libs/persistence/src/event-store/event-store';
import { CyclesService } from '../cycles/cycles.service';
import { AuditEventDto, CYCLE_AUDIT_EXAMPLE, VERIFY_EXAMPLE, VerifyResultDto } from './audit.dto';
import { parseAsOf } from './as-of';

@ApiTags('audit')
@ApiBearerAuth()
@Controller()
export class AuditController {
  constructor(private readonly store: EventStore, private readonly cycles: CyclesService) {}

  @Get('audit/verify')
  @Roles('admin', 'coordinator')
  @ApiQuery({ name: 'streamId', required: false, description: 'one stream; all streams when absent' })
  @ApiOkResponse({ type: VerifyResultDto, example: VERIFY_EXAMPLE, description: 'walks the SHA-256 chain and reports the first broken link per stream' })
  verify(@Query('streamId') streamId: string | undefined, ) {
    return this.store.verify(streamId || undefined);
  }

  @Get('cycles/:cycleId/audit')
  @Roles('admin', 'coordinator', 'reviewer', 'standing', 'signer', 'clerk')
  @ApiQuery({ name: 'asOf', required: false, description: 'ISO instant: the trail as it was then' })
  @ApiOkResponse({ type: [AuditEventDto], example: CYCLE_AUDIT_EXAMPLE, description: "every event of the cycle, of its units' submissions and of its report (sign-off, overridden checks …), in the order recorded" })
  async trail(@Param('cycleId', cycleIdPipe) cycleId: string, @Query('asOf') asOf: string | undefined) {
    await this.cycles.state(cycleId);
    return this.store.readByStreamPrefix([`cycle-${cycleId}`, `submission-${cycleId}:`, `report-${cycleId}`], { asOf: parseAsOf(asOf) });
  }
}
