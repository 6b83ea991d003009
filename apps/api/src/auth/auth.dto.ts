import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength, MinLength } from 'class-validator';

import { MIN_PASSWORD_LENGTH } from '../users/passwords';

export { MIN_PASSWORD_LENGTH };

export class LoginDto {
  @ApiProperty({ example: 'chuyenvien.bdv' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  username: string;

  @ApiProperty({ example: 'kybaocao-demo' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  password: string;
}

export class ChangePasswordDto {
  @ApiProperty({ example: 'tam-thoi-2026-xyz' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  currentPassword: string;

  @ApiProperty({ minLength: MIN_PASSWORD_LENGTH, example: 'mat-khau-moi-cua-toi-2026' })
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH, { message: `newPassword must be at least ${MIN_PASSWORD_LENGTH} characters` })
  @MaxLength(200)
  newPassword: string;
}

export class MeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'chuyenvien.bdv' }) username: string;
  @ApiProperty({ example: 'Nguyễn Thị B' }) displayName: string;
  @ApiProperty({ type: [String], example: ['coordinator'] }) roles: string[];
  @ApiProperty({ type: [String] }) unitIds: string[];
  @ApiProperty({ nullable: true, type: String }) officeUnitId: string | null;
  @ApiProperty({
    description:
      'an administrator reset the password, or this is the bootstrap admin before its first change: change it (POST /auth/password) before anything else',
  })
  mustChangePassword: boolean;
}

export const ME_EXAMPLE: MeDto = {
  id: '3d9f1a2b-4c5e-4f60-8a7b-9c0d1e2f3a4b',
  username: 'chuyenvien.bdv',
  displayName: 'Nguyễn Thị Thu (chuyên viên Ban Dân vận)',
  roles: ['coordinator'],
  unitIds: [],
  officeUnitId: 'bdv-tam-duong',
  mustChangePassword: false,
};

export const LOGIN_RESULT_EXAMPLE = {
  accessToken: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIzZDlmMWEyYiIsInNpZCI6IjFhMmIifQ.c2lnbmF0dXJl',
  expiresAt: '2026-03-02T13:00:00.000Z',
  user: ME_EXAMPLE,
};

export class LoginResultDto {
  @ApiProperty({ description: 'Bearer token; also set as the httpOnly cookie kybaocao_session' }) accessToken: string;
  @ApiProperty({ type: String, format: 'date-time' }) expiresAt: string;
  @ApiProperty({ type: MeDto }) user: MeDto;
}
