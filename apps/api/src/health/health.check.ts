import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TemporalClient } from '../temporal/temporal.module';
import { DependencyHealthDto, HealthDto } from './health.dto';

const TIMEOUT_MS = 3000;

@Injectable()
export class HealthCheck {
  constructor(private readonly db: DataSource, private readonly temporal: TemporalClient) {}

  async check(): Promise<HealthDto> {
    const [database, temporal] = await Promise.all([
      probe(() => this.db.query('SELECT 1')),
      probe(() => this.temporal.workflowService.getSystemInfo({})),
    ]);
    return { status: database.status === 'up' && temporal.status === 'up' ? 'ok' : 'degraded', database, temporal };
  }
}

async function probe(fn: () => Promise<unknown>): Promise<DependencyHealthDto> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([fn(), new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS); })]);
    return { status: 'up', latencyMs: Date.now() - started };
  } catch (err: any) {
    return { status: 'down', latencyMs: Date.now() - started, error: String(err?.message ?? err) };
  } finally {
    clearTimeout(timer);
  }
}
