import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { MIN_PASSWORD_LENGTH } from './passwords';
import { ROLES } from '@kybaocao/domain/permissions';
import { Nfc } from '../common/nfc';

const UNIT_ID = /^[a-z0-9][a-z0-9-]{1,99}$/;
const unitIdMessage = (field: string) => ({ message: `${field} must be unit ids (2–100 characters of a-z, 0-9 and -)` });

export class CreateUserDto {
  @ApiProperty({ example: 'canbo.hlhpn' })
  @Matches(/^[a-z0-9][a-z0-9._-]{2,49}$/, { message: 'username must be 3–50 characters of a-z, 0-9, ".", "_" and "-"' })
  username: string;

  @ApiProperty({ example: 'Lò Thị Hoa' })
  @Nfc()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  displayName: string;

  @ApiPropertyOptional({ example: 'hoa.lt@example.vn' })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address' })
  email?: string;

  @ApiProperty({ minLength: MIN_PASSWORD_LENGTH, example: 'mat-khau-tam-thoi-2026' })
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH, { message: `password must be at least ${MIN_PASSWORD_LENGTH} characters` })
  @MaxLength(200)
  password: string;

  @ApiProperty({ enum: ROLES, isArray: true, example: ['reporter'] })
  @IsArray()
  @ArrayMinSize(1, { message: 'roles must contain at least one role' })
  @ArrayMaxSize(ROLES.length)
  @IsIn(ROLES, { each: true, message: `each role must be one of: ${ROLES.join(', ')}` })
  roles: string[];

  @ApiPropertyOptional({ type: [String], example: ['hlhpn-tam-duong'], description: 'units the user reports for' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  unitIds?: string[];

  @ApiPropertyOptional({ example: 'bdv-tam-duong' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  officeUnitId?: string;
}

/**
 * PATCH /users/{id}: only the fields given change (at least one). `email` and `officeUnitId` may be null
 * (removed); the others may not. Units must be registered.
 */
export class UpdateUserDto {
  @ApiPropertyOptional({ example: 'Lò Thị Hoa (Chủ tịch Hội LHPN)' })
  @ValidateIf((o) => o.displayName !== undefined)
  @Nfc()
  @IsString({ message: 'displayName must be text' })
  @IsNotEmpty({ message: 'displayName must not be empty' })
  @MaxLength(200)
  displayName?: string;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'hoa.lt@example.vn', description: 'null removes it' })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address' })
  email?: string | null;

  @ApiPropertyOptional({ enum: ROLES, isArray: true, example: ['reporter', 'reviewer'], description: 'the complete new set of roles' })
  @ValidateIf((o) => o.roles !== undefined)
  @IsArray({ message: 'roles must be a list of roles' })
  @ArrayMinSize(1, { message: 'roles must contain at least one role' })
  @ArrayMaxSize(ROLES.length)
  @IsIn(ROLES, { each: true, message: `each role must be one of: ${ROLES.join(', ')}` })
  roles?: string[];

  @ApiPropertyOptional({ type: [String], example: ['hlhpn-tam-duong'], description: 'the complete new list of units the user reports for' })
  @ValidateIf((o) => o.unitIds !== undefined)
  @IsArray({ message: 'unitIds must be a list of unit ids' })
  @ArrayMaxSize(500)
  @Matches(UNIT_ID, { each: true, ...unitIdMessage('unitIds') })
  unitIds?: string[];

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    example: 'bdv-tam-duong',
    description: 'the office (coordinator, reviewer); null removes it',
  })
  @IsOptional()
  @Matches(UNIT_ID, unitIdMessage('officeUnitId'))
  officeUnitId?: string | null;
}

export class DisableUserDto {
  @ApiPropertyOptional({ example: 'Nghỉ hưu từ ngày 01/01/2026.', description: 'why; recorded in the audit trail' })
  @IsOptional()
  @Nfc()
  @IsString({ message: 'reason must be text' })
  @MaxLength(500, { message: 'reason must be at most 500 characters' })
  reason?: string;
}

export class ResetPasswordDto {
  @ApiProperty({ minLength: MIN_PASSWORD_LENGTH, example: 'tam-thoi-2026-xyz' })
  @IsString({ message: 'newPassword must be text' })
  @MinLength(MIN_PASSWORD_LENGTH, { message: `newPassword must be at least ${MIN_PASSWORD_LENGTH} characters` })
  @MaxLength(200)
  newPassword: string;

  @ApiPropertyOptional({ default: true, example: true, description: 'the user must choose a new password at the next login (default)' })
  @IsOptional()
  @IsBoolean({ message: 'mustChangePassword must be true or false' })
  mustChangePassword?: boolean;
}

export class UserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty({ enum: ROLES, isArray: true }) roles: string[];
  @ApiProperty({ type: [String] }) unitIds: string[];
  @ApiProperty({ nullable: true, type: String }) officeUnitId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'locked out after repeated failed logins until then' })
  lockedUntil: Date | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'disabled by an administrator since then: cannot log in' })
  disabledAt: Date | null;
  @ApiProperty({ description: 'must choose a new password before doing anything else' }) mustChangePassword: boolean;
  @ApiProperty({ description: 'incremented by every change; also the ETag' }) version: number;
}

export const USER_EXAMPLE: UserDto = {
  id: '7c0e8a52-3b1f-4d7e-9f7a-2f5d1c9b8e41',
  username: 'canbo.hlhpn',
  displayName: 'Lò Thị Hoa',
  email: 'hoa.lt@example.vn',
  roles: ['reporter'],
  unitIds: ['hlhpn-tam-duong'],
  officeUnitId: null,
  lockedUntil: null,
  disabledAt: null,
  mustChangePassword: false,
  version: 1,
};

export const CREATE_USER_EXAMPLE = {
  username: 'canbo.hlhpn',
  displayName: 'Lò Thị Hoa',
  email: 'hoa.lt@example.vn',
  password: 'mat-khau-tam-thoi-2026',
  roles: ['reporter'],
  unitIds: ['hlhpn-tam-duong'],
};

export const USER_AUDIT_EXAMPLE = [
  {
    globalPosition: '1042',
    transactionId: '88231',
    streamId: 'user-7c0e8a52-3b1f-4d7e-9f7a-2f5d1c9b8e41',
    streamType: 'user',
    version: 2,
    eventId: 'b8a3e0f4-1d2c-4e5f-8a9b-0c1d2e3f4a5b',
    type: 'UserAccountChanged',
    data: {
      userId: '7c0e8a52-3b1f-4d7e-9f7a-2f5d1c9b8e41',
      changes: { roles: { from: ['reporter'], to: ['reporter', 'reviewer'] } },
      version: 2,
    },
    metadata: {
      actor: { userId: '0f4b6c1e-2a3d-4e5f-9a8b-7c6d5e4f3a2b', role: 'admin' },
      username: 'admin',
      correlationId: '5f1d…',
      causationId: '9e2a…',
    },
    recordedAt: '2026-03-02T02:15:00.000Z',
    hash: '3f7a…',
    prevHash: '9c1b…',
  },
];
