import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { MIN_PASSWORD_LENGTH } from '../auth/auth.dto';
import { ROLES } from '../auth/roles';
import { Nfc } from '../common/nfc';

export class CreateUserDto {
  @ApiProperty({ example: 'canbo.hlhpn' })
  @Matches(/^[a-z0-9][a-z0-9._-]{2,49}$/, { message: 'username must be 3–50 characters of a-z, 0-9, ".", "_" and "-"' })
  username: string;

  @ApiProperty({ example: 'Lò Thị Hoa' }) @Nfc() @IsString() @IsNotEmpty() @MaxLength(200)
  displayName: string;

  @ApiPropertyOptional({ example: 'hoa.lt@example.vn' }) @IsOptional() @IsEmail({}, { message: 'email must be an email address' })
  email?: string;

  @ApiProperty({ minLength: MIN_PASSWORD_LENGTH })
  @IsString() @MinLength(MIN_PASSWORD_LENGTH, { message: `password must be at least ${MIN_PASSWORD_LENGTH} characters` }) @MaxLength(200)
  password: string;

  @ApiProperty({ enum: ROLES, isArray: true, example: ['reporter'] })
  @IsArray() @ArrayMinSize(1, { message: 'roles must contain at least one role' }) @ArrayMaxSize(ROLES.length)
  @IsIn(ROLES, { each: true, message: `each role must be one of: ${ROLES.join(', ')}` })
  roles: string[];

  @ApiPropertyOptional({ type: [String], example: ['hlhpn-tam-duong'], description: 'units the user reports for' })
  @IsOptional() @IsArray() @ArrayMaxSize(500) @IsString({ each: true })
  unitIds?: string[];

  @ApiPropertyOptional({ example: 'bdv-tam-duong' }) @IsOptional() @IsString() @MaxLength(100)
  officeUnitId?: string;
}

export class UserDto {
  @ApiProperty() id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ nullable: true }) email: string | null;
  @ApiProperty({ type: [String] }) roles: string[];
  @ApiProperty({ type: [String] }) unitIds: string[];
  @ApiProperty({ nullable: true }) officeUnitId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) lockedUntil: Date | null;
}
