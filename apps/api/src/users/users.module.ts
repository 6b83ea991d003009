import { Module } from '@nestjs/common';
import { AccountEvents } from './account-events';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

/** Account administration (the rules: libs/domain/src/account). Auth reads accounts from here; users never import auth's services. */
@Module({
  controllers: [UsersController],
  providers: [UsersRepository, UsersService, AccountEvents],
  exports: [UsersRepository, AccountEvents],
})
export class UsersModule {}
