import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { BOARD_STATUSES } from '@kybaocao/domain/board';
import { CYCLE_STATUSES } from '@kybaocao/domain/permissions';

export class PageQueryDto {
  @ApiPropertyOptional({ description: 'at most this many items (1-100)', default: 50, example: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be an integer 1-100' })
  @Min(1, { message: 'limit must be an integer 1-100' })
  @Max(100, { message: 'limit must be an integer 1-100' })
  limit?: number;

  @ApiPropertyOptional({ description: 'the nextCursor of the previous page' })
  @IsOptional()
  @IsString({ message: 'cursor must be the nextCursor of a previous page' })
  @MaxLength(500, { message: 'cursor must be the nextCursor of a previous page' })
  cursor?: string;
}

export class AssignmentDto {
  @ApiProperty({ format: 'uuid' }) cycleId: string;
  @ApiProperty({ example: 'hlhpn-tam-duong' }) unitId: string;
  @ApiProperty({ example: 'Hội Liên hiệp Phụ nữ huyện Tam Đường' }) unitName: string;
  @ApiProperty({ example: 'Báo cáo tổng kết công tác dân vận năm', description: "the template's title" }) reportTitle: string;
  @ApiProperty({ example: 'năm 2026' }) periodLabel: string;
  @ApiProperty({ example: 'Huyện ủy Tam Đường' }) issuingBodyName: string;
  @ApiProperty({ enum: CYCLE_STATUSES }) cyclePhase: string;
  @ApiProperty({ example: 'Đang nhận báo cáo' }) cyclePhaseLabel: string;
  @ApiProperty({ example: '2026-12-16', description: "the unit's deadline after every extension (a date, Vietnam time)" }) deadline: string;
  @ApiProperty({ description: 'the deadline was extended' }) extended: boolean;
  @ApiProperty({ enum: BOARD_STATUSES }) status: string;
  @ApiProperty({ example: 'Chưa nộp' }) statusLabel: string;
  @ApiProperty({
    nullable: true,
    type: Number,
    example: 6,
    description: 'still to send and not late: calendar days (Vietnam) until the deadline, 0 on the day; else null',
  })
  daysLeft: number | null;
  @ApiProperty({
    nullable: true,
    type: Number,
    example: null,
    description: 'still to send and past the deadline: calendar days late as of now; sent late: days late of that version; else null',
  })
  daysLate: number | null;
  @ApiProperty({ example: 0, description: 'reasons of the open return (status returned)' }) openReturnReasons: number;
  @ApiProperty({ enum: ['save-draft', 'submit'], isArray: true, description: 'what the caller may do now' }) allowedActions: (
    | 'save-draft'
    | 'submit'
  )[];
}

export class AssignmentsPageDto {
  @ApiProperty({
    type: [AssignmentDto],
    description: 'most urgent first: still to send (not started, draft, returned) by deadline, then awaiting review, then approved',
  })
  items: AssignmentDto[];
  @ApiProperty({ example: 1, description: "assignments of the caller's units across cycles (all pages)" }) total: number;
  @ApiProperty({ nullable: true, type: String, description: 'pass as cursor for the next page; null on the last page' }) nextCursor:
    | string
    | null;
}

export class ReviewItemDto {
  @ApiProperty({ format: 'uuid' }) cycleId: string;
  @ApiProperty({ example: 'Báo cáo tổng kết công tác dân vận năm' }) reportTitle: string;
  @ApiProperty({ example: 'năm 2026' }) periodLabel: string;
  @ApiProperty({ example: 'Huyện ủy Tam Đường' }) issuingBodyName: string;
  @ApiProperty({ example: 'hlhpn-tam-duong' }) unitId: string;
  @ApiProperty({ example: 'Hội Liên hiệp Phụ nữ huyện Tam Đường' }) unitName: string;
  @ApiProperty({ example: 1, description: 'the version waiting' }) version: number;
  @ApiProperty({ type: String, format: 'date-time', description: 'when that version came in' }) submittedAt: string;
  @ApiProperty({ description: 'sent again after a return' }) resubmission: boolean;
  @ApiProperty({ description: 'that version came in after the deadline' }) late: boolean;
}

export class ReviewQueuePageDto {
  @ApiProperty({ type: [ReviewItemDto], description: 'submissions and resubmissions awaiting review, oldest first' })
  items: ReviewItemDto[];
  @ApiProperty({ example: 1, description: 'waiting in all (all pages)' }) total: number;
  @ApiProperty({ nullable: true, type: String, description: 'pass as cursor for the next page; null on the last page' }) nextCursor:
    | string
    | null;
}

export const ASSIGNMENTS_EXAMPLE: AssignmentsPageDto = {
  items: [
    {
      cycleId: '0b7c2f4e-5a6d-4e8f-9a1b-2c3d4e5f6a7b',
      unitId: 'hlhpn-tam-duong',
      unitName: 'Hội Liên hiệp Phụ nữ huyện Tam Đường',
      reportTitle: 'Báo cáo tổng kết công tác dân vận năm',
      periodLabel: 'năm 2026',
      issuingBodyName: 'Huyện ủy Tam Đường',
      cyclePhase: 'collecting',
      cyclePhaseLabel: 'Đang nhận báo cáo',
      deadline: '2026-12-16',
      extended: false,
      status: 'returned',
      statusLabel: 'Bị trả lại',
      daysLeft: 6,
      daysLate: null,
      openReturnReasons: 2,
      allowedActions: ['save-draft', 'submit'],
    },
  ],
  total: 1,
  nextCursor: null,
};

export const REVIEWS_EXAMPLE: ReviewQueuePageDto = {
  items: [
    {
      cycleId: '0b7c2f4e-5a6d-4e8f-9a1b-2c3d4e5f6a7b',
      reportTitle: 'Báo cáo tổng kết công tác dân vận năm',
      periodLabel: 'năm 2026',
      issuingBodyName: 'Huyện ủy Tam Đường',
      unitId: 'hlhpn-tam-duong',
      unitName: 'Hội Liên hiệp Phụ nữ huyện Tam Đường',
      version: 2,
      submittedAt: '2026-12-12T03:20:00.000Z',
      resubmission: true,
      late: false,
    },
  ],
  total: 1,
  nextCursor: null,
};
