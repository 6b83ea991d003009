import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';
import { AppConfig } from '@kybaocao/config/config';

/**
 * Temporal client for the API. The connection is lazy, so the API starts (and /health says so) while Temporal is down.
 * A request the server cannot take is retried briefly (≈1 s, not the SDK's default ≈20 s) and then answered 503 with
 * Retry-After (common/unavailable.ts): the client comes back, not the request hanging. The channel tries to reconnect
 * every few seconds at most (gRPC's default backoff grows to 2 min), so the API recovers soon after Temporal does.
 */
@Injectable()
export class TemporalClient extends Client implements OnApplicationShutdown {
  constructor(@Inject(AppConfig) config: AppConfig) {
    super({
      connection: Connection.lazy({
        address: config.temporal.address,
        interceptors: [makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: 4 }))],
        channelArgs: { 'grpc.initial_reconnect_backoff_ms': 500, 'grpc.max_reconnect_backoff_ms': 3000 },
      }),
      namespace: config.temporal.namespace,
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}

@Global()
@Module({ providers: [TemporalClient], exports: [TemporalClient] })
export class TemporalModule {}
