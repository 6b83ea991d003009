import {
  ConflictException,
  Injectable,
  Logger,
  NotFoundException,
  OnApplicationBootstrap,
  UnprocessableEntityException,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppConfig } from '@kybaocao/config/config';
import type { EventMetadata, RecordedEvent } from '@kybaocao/persistence/event-store/event-store';
import { Projector } from '@kybaocao/persistence/projections/projector';
import { LoginLockouts } from './login-lockout';
import { PasswordHasher } from './password-hasher';
import type { Role } from '@kybaocao/domain/permissions';
import { Actor, metadataOf } from '../common/actor';
import { AccountCommand, decideAccount } from '@kybaocao/domain/account';
import { AccountEvents } from './account-events';
import { CreateUserDto, DisableUserDto, ResetPasswordDto, UpdateUserDto, UserDto } from './users.dto';
import { AccountColumns, UserRecord, UsersRepository } from './users.repository';

const BOOTSTRAP = 'system:bootstrap';

@Injectable()
export class UsersService implements OnApplicationBootstrap {
  private readonly logger = new Logger('users');

  constructor(
    private readonly users: UsersRepository,
    private readonly config: AppConfig,
    private readonly db: DataSource,
    private readonly events: AccountEvents,
    private readonly projector: Projector,
    private readonly lockouts: LoginLockouts,
    private readonly hasher: PasswordHasher,
  ) {}

  /**
   * First start: with BOOTSTRAP_ADMIN_PASSWORD set and no account yet, create `admin`, which must choose a
   * password of its own at its first login (the bootstrap one sits in the deployment's configuration).
   */
  async onApplicationBootstrap(): Promise<void> {
    const password = this.config.bootstrapAdminPassword;
    if (!password || (await this.users.countUsers()) > 0) return;
    try {
      await this.create({ username: 'admin', displayName: 'Quản trị hệ thống', password, roles: ['admin'] }, null);
      this.logger.log('created the first account: admin');
    } catch (err) {
      // Two API processes starting together on an empty database: the other one created it.
      if ((err as { response?: { error?: string } })?.response?.error !== 'USERNAME_TAKEN') throw err;
      this.logger.log('the first account admin was created by another process');
    }
  }

  /** `actor` null: the bootstrap account, created by the system, which must change its password at first login. */
  async create(dto: CreateUserDto, actor: Actor | null): Promise<UserDto> {
    const id = randomUUID();
    const now = new Date();
    const passwordHash = await this.hasher.hash(dto.password);
    const record = {
      id,
      username: dto.username,
      displayName: dto.displayName,
      email: dto.email ?? null,
      passwordHash,
      roles: [...new Set(dto.roles)] as Role[],
      unitIds: [...new Set(dto.unitIds ?? [])],
      officeUnitId: dto.officeUnitId ?? null,
    };
    const mustChangePassword = actor === null;
    const metadata: EventMetadata = actor
      ? metadataOf(actor)
      : { actor: { userId: BOOTSTRAP, role: 'system' }, correlationId: randomUUID() };
    const created = await this.db.transaction(async (m) => {
      if (!(await this.users.insertUser({ ...record, createdBy: actor?.userId ?? BOOTSTRAP, now, mustChangePassword }, m))) return false;
      await this.events.record(
        m,
        id,
        {
          type: 'UserCreated',
          data: {
            userId: id,
            username: record.username,
            displayName: record.displayName,
            emailSet: record.email !== null,
            roles: record.roles,
            unitIds: record.unitIds,
            officeUnitId: record.officeUnitId,
            version: 1,
            ...(mustChangePassword ? { mustChangePassword } : {}),
          },
        },
        metadata,
        now,
        'no_stream',
      );
      return true;
    });
    if (!created) {
      throw new ConflictException({
        statusCode: 409,
        error: 'USERNAME_TAKEN',
        message: `username ${dto.username} is taken`,
        messageVi: 'Tên đăng nhập đã tồn tại.',
      });
    }
    return toUserDto((await this.users.byId(id))!);
  }

  async list(): Promise<UserDto[]> {
    return (await this.users.list()).map(toUserDto);
  }

  async get(id: string): Promise<UserDto> {
    const user = await this.users.byId(id);
    if (!user) throw notFound(id);
    return toUserDto(user);
  }

  /** The account's audit trail: every recorded change, oldest first. */
  async history(id: string): Promise<RecordedEvent[]> {
    if (!(await this.users.byId(id))) throw notFound(id);
    return this.events.history(id);
  }

  async change(id: string, dto: UpdateUserDto, actor: Actor, expectedVersion?: number): Promise<UserDto> {
    const changes = {
      displayName: dto.displayName,
      email: dto.email,
      roles: dto.roles as Role[] | undefined,
      unitIds: dto.unitIds,
      officeUnitId: dto.officeUnitId,
    };
    return this.administer(id, { type: 'ChangeAccount', data: changes }, actor, expectedVersion, {
      before: () => this.requireRegisteredUnits(dto),
    });
  }

  disable(id: string, dto: DisableUserDto, actor: Actor, expectedVersion?: number): Promise<UserDto> {
    return this.administer(id, { type: 'DisableAccount', data: { reason: dto.reason?.trim() || null } }, actor, expectedVersion);
  }

  enable(id: string, actor: Actor, expectedVersion?: number): Promise<UserDto> {
    return this.administer(id, { type: 'EnableAccount' }, actor, expectedVersion);
  }

  async resetPassword(id: string, dto: ResetPasswordDto, actor: Actor, expectedVersion?: number): Promise<UserDto> {
    const passwordHash = await this.hasher.hash(dto.newPassword); // before taking the row lock: argon2 is slow on purpose
    return this.administer(
      id,
      { type: 'ResetPassword', data: { mustChangePassword: dto.mustChangePassword ?? true } },
      actor,
      expectedVersion,
      {
        columns: (now) => ({ passwordHash, passwordChangedAt: now }),
      },
    );
  }

  async unlock(id: string, actor: Actor, expectedVersion?: number): Promise<UserDto> {
    const unlocked = await this.administer(id, { type: 'UnlockAccount' }, actor, expectedVersion);
    await this.lockouts.clear(unlocked.username);
    return unlocked;
  }

  /**
   * One administrative change in one transaction: lock the row, check If-Match, decide, write the row
   * (version + 1), end the sessions if the decision says so, and append the event to `user-<id>`.
   */
  private async administer(
    id: string,
    command: AccountCommand,
    actor: Actor,
    expectedVersion: number | undefined,
    opts: { before?: () => Promise<void>; columns?: (now: Date) => AccountColumns } = {},
  ): Promise<UserDto> {
    const now = new Date();
    return this.db.transaction(async (m) => {
      const current = await this.users.lockForChange(id, m);
      if (!current) throw notFound(id);
      if (expectedVersion !== undefined && expectedVersion !== current.version) throw versionConflict(id, expectedVersion, current.version);
      await opts.before?.();
      const decision = decideAccount(command, current, { actorId: actor.userId, now });
      if (!decision) return toUserDto(current);
      const updated = await this.users.applyAccountChange(id, { ...decision.patch, ...opts.columns?.(now) }, m);
      if (decision.revokeSessions) await this.users.revokeAllSessions(id, now, m);
      await this.events.record(
        m,
        id,
        { type: decision.event.type, data: { ...decision.event.data, version: updated.version } },
        metadataOf(actor),
        now,
      );
      return toUserDto(updated);
    });
  }

  /** unitIds and officeUnitId must name registered units: 422 naming the field and the units otherwise. */
  private async requireRegisteredUnits(dto: UpdateUserDto): Promise<void> {
    const asked = [...(dto.unitIds ?? []), ...(dto.officeUnitId ? [dto.officeUnitId] : [])];
    if (asked.length === 0) return;
    await this.projector.catchUpToNow();
    const unknown = new Set(await this.users.unregisteredUnits([...new Set(asked)]));
    if (unknown.size === 0) return;
    const fields: { field: string; unitIds: string[] }[] = [];
    const inList = [...new Set(dto.unitIds ?? [])].filter((u) => unknown.has(u));
    if (inList.length) fields.push({ field: 'unitIds', unitIds: inList });
    if (dto.officeUnitId && unknown.has(dto.officeUnitId)) fields.push({ field: 'officeUnitId', unitIds: [dto.officeUnitId] });
    throw new UnprocessableEntityException({
      statusCode: 422,
      error: 'UNITS_NOT_REGISTERED',
      message: fields.map((f) => `${f.field} names units that are not registered: ${f.unitIds.join(', ')}`).join('; '),
      messageVi: `Đơn vị chưa được đăng ký: ${[...unknown].join(', ')}.`,
      fields,
    });
  }
}

export const toUserDto = (u: UserRecord): UserDto => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  email: u.email,
  roles: u.roles,
  unitIds: u.unitIds,
  officeUnitId: u.officeUnitId,
  lockedUntil: u.lockedUntil,
  disabledAt: u.disabledAt,
  mustChangePassword: u.mustChangePassword,
  version: u.version,
});

function notFound(id: string): NotFoundException {
  return new NotFoundException({
    statusCode: 404,
    error: 'USER_NOT_FOUND',
    message: `user ${id} does not exist`,
    messageVi: 'Không tìm thấy tài khoản.',
  });
}

function versionConflict(id: string, expected: number, actual: number): ConflictException {
  return new ConflictException({
    statusCode: 409,
    error: 'USER_VERSION_CONFLICT',
    message: `user ${id}: expected version ${expected}, actual ${actual}`,
    messageVi: 'Tài khoản đã được người khác thay đổi; hãy tải lại.',
    currentVersion: actual,
  });
}
