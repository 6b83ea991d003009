import { Controller, Get, Param, Query } from '@nestjs/common';
import { cycleIdPipe } from '../common/cycle-id.pipe';
import { ApiBearerAuth, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Allow } from '../auth/roles';
import { EventStore } from '@kybaocao/persistence/event-store/event-store';
import { EventCheckpoints, verifyEventLog } from '@kybaocao/persistence/event-store/checkpoints';
import { CyclesService } from '../cycles/cycles.service';
import { AuditEventDto, CYCLE_AUDIT_EXAMPLE, VERIFY_EXAMPLE, VerifyResultDto } from './audit.dto';
import { parseAsOf } from './as-of';

@ApiTags('audit')
@ApiBearerAuth()
@Controller()
export class AuditController {
  constructor(
    private readonly store: EventStore,
    private readonly checkpoints: EventCheckpoints,
    private readonly cycles: CyclesService,
  ) {}

  @Get('audit/verify')
  @Allow('audit.verify')
  @ApiQuery({ name: 'streamId', required: false, description: 'one stream; all streams when absent' })
  @ApiOkResponse({
    type: VerifyResultDto,
    example: VERIFY_EXAMPLE,
    description:
      "walks the SHA-256 chain and reports the first broken link per stream; for the whole log, also checks the latest signed checkpoint (stream '*' is broken when the log no longer matches it)",
  })
  verify(@Query('streamId') streamId: string | undefined) {
    return verifyEventLog(this.store, this.checkpoints, streamId || undefined);
  }

  @Get('cycles/:cycleId/audit')
  @Allow('audit.read')
  @ApiQuery({ name: 'asOf', required: false, description: 'ISO instant: the trail as it was then' })
  @ApiOkResponse({
    type: [AuditEventDto],
    example: CYCLE_AUDIT_EXAMPLE,
    description:
      "every event of the cycle, of its units' submissions and of its report (sign-off, overridden checks …), in the order recorded",
  })
  async trail(@Param('cycleId', cycleIdPipe) cycleId: string, @Query('asOf') asOf: string | undefined) {
    await this.cycles.cycleHead(cycleId); // 404 for no such cycle
    return this.store.readByStreamPrefix([`cycle-${cycleId}`, `submission-${cycleId}:`, `report-${cycleId}`], { asOf: parseAsOf(asOf) });
  }
}
