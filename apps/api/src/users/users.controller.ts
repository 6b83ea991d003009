import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { AuditEventDto } from '../audit/audit.dto';
import { Allow } from '../auth/roles';
import { Actor, CurrentActor } from '../common/actor';
import { Etag } from '../common/etag.interceptor';
import { WriteOpts, type WriteOptions } from '../common/write-options';
import { userIdPipe } from './user-id.pipe';
import {
  CREATE_USER_EXAMPLE,
  CreateUserDto,
  DisableUserDto,
  ResetPasswordDto,
  UpdateUserDto,
  USER_AUDIT_EXAMPLE,
  USER_EXAMPLE,
  UserDto,
} from './users.dto';
import { UsersService } from './users.service';

const IF_MATCH = {
  name: 'If-Match',
  required: false,
  description: "the account's ETag last read; a stale one gets 409 USER_VERSION_CONFLICT with currentVersion",
};
const STALE = {
  description: "a stale If-Match (USER_VERSION_CONFLICT, with currentVersion), or the change is not allowed in the account's state",
};

@ApiTags('users')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'admin only' })
@Allow('users.manage')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @ApiBody({ type: CreateUserDto, examples: { reporter: { summary: "a unit's reporter", value: CREATE_USER_EXAMPLE } } })
  @ApiCreatedResponse({ type: UserDto, example: USER_EXAMPLE, description: 'the account; ETag: its version' })
  @ApiConflictResponse({ description: 'username taken' })
  @Etag('version')
  async create(@Body() dto: CreateUserDto, @CurrentActor() actor: Actor) {
    return this.users.create(dto, actor);
  }

  @Get()
  @ApiOkResponse({ type: [UserDto], example: [USER_EXAMPLE] })
  list() {
    return this.users.list();
  }

  @Get(':id')
  @ApiOkResponse({ type: UserDto, example: USER_EXAMPLE, description: 'the account; ETag: its version' })
  @ApiNotFoundResponse({ description: 'no such account' })
  @Etag('version')
  async get(@Param('id', userIdPipe) id: string) {
    return this.users.get(id);
  }

  @Patch(':id')
  @ApiHeader(IF_MATCH)
  @ApiBody({
    type: UpdateUserDto,
    examples: {
      roles: { summary: 'give a second role', value: { roles: ['reporter', 'reviewer'] } },
      units: { summary: 'move to another unit', value: { unitIds: ['hnd-tam-duong'], officeUnitId: null } },
    },
  })
  @ApiOkResponse({
    type: UserDto,
    example: { ...USER_EXAMPLE, roles: ['reporter', 'reviewer'], version: 2 },
    description: 'changed (an event UserAccountChanged recorded); unchanged values record nothing',
  })
  @ApiBadRequestResponse({ description: 'a field is invalid (named), or nothing to change' })
  @ApiNotFoundResponse({ description: 'no such account' })
  @ApiConflictResponse(STALE)
  @ApiUnprocessableEntityResponse({ description: 'unitIds or officeUnitId name units that are not registered' })
  @Etag('version')
  async change(
    @Param('id', userIdPipe) id: string,
    @Body() dto: UpdateUserDto,
    @CurrentActor() actor: Actor,
    @WriteOpts() opts: WriteOptions,
  ) {
    return this.users.change(id, dto, actor, opts.expectedVersion);
  }

  @Post(':id/disable')
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  @ApiBody({
    type: DisableUserDto,
    required: false,
    examples: { retired: { summary: 'retired', value: { reason: 'Nghỉ hưu từ ngày 01/01/2026.' } } },
  })
  @ApiOkResponse({
    type: UserDto,
    example: { ...USER_EXAMPLE, disabledAt: '2026-01-02T01:30:00.000Z', version: 2 },
    description: 'disabled: cannot log in; every session ended',
  })
  @ApiNotFoundResponse({ description: 'no such account' })
  @ApiConflictResponse({ description: 'already disabled, your own account, or a stale If-Match' })
  @Etag('version')
  async disable(
    @Param('id', userIdPipe) id: string,
    @Body() dto: DisableUserDto,
    @CurrentActor() actor: Actor,
    @WriteOpts() opts: WriteOptions,
  ) {
    return this.users.disable(id, dto, actor, opts.expectedVersion);
  }

  @Post(':id/enable')
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: UserDto, example: { ...USER_EXAMPLE, version: 3 }, description: 'enabled again: can log in' })
  @ApiNotFoundResponse({ description: 'no such account' })
  @ApiConflictResponse({ description: 'not disabled, or a stale If-Match' })
  @Etag('version')
  async enable(@Param('id', userIdPipe) id: string, @CurrentActor() actor: Actor, @WriteOpts() opts: WriteOptions) {
    return this.users.enable(id, actor, opts.expectedVersion);
  }

  @Post(':id/reset-password')
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  @ApiBody({
    type: ResetPasswordDto,
    examples: { temporary: { summary: 'a temporary password', value: { newPassword: 'tam-thoi-2026-xyz', mustChangePassword: true } } },
  })
  @ApiOkResponse({
    type: UserDto,
    example: { ...USER_EXAMPLE, mustChangePassword: true, version: 2 },
    description:
      'password set, lock-out lifted, every session ended; with mustChangePassword the user must choose a new one at the next login',
  })
  @ApiNotFoundResponse({ description: 'no such account' })
  @ApiConflictResponse({ description: 'your own account (use POST /auth/password), or a stale If-Match' })
  @Etag('version')
  async resetPassword(
    @Param('id', userIdPipe) id: string,
    @Body() dto: ResetPasswordDto,
    @CurrentActor() actor: Actor,
    @WriteOpts() opts: WriteOptions,
  ) {
    return this.users.resetPassword(id, dto, actor, opts.expectedVersion);
  }

  @Post(':id/unlock')
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: UserDto, example: { ...USER_EXAMPLE, version: 2 }, description: 'the lock-out after failed logins lifted' })
  @ApiNotFoundResponse({ description: 'no such account' })
  @ApiConflictResponse({ description: 'not locked out, or a stale If-Match' })
  @Etag('version')
  async unlock(@Param('id', userIdPipe) id: string, @CurrentActor() actor: Actor, @WriteOpts() opts: WriteOptions) {
    return this.users.unlock(id, actor, opts.expectedVersion);
  }

  @Get(':id/audit')
  @ApiOkResponse({
    type: [AuditEventDto],
    example: USER_AUDIT_EXAMPLE,
    description: 'every recorded change of the account (stream user-<id>), oldest first',
  })
  @ApiNotFoundResponse({ description: 'no such account' })
  history(@Param('id', userIdPipe) id: string) {
    return this.users.history(id);
  }
}
