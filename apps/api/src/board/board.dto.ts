import { ApiProperty } from '@nestjs/swagger';
import { BOARD_STATUSES, TIMELINESS } from '@kybaocao/domain/board';

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
  @ApiProperty({ nullable: true, type: Number, description: 'days after the deadline (late submission or overdue as of now)' }) daysLate:
    | number
    | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) lastActivityAt: string | null;
  @ApiProperty({ description: 'counts in the denominators' }) expected: boolean;
  @ApiProperty() submitted: boolean;
  @ApiProperty() assigned: boolean;
  @ApiProperty({ example: 0, description: "e-mails to this unit's people whose latest attempt failed (being retried or given up)" })
  failedDeliveries: number;
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
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'hccb-tam-duong',
    description: 'the unit it was addressed to; null: addressed to a person',
  })
  unitId: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'Hội Cựu chiến binh huyện Tam Đường' }) unitName: string | null;
  @ApiProperty({ example: 'Cán bộ Hội CCB' }) recipientName: string;
  @ApiProperty({ example: 'ccb.tamduong@example.vn' }) email: string;
  @ApiProperty({ example: 2, description: 'number of the last attempt, which failed' }) attempt: number;
  @ApiProperty({ example: '550 5.1.1 <ccb.tamduong@example.vn>: Recipient address rejected: User unknown' }) error: string;
  @ApiProperty({ type: String, format: 'date-time' }) attemptedAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'next attempt; null when given up' }) nextAttemptAt:
    | string
    | null;
  @ApiProperty({ description: 'no more attempts' }) gaveUp: boolean;
}

export class BoardDto {
  @ApiProperty({ type: BoardCycleDto }) cycle: BoardCycleDto;
  @ApiProperty({ type: String, format: 'date-time', description: 'the instant the board was computed for' }) now: string;
  @ApiProperty({ description: 'units on the board before filtering' }) totalUnits: number;
  @ApiProperty({ type: BoardPageDto, description: 'which rows `units` holds' }) page: BoardPageDto;
  @ApiProperty({ type: [BoardUnitViewDto], description: 'one page of the units, filtered and sorted as asked' }) units: BoardUnitViewDto[];
  @ApiProperty({
    type: BoardFilterCountsDto,
    description: "how many units each filter option keeps (over the board before filtering, with the filter's own rule)",
  })
  filterCounts: BoardFilterCountsDto;
  @ApiProperty({ type: BoardTotalsDto }) overall: BoardTotalsDto;
  @ApiProperty({ type: [BoardGroupDto] }) byKind: BoardGroupDto[];
  @ApiProperty({ type: [BoardGroupDto] }) byLevel: BoardGroupDto[];
  @ApiProperty({ description: 'units that submitted although not expected' }) submittedNotExpected: number;
  @ApiProperty({ example: 'còn 17/19 đơn vị chưa nộp báo cáo (Đảng ủy xã Bản Bo, …)', description: 'ready to paste into a report' })
  pendingLine: string;
  @ApiProperty({
    type: [FailedDeliveryDto],
    description: 'e-mails of this cycle whose latest attempt failed, oldest notification first: the first 50 (also counted per unit)',
  })
  failedDeliveries: FailedDeliveryDto[];
  @ApiProperty({ description: 'how many e-mails of this cycle failed at their latest attempt, listed or not', example: 1 })
  failedDeliveriesTotal: number;
}

export class CycleSummaryDto extends BoardCycleDto {}
