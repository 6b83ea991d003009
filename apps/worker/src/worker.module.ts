import { Module } from '@nestjs/common';
import { ConfigModule } from '../../../libs/config/src/config.module';
import { PersistenceModule } from '../../../libs/persistence/src/persistence.module';

/** The worker's dependency graph: what activities need. No HTTP. */
@Module({ imports: [ConfigModule, PersistenceModule] })
export class WorkerModule {}
