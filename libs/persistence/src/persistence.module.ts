import { Global, Injectable, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '@kybaocao/config/config';
import { dataSourceOptions } from './data-source';
import { CommandHandler } from './event-store/command-handler';
import { EventStore } from './event-store/event-store';
import { EventCheckpoints } from './event-store/checkpoints';
import { PROJECTIONS } from './projections';
import { Projector } from './projections/projector';

/** Pause between a read model's passes (PROJECTOR_INTERVAL_MS; specs hold the read models back with a long one). */
const followIntervalMs = () => (Number(process.env.PROJECTOR_INTERVAL_MS) > 0 ? Number(process.env.PROJECTOR_INTERVAL_MS) : 250);

/**
 * Keeps the read models current as events arrive (polling the gap-safe global log). Provided by the API only, and
 * run by its process 0 alone when several serve the port (API_PROCESSES): the others' reads still bring a read
 * model up to date on demand (catchUpToNow), one pass at a time per read model across processes (advisory lock).
 */
@Injectable()
export class ProjectionDaemon implements OnApplicationBootstrap, OnApplicationShutdown {
  private stop: (() => void) | null = null;
  private readonly logger = new Logger('projections');

  constructor(
    private readonly projector: Projector,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.api.processIndex !== 0) return;
    // Each read model on its own loop: a slow one never delays the next pass of the others.
    this.stop = this.projector.follow(followIntervalMs(), (name, err: any) =>
      this.logger.error(`catch-up of ${name} failed: ${err?.message ?? err}`),
    );
  }

  onApplicationShutdown(): void {
    this.stop?.();
    this.stop = null;
  }
}

/** The PostgreSQL pool (as the application role), the event store, command handling and read models. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => dataSourceOptions(config.databaseUrl, { appRole: config.databaseAppRole || undefined }),
    }),
  ],
  providers: [
    { provide: EventStore, inject: [DataSource], useFactory: (ds: DataSource) => new EventStore(ds) },
    {
      provide: EventCheckpoints,
      inject: [DataSource, AppConfig],
      useFactory: (ds: DataSource, config: AppConfig) => new EventCheckpoints(ds, config.checkpointKey),
    },
    { provide: CommandHandler, inject: [EventStore], useFactory: (store: EventStore) => new CommandHandler(store) },
    {
      provide: Projector,
      inject: [DataSource, EventStore],
      useFactory: (ds: DataSource, store: EventStore) => new Projector(ds, store, PROJECTIONS),
    },
  ],
  exports: [EventStore, EventCheckpoints, CommandHandler, Projector],
})
export class PersistenceModule {}
