import { ApiProperty } from '@nestjs/swagger';

export class DependencyHealthDto {
  @ApiProperty({ enum: ['up', 'down'] }) status: 'up' | 'down';
  @ApiProperty({ example: 3 }) latencyMs: number;
  @ApiProperty({ required: false, example: 'connect ECONNREFUSED 127.0.0.1:7233' }) error?: string;
}

export class HealthDto {
  @ApiProperty({ enum: ['ok', 'degraded'] }) status: 'ok' | 'degraded';
  @ApiProperty({ type: DependencyHealthDto }) database: DependencyHealthDto;
  @ApiProperty({ type: DependencyHealthDto }) temporal: DependencyHealthDto;
}

export const HEALTH_EXAMPLE: HealthDto = { status: 'ok', database: { status: 'up', latencyMs: 2 }, temporal: { status: 'up', latencyMs: 5 } };
export const HEALTH_DOWN_EXAMPLE: HealthDto = {
  status: 'degraded', database: { status: 'up', latencyMs: 2 }, temporal: { status: 'down', latencyMs: 3001, error: 'no answer within 3000 ms' },
};
