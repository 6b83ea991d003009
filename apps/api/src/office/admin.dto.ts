import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { Nfc } from '../common/nfc';
import { PageQueryDto } from '../assignments/assignments.dto';

export class AccountsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'hoa', description: 'part of the name or the username' })
  @IsOptional()
  @IsString({ message: 'q must be text' })
  @MaxLength(100, { message: 'q must be at most 100 characters' })
  q?: string;
}

export class AccountRowDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'canbo.hlhpn' }) username: string;
  @ApiProperty({ example: 'Lò Thị Hoa' }) displayName: string;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty({ type: [String], example: ['reporter'] }) roles: string[];
  @ApiProperty({ type: [String], example: ['hlhpn-tam-duong'] }) unitIds: string[];
  @ApiProperty({
    type: [String],
    example: ['Hội Liên hiệp Phụ nữ huyện Tam Đường'],
    description: "the units' names, in the order of unitIds",
  })
  unitNames: string[];
  @ApiProperty({ nullable: true, type: String }) officeUnitId: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'Ban Dân vận Huyện ủy' }) officeUnitName: string | null;
  @ApiProperty({ description: 'locked out now after repeated failed logins' }) locked: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) lockedUntil: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) disabledAt: string | null;
  @ApiProperty() mustChangePassword: boolean;
  @ApiProperty({ description: 'the ETag for If-Match' }) version: number;
}

export class AccountsPageDto {
  @ApiProperty({ type: [AccountRowDto], description: 'by username' }) items: AccountRowDto[];
  @ApiProperty({ example: 1 }) total: number;
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class OrgChildrenQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'huyen-uy-tam-duong', description: 'the parent; the top of the tree when absent' })
  @IsOptional()
  @IsString({ message: 'parentId must be a unit id' })
  @MaxLength(100, { message: 'parentId must be a unit id' })
  parentId?: string;
}

export class OrgSearchQueryDto {
  @ApiProperty({ example: 'phụ nữ', description: 'part of the name, short name or another name' })
  @IsString({ message: 'q must be text' })
  @IsNotEmpty({ message: 'q must not be empty' })
  @MaxLength(100, { message: 'q must be at most 100 characters' })
  q: string;
}

export class OrgNodeDto {
  @ApiProperty({ example: 'hlhpn-tam-duong' }) id: string;
  @ApiProperty({ nullable: true, type: String }) parentId: string | null;
  @ApiProperty({ example: 'Hội Liên hiệp Phụ nữ huyện Tam Đường' }) canonicalName: string;
  @ApiProperty({ nullable: true, type: String, example: 'Hội LHPN' }) shortName: string | null;
  @ApiProperty({ type: [String] }) aliases: string[];
  @ApiProperty({ example: 'Hội Liên hiệp Phụ nữ' }) kindLabel: string;
  @ApiProperty({ example: 'Cấp huyện' }) levelLabel: string;
  @ApiProperty({ example: '2020-01-01' }) activeFrom: string;
  @ApiProperty({ nullable: true, type: String }) activeTo: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'why it was closed' }) closedReason: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'Đảng ủy xã Bình Lư', description: 'the unit it was merged into' }) mergedIntoName:
    | string
    | null;
  @ApiProperty({ example: 3, description: 'units directly under it' }) childCount: number;
  @ApiProperty() version: number;
}

export class OrgChildrenPageDto {
  @ApiProperty({ type: [OrgNodeDto] }) items: OrgNodeDto[];
  @ApiProperty({ example: 1 }) total: number;
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class AddAliasDto {
  @ApiProperty({ example: 'Hội Phụ nữ huyện' })
  @Nfc()
  @IsString({ message: 'alias must be text' })
  @IsNotEmpty({ message: 'alias must not be empty' })
  @MaxLength(200, { message: 'alias must be at most 200 characters' })
  alias: string;
}

export const ACCOUNTS_EXAMPLE: AccountsPageDto = {
  items: [
    {
      id: '5f0c3c1e-2b7a-4d0e-9a61-1b2c3d4e5f60',
      username: 'canbo.hlhpn',
      displayName: 'Lò Thị Hoa',
      email: null,
      roles: ['reporter'],
      unitIds: ['hlhpn-tam-duong'],
      unitNames: ['Hội Liên hiệp Phụ nữ huyện Tam Đường'],
      officeUnitId: null,
      officeUnitName: null,
      locked: false,
      lockedUntil: null,
      disabledAt: null,
      mustChangePassword: false,
      version: 1,
    },
  ],
  total: 1,
  nextCursor: null,
};

export const ORG_NODE_EXAMPLE: OrgNodeDto = {
  id: 'hlhpn-tam-duong',
  parentId: 'huyen-uy-tam-duong',
  canonicalName: 'Hội Liên hiệp Phụ nữ huyện Tam Đường',
  shortName: 'Hội LHPN',
  aliases: ['Hội Phụ nữ huyện'],
  kindLabel: 'Hội Liên hiệp Phụ nữ',
  levelLabel: 'Cấp huyện',
  activeFrom: '2020-01-01',
  activeTo: null,
  closedReason: null,
  mergedIntoName: null,
  childCount: 0,
  version: 1,
};
