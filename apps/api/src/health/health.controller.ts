import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { HEALTH_DOWN_EXAMPLE, HEALTH_EXAMPLE, HealthDto } from './health.dto';
import { Public } from '../auth/roles';
import { HealthCheck } from './health.check';
import { RETRY_AFTER_SECONDS } from '../common/unavailable';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthCheck) {}

  @Get()
  @ApiOkResponse({ type: HealthDto, example: HEALTH_EXAMPLE, description: 'PostgreSQL and Temporal both answer' })
  @ApiServiceUnavailableResponse({
    type: HealthDto,
    example: HEALTH_DOWN_EXAMPLE,
    description: 'at least one dependency is down; each is reported separately',
  })
  async check(@Res({ passthrough: true }) res: Response): Promise<HealthDto> {
    const report = await this.health.check();
    if (report.status !== 'ok') res.status(HttpStatus.SERVICE_UNAVAILABLE).setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    return report;
  }
}
