import { Module } from '@nestjs/common';
import { AccountEvents } from './account-events';
import { LoginLockouts } from './login-lockout';
import { PasswordHasher } from './password-hasher';
import { UsersController } from './users.controller';
import { UsersImportController } from './users-import.controller';
import { UsersImportService } from './users-import.service';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

/** Account administration (the rules: libs/domain/src/account). Auth reads accounts from here; users never import auth's services. */
@Module({
  controllers: [UsersImportController, UsersController],
  providers: [UsersRepository, UsersService, UsersImportService, AccountEvents, PasswordHasher, LoginLockouts],
  exports: [UsersRepository, AccountEvents, PasswordHasher, LoginLockouts],
})
export class UsersModule {}
