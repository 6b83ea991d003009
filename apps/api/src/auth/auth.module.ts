import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { DataSource } from 'typeorm';
import { loginThrottlerOptions } from './login-throttle';
import { PgThrottlerStorage } from './login-throttle-storage';
import { AppConfig } from '@kybaocao/config/config';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { RolesGuard, SessionGuard } from './guards';
import { SessionTokens } from './session-token';
import { OfficeScopeGuard } from './office-scope';

/** Sessions (JWT naming a revocable server-side session), and the two global guards. */
@Module({
  imports: [
    UsersModule,
    // The counters in PostgreSQL: every API process counts the same attempts (API_PROCESSES).
    ThrottlerModule.forRootAsync({
      inject: [AppConfig, DataSource],
      useFactory: (config: AppConfig, db: DataSource) => ({ ...loginThrottlerOptions(config), storage: new PgThrottlerStorage(db) }),
    }),
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ secret: config.jwtSecret, signOptions: { algorithm: 'HS256' } }),
    }),
  ],
  controllers: [AuthController],
  providers: [
    AuthService,
    SessionTokens,
    { provide: APP_GUARD, useClass: SessionGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
    { provide: APP_GUARD, useClass: OfficeScopeGuard },
  ],
})
export class AuthModule {}
