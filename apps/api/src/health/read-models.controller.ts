import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Projector } from '@kybaocao/persistence/projections/projector';
import { Public } from '../auth/roles';
import { READ_MODELS_EXAMPLE, ReadModelsDto } from './read-models.dto';

/** Operations: how far each read model is behind the event log (one indexed probe each). */
@ApiTags('health')
@Public()
@Controller('health/read-models')
export class ReadModelsController {
  constructor(private readonly projector: Projector) {}

  @Get()
  @ApiOkResponse({
    type: ReadModelsDto,
    example: READ_MODELS_EXAMPLE,
    description:
      "the log's end and each read model's checkpoint; `current` once none has an event up to the log's end left to apply (the board shows other users' writes from then on)",
  })
  async status(): Promise<ReadModelsDto> {
    const { logEnd, projections } = await this.projector.status();
    return { logEnd, current: projections.every((p) => !p.behind), projections };
  }
}
