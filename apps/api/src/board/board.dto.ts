import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { BOARD_STATUSES, TIMELINESS } from '../../../../libs/domain/src/board';

export const BOARD_SORT_KEYS = ['name', 'status', 'daysLate', 'kind', 'level'] as const;
export type BoardSortParam = (typeof BOARD_SORT_KEYS)[number];

/** `?status=submitted,approved` or `?status=submitted&status=approved` → ['submitted', 'approved']. */
const csvList = () => Transform(({ value }) => (value === undefined ? undefined
  : (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(',')).map((v) => v.trim()).filter((v) => v !== '')));

export class BoardQueryDto {
  @ApiPropertyOptional({ description: 'only these statuses (comma-separated)', example: 'not_started,draft', enum: BOARD_STATUSES, isArray: true })
  @IsOptional() @csvList() @ArrayMaxSize(BOARD_STATUSES.length)
  @IsIn(BOARD_STATUSES, { each: true, message: `status must be one or more of: ${BOARD_STATUSES.join(', ')}` })
  status?: string[];

  @ApiPropertyOptional({ description: 'only these organisation kinds (comma-separated kind codes)', example: 'HLHPN,HND', isArray: true, type: String })
  @IsOptional() @csvList() @ArrayMaxSize(50)
  @Matches(/^[A-Za-z0-9_-]{1,60}$/, { each: true, message: 'kind must be kind codes such as HLHPN or DANG_UY_XA' })
  kind?: string[];

  @ApiPropertyOptional({ description: 'only these levels (comma-separated)', example: 'xa', isArray: true, type: String })
  @IsOptional() @csvList() @ArrayMaxSize(20)
  @Matches(/^[A-Za-z0-9_-]{1,60}$/, { each: true, message: 'level must be levels such as huyen or xa' })
  level?: string[];

  @ApiPropertyOptional({ enum: BOARD_SORT_KEYS, default: 'name' })
  @IsOptional() @IsString() @IsIn(BOARD_SORT_KEYS, { message: `sort must be one of: ${BOARD_SORT_KEYS.join(', ')}` })
  sort?: BoardSortParam;

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'asc' })
  @IsOptional() @IsString() @IsIn(['asc', 'desc'], { message: 'order must be asc or desc' })
  order?: 'asc' | 'desc';
}

export class RateDto {
  @ApiProperty({ example: 5 }) count: number;
  @ApiProperty({ example: 8 }) of: number;
  @ApiProperty({ nullable: true, type: Number, example: 0.625 }) ratio: number | null;
  @ApiProperty({ nullable: true, type: String, example: '62,5%' }) percent: string | null;
}

export class BoardTotalsDto {
  @ApiProperty({ description: 'units counted in the denominators' }) expected: number;
  @ApiProperty({ description: 'submitted, resubmitted or approved' }) submitted: number;
  @ApiProperty() onTime: number;
  @ApiProperty() submittedLate: number;
  @ApiProperty({ description: 'not_started, draft or returned' }) pending: number;
  @ApiProperty({ description: 'never submitted and the deadline has passed' }) overdue: number;
  @ApiProperty() returned: number;
  @ApiProperty() approved: number;
  @ApiProperty({ type: RateDto, description: 'submitted / expected' }) completeness: RateDto;
  @ApiProperty({ type: RateDto, description: 'on time / expected' }) timeliness: RateDto;
}

export class BoardGroupDto extends BoardTotalsDto {
  @ApiProperty({ example: 'HLHPN' }) key: string;
  @ApiProperty({ example: 'Hội Liên hiệp Phụ nữ' }) label: string;
}

export class BoardUnitViewDto {
  @ApiProperty({ example: 'hlhpn-tam-duong' }) unitId: string;
  @ApiProperty({ example: 'Hội Liên hiệp Phụ nữ huyện Tam Đường' }) unitName: string;
  @ApiProperty({ example: 'HLHPN' }) unitKind: string;
  @ApiProperty({ example: 'Hội Liên hiệp Phụ nữ' }) unitKindLabel: string;
  @ApiProperty({ example: 'huyen' }) level: string;
  @ApiProperty({ example: 'Cấp huyện' }) levelLabel: string;
  @ApiProperty({ enum: BOARD_STATUSES }) status: string;
  @ApiProperty({ example: 'Đã nộp' }) statusLabel: string;
  @ApiProperty({ example: '2026-12-16', description: "the unit's deadline after every extension" }) effectiveDeadline: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'first submission' }) submittedAt: string | null;
  @ApiProperty({ enum: TIMELINESS }) timeliness: string;
  @ApiProperty({ nullable: true, type: Number, description: 'days after the deadline (late submission or overdue as of now)' }) daysLate: number | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) lastActivityAt: string | null;
  @ApiProperty({ description: 'counts in the denominators' }) expected: boolean;
  @ApiProperty() submitted: boolean;
  @ApiProperty() assigned: boolean;
}

export class BoardCycleDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'năm 2026' }) periodLabel: string;
  @ApiProperty({ example: '2025-12-15' }) dataFrom: string;
  @ApiProperty({ example: '2026-12-14' }) dataTo: string;
  @ApiProperty({ example: 'Huyện ủy Tam Đường' }) issuingBodyName: string;
  @ApiProperty({ example: '2026-12-16' }) submissionDeadline: string;
  @ApiProperty({ example: 'collecting' }) status: string;
  @ApiProperty({ type: String, format: 'date-time' }) openedAt: string;
}

export class BoardDto {
  @ApiProperty({ type: BoardCycleDto }) cycle: BoardCycleDto;
  @ApiProperty({ type: String, format: 'date-time', description: 'the instant the board was computed for' }) now: string;
  @ApiProperty({ description: 'units on the board before filtering' }) totalUnits: number;
  @ApiProperty({ type: [BoardUnitViewDto], description: 'filtered and sorted as asked' }) units: BoardUnitViewDto[];
  @ApiProperty({ type: BoardTotalsDto }) overall: BoardTotalsDto;
  @ApiProperty({ type: [BoardGroupDto] }) byKind: BoardGroupDto[];
  @ApiProperty({ type: [BoardGroupDto] }) byLevel: BoardGroupDto[];
  @ApiProperty({ description: 'units that submitted although not expected' }) submittedNotExpected: number;
  @ApiProperty({ example: 'còn 17/19 đơn vị chưa nộp báo cáo (Đảng ủy xã Bản Bo, …)', description: 'ready to paste into a report' })
  pendingLine: string;
}

export class CycleSummaryDto extends BoardCycleDto {}
