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

/** Keeps the read models current as events arrive (polling the gap-safe global log). Provided by the API only. */
@Injectable()
export class ProjectionDaemon implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private readonly logger = new Logger('projections');

  constructor(private readonly projector: Projector) {}

  onApplicationBootstrap(): void {
    const tick = () => {
      this.projector
        .catchUp()
        .catch((err) => this.logger.error(`catch-up failed: ${err?.message ?? err}`))
        .finally(() => {
          if (this.timer) this.timer = setTimeout(tick, 250);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  onApplicationShutdown(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
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
