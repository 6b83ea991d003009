import { Module } from '@nestjs/common';
import { ConfigModule } from '@kybaocao/config/config.module';
import { PersistenceModule } from '@kybaocao/persistence/persistence.module';

/** The worker's dependency graph: what activities need. No HTTP. */
@Module({ imports: [ConfigModule, PersistenceModule] })
export class WorkerModule {}
