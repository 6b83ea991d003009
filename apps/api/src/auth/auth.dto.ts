import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength, MinLength } from 'class-validator';

export const MIN_PASSWORD_LENGTH = 10;

export class LoginDto {
  @ApiProperty({ example: 'chuyenvien.bdv' }) @IsString() @IsNotEmpty() @MaxLength(100)
  username: string;

  @ApiProperty({ example: 'kybaocao-demo' }) @IsString() @IsNotEmpty() @MaxLength(200)
  password: string;
}

export class ChangePasswordDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200)
  currentPassword: string;

  @ApiProperty({ minLength: MIN_PASSWORD_LENGTH })
  @IsString() @MinLength(MIN_PASSWORD_LENGTH, { message: `newPassword must be at least ${MIN_PASSWORD_LENGTH} characters` }) @MaxLength(200)
  newPassword: string;
}

export class MeDto {
  @ApiProperty() id: string;
  @ApiProperty() username: string;
  @ApiProperty({ example: 'Nguyễn Thị B' }) displayName: string;
  @ApiProperty({ type: [String], example: ['coordinator'] }) roles: string[];
  @ApiProperty({ type: [String] }) unitIds: string[];
  @ApiProperty({ nullable: true }) officeUnitId: string | null;
}

export class LoginResultDto {
  @ApiProperty({ description: 'Bearer token; also set as the httpOnly cookie kybaocao_session' }) accessToken: string;
  @ApiProperty({ type: String, format: 'date-time' }) expiresAt: string;
  @ApiProperty({ type: MeDto }) user: MeDto;
}
