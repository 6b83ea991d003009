import { ApiProperty } from '@nestjs/swagger';

export class DependencyHealthDto {
  @ApiProperty({ enum: ['up', 'down'] }) status: 'up' | 'down';
  @ApiProperty({ example: 3 }) latencyMs: number;
  @ApiProperty({
    required: false,
    enum: ['unreachable', 'no answer in time'],
    description: "what went wrong, without the driver's text (that goes to the log)",
  })
  error?: string;
}

export class HealthDto {
  @ApiProperty({ enum: ['ok', 'degraded'] }) status: 'ok' | 'degraded';
  @ApiProperty({ type: DependencyHealthDto }) database: DependencyHealthDto;
  @ApiProperty({ type: DependencyHealthDto }) temporal: DependencyHealthDto;
}

export const HEALTH_EXAMPLE: HealthDto = {
  status: 'ok',
  database: { status: 'up', latencyMs: 2 },
  temporal: { status: 'up', latencyMs: 5 },
};
export const HEALTH_DOWN_EXAMPLE: HealthDto = {
  status: 'degraded',
  database: { status: 'up', latencyMs: 2 },
  temporal: { status: 'down', latencyMs: 3001, error: 'no answer in time' },
};
