import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TemporalClient } from '../temporal/temporal.module';
import { DependencyHealthDto, HealthDto } from './health.dto';

const TIMEOUT_MS = 3000;

@Injectable()
export class HealthCheck {
  constructor(
    private readonly db: DataSource,
    private readonly temporal: TemporalClient,
  ) {}

  async check(): Promise<HealthDto> {
    const [database, temporal] = await Promise.all([
      probe('database', () => this.db.query('SELECT 1')),
      probe('temporal', () => this.temporal.workflowService.getSystemInfo({})),
    ]);
    return { status: database.status === 'up' && temporal.status === 'up' ? 'ok' : 'degraded', database, temporal };
  }
}

const logger = new Logger('health');

async function probe(what: string, fn: () => Promise<unknown>): Promise<DependencyHealthDto> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  let timedOut = false;
  try {
    await Promise.race([
      fn(),
      new Promise((_, reject) => {
        timer = setTimeout(() => {
          timedOut = true;
          reject(new Error(`no answer within ${TIMEOUT_MS} ms`));
        }, TIMEOUT_MS);
      }),
    ]);
    return { status: 'up', latencyMs: Date.now() - started };
  } catch (err: any) {
    // The driver's text (host names, user names, versions) is for the log, not for an unauthenticated caller.
    logger.warn(`${what} down: ${err?.message ?? err}`);
    return { status: 'down', latencyMs: Date.now() - started, error: timedOut ? 'no answer in time' : 'unreachable' };
  } finally {
    clearTimeout(timer);
  }
}
