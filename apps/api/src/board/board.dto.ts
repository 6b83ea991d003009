import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { BOARD_PROGRESS, BOARD_STATUSES, TIMELINESS } from '../../../../libs/domain/src/board';

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

  @ApiPropertyOptional({ description: "progress as the summary counts it: submitted = đã nộp (submitted, resubmitted or approved), pending = chưa nộp (comma-separated)",
    example: 'submitted', enum: BOARD_PROGRESS, isArray: true })
  @IsOptional() @csvList() @ArrayMaxSize(BOARD_PROGRESS.length)
  @IsIn(BOARD_PROGRESS, { each: true, message: `progress must be one or more of: ${BOARD_PROGRESS.join(', ')}` })
  progress?: string[];

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

  @ApiPropertyOptional({ description: 'rows to skip (of the filtered, sorted rows)', default: 0, minimum: 0 })
  @IsOptional() @Transform(({ value }) => (/^\d{1,9}$/.test(String(value)) ? Number(value) : value))
  @IsInt({ message: 'offset must be a whole number from 0' }) @Min(0, { message: 'offset must be a whole number from 0' }) @Max(100_000_000, { message: 'offset is too large' })
  offset?: number;

  @ApiPropertyOptional({ description: 'rows in the page (the downloads ignore it: they hold every row)', default: 100, minimum: 1, maximum: 500 })
  @IsOptional() @Transform(({ value }) => (/^\d{1,9}$/.test(String(value)) ? Number(value) : value))
  @IsInt({ message: 'limit must be a whole number from 1 to 500' }) @Min(1, { message: 'limit must be a whole number from 1 to 500' })
  @Max(500, { message: 'limit must be a whole number from 1 to 500' })
  limit?: number;
}

export class BoardPageDto {
  @ApiProperty({ example: 0, description: 'rows skipped' }) offset: number;
  @ApiProperty({ example: 100, description: 'rows asked for' }) limit: number;
  @ApiProperty({ example: 2, description: 'rows the filter keeps (over every page)' }) matching: number;
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
  @ApiProperty({ example: 0, description: 'e-mails to this unit\'s people whose latest attempt failed (being retried or given up)' }) failedDeliveries: number;
}

export class ProgressCountsDto {
  @ApiProperty({ example: 1, description: 'đã nộp: submitted, resubmitted or approved (as the summary counts)' }) submitted: number;
  @ApiProperty({ example: 1, description: 'chưa nộp: not started, draft or returned' }) pending: number;
}

export class StatusCountsDto {
  @ApiProperty({ example: 1 }) not_started: number;
  @ApiProperty({ example: 0 }) draft: number;
  @ApiProperty({ example: 1 }) submitted: number;
  @ApiProperty({ example: 0 }) returned: number;
  @ApiProperty({ example: 0 }) resubmitted: number;
  @ApiProperty({ example: 0 }) approved: number;
}

export class BoardFilterCountsDto {
  @ApiProperty({ type: ProgressCountsDto, description: 'units ?progress= keeps, per value' }) progress: ProgressCountsDto;
  @ApiProperty({ type: StatusCountsDto, description: 'units ?status= keeps, per exact status' }) statuses: StatusCountsDto;
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

export class FailedDeliveryDto {
  @ApiProperty({ format: 'uuid' }) notificationId: string;
  @ApiProperty({ example: 'reminder' }) kind: string;
  @ApiProperty({ example: '[Quá hạn] Báo cáo năm 2026: đã quá hạn nộp 16/12/2026' }) subject: string;
  @ApiProperty({ nullable: true, type: String, example: 'hccb-tam-duong', description: 'the unit it was addressed to; null: addressed to a person' }) unitId: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'Hội Cựu chiến binh huyện Tam Đường' }) unitName: string | null;
  @ApiProperty({ example: 'Cán bộ Hội CCB' }) recipientName: string;
  @ApiProperty({ example: 'ccb.tamduong@example.vn' }) email: string;
  @ApiProperty({ example: 2, description: 'number of the last attempt, which failed' }) attempt: number;
  @ApiProperty({ example: '550 5.1.1 <ccb.tamduong@example.vn>: Recipient address rejected: User unknown' }) error: string;
  @ApiProperty({ type: String, format: 'date-time' }) attemptedAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'next attempt; null when given up' }) nextAttemptAt: string | null;
  @ApiProperty({ description: 'no more attempts' }) gaveUp: boolean;
}

export class BoardDto {
  @ApiProperty({ type: BoardCycleDto }) cycle: BoardCycleDto;
  @ApiProperty({ type: String, format: 'date-time', description: 'the instant the board was computed for' }) now: string;
  @ApiProperty({ description: 'units on the board before filtering' }) totalUnits: number;
  @ApiProperty({ type: BoardPageDto, description: 'which rows `units` holds' }) page: BoardPageDto;
  @ApiProperty({ type: [BoardUnitViewDto], description: 'one page of the units, filtered and sorted as asked' }) units: BoardUnitViewDto[];
  @ApiProperty({ type: BoardFilterCountsDto, description: 'how many units each filter option keeps (over the board before filtering, with the filter\'s own rule)' })
  filterCounts: BoardFilterCountsDto;
  @ApiProperty({ type: BoardTotalsDto }) overall: BoardTotalsDto;
  @ApiProperty({ type: [BoardGroupDto] }) byKind: BoardGroupDto[];
  @ApiProperty({ type: [BoardGroupDto] }) byLevel: BoardGroupDto[];
  @ApiProperty({ description: 'units that submitted although not expected' }) submittedNotExpected: number;
  @ApiProperty({ example: 'còn 17/19 đơn vị chưa nộp báo cáo (Đảng ủy xã Bản Bo, …)', description: 'ready to paste into a report' })
  pendingLine: string;
  @ApiProperty({ type: [FailedDeliveryDto], description: 'e-mails of this cycle whose latest attempt failed, oldest notification first (also counted per unit)' })
  failedDeliveries: FailedDeliveryDto[];
}

export class CycleSummaryDto extends BoardCycleDto {}

/** OpenAPI examples. */
const EXAMPLE_CYCLE: BoardCycleDto = {
  id: '0b7c2f4e-5a6d-4e8f-9a1b-2c3d4e5f6a7b', periodLabel: 'năm 2026', dataFrom: '2025-12-15', dataTo: '2026-12-14',
  issuingBodyName: 'Huyện ủy Tam Đường', submissionDeadline: '2026-12-16', status: 'collecting', openedAt: '2026-11-20T02:00:00.000Z',
};
export const CYCLES_EXAMPLE: CycleSummaryDto[] = [EXAMPLE_CYCLE];

const exampleTotals = (expected: number, submitted: number, onTime: number): BoardTotalsDto => ({
  expected, submitted, onTime, submittedLate: submitted - onTime, pending: expected - submitted, overdue: 0, returned: 0, approved: 0,
  completeness: { count: submitted, of: expected, ratio: expected ? submitted / expected : null, percent: expected ? `${Math.round((submitted / expected) * 1000) / 10}%`.replace('.', ',') : null },
  timeliness: { count: onTime, of: expected, ratio: expected ? onTime / expected : null, percent: expected ? `${Math.round((onTime / expected) * 1000) / 10}%`.replace('.', ',') : null },
});

export const BOARD_EXAMPLE: BoardDto = {
  cycle: EXAMPLE_CYCLE,
  now: '2026-12-10T03:00:00.000Z',
  totalUnits: 2,
  page: { offset: 0, limit: 100, matching: 2 },
  units: [
    {
      unitId: 'hlhpn-tam-duong', unitName: 'Hội Liên hiệp Phụ nữ huyện Tam Đường', unitKind: 'HLHPN', unitKindLabel: 'Hội Liên hiệp Phụ nữ', level: 'huyen',
      levelLabel: 'Cấp huyện', status: 'submitted', statusLabel: 'Đã nộp', effectiveDeadline: '2026-12-16', submittedAt: '2026-12-09T02:15:00.000Z',
      timeliness: 'on_time', daysLate: 0, lastActivityAt: '2026-12-09T02:15:00.000Z', expected: true, submitted: true, assigned: true, failedDeliveries: 0,
    },
    {
      unitId: 'hccb-tam-duong', unitName: 'Hội Cựu chiến binh huyện Tam Đường', unitKind: 'HCCB', unitKindLabel: 'Hội Cựu chiến binh', level: 'huyen',
      levelLabel: 'Cấp huyện', status: 'not_started', statusLabel: 'Chưa nộp', effectiveDeadline: '2026-12-16', submittedAt: null,
      timeliness: 'not_due', daysLate: 0, lastActivityAt: null, expected: true, submitted: false, assigned: true, failedDeliveries: 1,
    },
  ],
  filterCounts: { progress: { submitted: 1, pending: 1 }, statuses: { not_started: 1, draft: 0, submitted: 1, returned: 0, resubmitted: 0, approved: 0 } },
  overall: exampleTotals(2, 1, 1),
  byKind: [
    { key: 'HCCB', label: 'Hội Cựu chiến binh', ...exampleTotals(1, 0, 0) },
    { key: 'HLHPN', label: 'Hội Liên hiệp Phụ nữ', ...exampleTotals(1, 1, 1) },
  ],
  byLevel: [{ key: 'huyen', label: 'Cấp huyện', ...exampleTotals(2, 1, 1) }],
  submittedNotExpected: 0,
  pendingLine: 'còn 1/2 đơn vị chưa nộp báo cáo (Hội Cựu chiến binh huyện Tam Đường)',
  failedDeliveries: [{
    notificationId: '5f0c8a52-3c1e-4d8b-9a57-7f2d1c6b9e01', kind: 'reminder', subject: '[Nhắc hạn] Báo cáo năm 2026: hạn nộp 16/12/2026',
    unitId: 'hccb-tam-duong', unitName: 'Hội Cựu chiến binh huyện Tam Đường', recipientName: 'Cán bộ Hội CCB', email: 'ccb.tamduong@example.vn', attempt: 2,
    error: '550 5.1.1 <ccb.tamduong@example.vn>: Recipient address rejected: User unknown', attemptedAt: '2026-12-10T01:01:00.000Z',
    nextAttemptAt: '2026-12-10T01:06:00.000Z', gaveUp: false,
  }],
};
