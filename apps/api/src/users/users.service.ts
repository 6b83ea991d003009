import { ConflictException, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '../../../../libs/config/src/config';
import { AuthService } from '../auth/auth.service';
import type { Role } from '../auth/roles';
import { CreateUserDto, UserDto } from './users.dto';
import { UserRecord, UsersRepository } from './users.repository';

@Injectable()
export class UsersService implements OnApplicationBootstrap {
  private readonly logger = new Logger('users');

  constructor(private readonly users: UsersRepository, private readonly auth: AuthService, private readonly config: AppConfig) {}

  /** First start: with BOOTSTRAP_ADMIN_PASSWORD set and no account yet, create `admin`. */
  async onApplicationBootstrap(): Promise<void> {
    const password = this.config.bootstrapAdminPassword;
    if (!password || (await this.users.countUsers()) > 0) return;
    await this.create({ username: 'admin', displayName: 'Quản trị hệ thống', password, roles: ['admin'] }, 'system:bootstrap');
    this.logger.log('created the first account: admin');
  }

  async create(dto: CreateUserDto, createdBy: string): Promise<UserDto> {
    const id = randomUUID();
    const inserted = await this.users.insertUser({
      id, username: dto.username, displayName: dto.displayName, email: dto.email ?? null, passwordHash: await this.auth.hashPassword(dto.password),
      roles: [...new Set(dto.roles)] as Role[], unitIds: dto.unitIds ?? [], officeUnitId: dto.officeUnitId ?? null, createdBy, now: new Date(),
    });
    if (!inserted) {
      throw new ConflictException({ statusCode: 409, error: 'USERNAME_TAKEN', message: `username ${dto.username} is taken`, messageVi: 'Tên đăng nhập đã tồn tại.' });
    }
    return toUserDto((await this.users.byId(id))!);
  }

  async list(): Promise<UserDto[]> {
    return (await this.users.list()).map(toUserDto);
  }
}

const toUserDto = (u: UserRecord): UserDto => ({
  id: u.id, username: u.username, displayName: u.displayName, email: u.email, roles: u.roles, unitIds: u.unitIds,
  officeUnitId: u.officeUnitId, lockedUntil: u.lockedUntil,
});
