import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { ThrottlerModule } from '@nestjs/throttler';
import { loginThrottlerOptions } from './login-throttle';
import { AppConfig } from '../../../../libs/config/src/config';
import { AccountEvents } from '../users/account-events';
import { UsersController } from '../users/users.controller';
import { UsersRepository } from '../users/users.repository';
import { UsersService } from '../users/users.service';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { RolesGuard, SessionGuard } from './guards';
import { JwtStrategy } from './jwt.strategy';
import { OfficeScopeGuard } from './office-scope';
import { LoginLockouts } from './login-lockout';
import { PasswordHasher } from './password-hasher';

/** Accounts, sessions (JWT naming a revocable server-side session), and the two global guards. */
@Module({
  imports: [
    PassportModule,
    ThrottlerModule.forRootAsync({ inject: [AppConfig], useFactory: loginThrottlerOptions }),
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ secret: config.jwtSecret, signOptions: { algorithm: 'HS256' } }),
    }),
  ],
  controllers: [AuthController, UsersController],
  providers: [
    AuthService, JwtStrategy, UsersRepository, UsersService, AccountEvents, PasswordHasher, LoginLockouts,
    { provide: APP_GUARD, useClass: SessionGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
    { provide: APP_GUARD, useClass: OfficeScopeGuard },
  ],
})
export class AuthModule {}
