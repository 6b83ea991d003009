import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsISO8601, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { Nfc } from '../common/nfc';

export class RegisterUnitDto {
  @ApiProperty({ example: 'xa-son-binh', description: 'stable id (slug or uuid)' })
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9-]{1,99}$/, { message: 'id must be 2–100 characters of a-z, 0-9 and -' })
  id: string;

  @ApiPropertyOptional({ example: 'huyen-uy-tam-duong', nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  parentId?: string | null;

  @ApiProperty({ example: 'xa', description: 'level as data: tinh, huyen, xa, thon …' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  level: string;

  @ApiProperty({ example: 'DANG_UY_XA' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  kind: string;

  @ApiProperty({ example: 'Đảng ủy xã Sơn Bình' })
  @Nfc()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  canonicalName: string;

  @ApiPropertyOptional({ example: 'Sơn Bình' })
  @IsOptional()
  @Nfc()
  @IsString()
  @MaxLength(100)
  shortName?: string;

  @ApiPropertyOptional({ example: ['Xã Sơn Bình'] })
  @IsOptional()
  @Nfc()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  aliases?: string[];

  @ApiProperty({ example: '2020-01-01' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'activeFrom must be a date YYYY-MM-DD' })
  activeFrom: string;
}

export class OrgUnitDto {
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, type: String }) parentId: string | null;
  @ApiProperty() level: string;
  @ApiProperty() kind: string;
  @ApiProperty() canonicalName: string;
  @ApiPropertyOptional() shortName?: string;
  @ApiProperty({ type: [String] }) aliases: string[];
  @ApiProperty() activeFrom: string;
  @ApiPropertyOptional() activeTo?: string;
}

export class OrgUnitImportResultDto {
  @ApiProperty({ description: 'rows with data in the file', example: 3 }) rows: number;
  @ApiProperty({ description: 'units registered by this import', example: 2 }) registered: number;
  @ApiProperty({ description: 'rows whose unit was already registered with the same details', example: 1 }) skipped: number;
}

/** OpenAPI examples. */
export const REGISTER_UNIT_EXAMPLE = {
  id: 'xa-son-binh',
  parentId: 'huyen-uy-tam-duong',
  level: 'xa',
  kind: 'DANG_UY_XA',
  canonicalName: 'Đảng ủy xã Sơn Bình',
  shortName: 'Sơn Bình',
  aliases: ['Xã Sơn Bình'],
  activeFrom: '2020-01-01',
};
export const ORG_UNIT_EXAMPLE: OrgUnitDto = { ...REGISTER_UNIT_EXAMPLE };

export class CloseUnitDto {
  @ApiProperty({ example: '2027-06-30', description: 'last day the unit exists (inclusive)' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'activeTo must be a date such as 2027-06-30' })
  @IsISO8601({ strict: true }, { message: 'activeTo must be a date such as 2027-06-30' })
  activeTo: string;

  @ApiProperty({ example: 'Sáp nhập vào xã Bình Lư theo Nghị quyết của Ủy ban Thường vụ Quốc hội.' })
  @Nfc()
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  reason: string;

  @ApiPropertyOptional({ example: 'du-xa-binh-lu', description: 'the unit it was merged into' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  mergedInto?: string;
}
