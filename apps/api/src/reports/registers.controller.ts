import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Allow } from '../auth/roles';
import { Actor, CurrentActor } from '../common/actor';
import { ListRegisters } from './usecases/list-registers/list-registers.usecase';

/** The clerk's numbering registers. */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('registers')
export class RegistersController {
  constructor(private readonly listRegisters: ListRegisters) {}

  @Get()
  @Allow('registers.read')
  @ApiOkResponse({
    description: 'every numbering register with the numbers issued',
    schema: {
      example: [
        {
          register: 'register-party:HU:BC:2025-2030',
          period: 'nhiệm kỳ 2025 - 2030',
          issued: [{ number: 1, numberText: 'Số 01-BC/HU', documentId: 'report-2f0b8a52-6d1e-4c1b-9d7a-0c9a4e0f5a11', date: '2026-12-28' }],
        },
      ],
    },
  })
  list(@CurrentActor() actor: Actor) {
    return this.listRegisters.execute(actor);
  }
}
