import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '../assignments/assignments.dto';
import { AUDIT_KIND_KEYS } from '@kybaocao/domain/audit';

export class AuditTimelineQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: AUDIT_KIND_KEYS, description: 'only events of this kind' })
  @IsOptional()
  @IsIn(AUDIT_KIND_KEYS, { message: `kind must be one of ${AUDIT_KIND_KEYS.join(', ')}` })
  kind?: string;

  @ApiPropertyOptional({ example: 'hlhpn-tam-duong', description: 'only events about this unit' })
  @IsOptional()
  @IsString({ message: 'unitId must be a unit id' })
  @MaxLength(200, { message: 'unitId must be a unit id' })
  unitId?: string;

  @ApiPropertyOptional({ description: 'ISO instant: only events recorded until then' })
  @IsOptional()
  @IsString({ message: 'asOf must be an ISO 8601 instant with a time zone' })
  asOf?: string;
}

export class AuditEntryDto {
  @ApiProperty({ example: '2026-12-10T01:30:00.000Z' }) at: string;
  @ApiProperty({ example: 'Nguyễn Văn An', description: 'who did it ("Hệ thống" for the system\'s own steps)' }) who: string;
  @ApiProperty({ example: 'Chuyên viên điều phối', nullable: true, type: String }) roleLabel: string | null;
  @ApiProperty({ example: 'Gia hạn nộp từ 16/12/2026 đến 18/12/2026. Lý do: Đơn vị tổ chức Đại hội.' }) what: string;
  @ApiProperty({ example: 'units', description: 'the kind of event (filter key)' }) kind: string;
  @ApiProperty({ example: 'Đơn vị và thời hạn' }) kindLabel: string;
  @ApiProperty({
    example: 'Hội Liên hiệp Phụ nữ huyện Tam Đường',
    nullable: true,
    type: String,
    description: 'the unit the event is about',
  })
  unitName: string | null;
  @ApiProperty({ example: 'hlhpn-tam-duong', nullable: true, type: String }) unitId: string | null;
}

export class AuditTimelinePageDto {
  @ApiProperty({ type: [AuditEntryDto], description: 'in the order recorded' }) items: AuditEntryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class AuditKindDto {
  @ApiProperty({ example: 'phase' }) key: string;
  @ApiProperty({ example: 'Giai đoạn' }) label: string;
}

export class BoardAsOfDto {
  @ApiProperty({ example: '2026-12-10T01:30:00.000Z' }) asOf: string;
  @ApiProperty({ example: true, description: 'false when the cycle had not been opened yet at asOf (every count is then 0)' })
  opened: boolean;
  @ApiProperty({ example: 'collecting', description: "the cycle's phase then" }) status: string;
  @ApiProperty({ example: 12, description: 'units assigned then' }) expected: number;
  @ApiProperty({ example: 8, description: 'units that had sent their report (submitted, resubmitted or approved)' }) submitted: number;
  @ApiProperty({ example: 5 }) approved: number;
  @ApiProperty({ example: 1, description: 'units whose report was returned and not yet sent again' }) returned: number;
  @ApiProperty({ example: 3, description: 'units that had not sent anything' }) notSubmitted: number;
}

export const AUDIT_TIMELINE_EXAMPLE: AuditTimelinePageDto = {
  items: [
    {
      at: '2026-12-10T01:30:00.000Z',
      who: 'Nguyễn Văn An',
      roleLabel: 'Chuyên viên điều phối',
      what: 'Gia hạn nộp từ 16/12/2026 đến 18/12/2026. Lý do: Đơn vị tổ chức Đại hội.',
      kind: 'units',
      kindLabel: 'Đơn vị và thời hạn',
      unitName: 'Hội Liên hiệp Phụ nữ huyện Tam Đường',
      unitId: 'hlhpn-tam-duong',
    },
  ],
  nextCursor: null,
};

export const BOARD_AS_OF_EXAMPLE: BoardAsOfDto = {
  asOf: '2026-12-10T01:30:00.000Z',
  opened: true,
  status: 'collecting',
  expected: 12,
  submitted: 8,
  approved: 5,
  returned: 1,
  notSubmitted: 3,
};
