import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { AppConfig } from '../../../../libs/config/src/config';

/** Temporal client for the API. The connection is lazy, so the API starts (and /health says so) while Temporal is down. */
@Injectable()
export class TemporalClient extends Client implements OnApplicationShutdown {
  constructor(@Inject(AppConfig) config: AppConfig) {
    super({ connection: Connection.lazy({ address: config.temporal.address }), namespace: config.temporal.namespace });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}

@Global()
@Module({ providers: [TemporalClient], exports: [TemporalClient] })
export class TemporalModule {}
