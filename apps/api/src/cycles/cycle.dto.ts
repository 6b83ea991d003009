import { ApiProperty } from '@nestjs/swagger';
import { IssuingBodyDto, MilestonesDto, PeriodDto } from './cycle-parts.dto';
import { OPEN_CYCLE_EXAMPLE } from './cycle-open.dto';

export class BoardUnitDto {
  @ApiProperty() unitId: string;
  @ApiProperty({ nullable: true, type: String, example: 'Hội Liên hiệp Phụ nữ huyện' }) unitName: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'HLHPN' }) unitKind: string | null;
  @ApiProperty({ enum: ['not_started', 'draft', 'submitted', 'returned', 'resubmitted', 'approved'] }) status: string;
  @ApiProperty({ example: '2025-12-16' }) effectiveDeadline: string;
  @ApiProperty({ nullable: true, type: Number }) currentVersion: number | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) submittedAt: Date | null;
  @ApiProperty({ nullable: true, type: Boolean }) late: boolean | null;
  @ApiProperty({ nullable: true, type: Number }) daysLate: number | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) lastActivityAt: Date | null;
}

/** One page of a cycle's units (GET /cycles/{id}/units): a reporter gets only the units they report for. */
export class CycleUnitsPageDto {
  @ApiProperty({ type: [BoardUnitDto] }) items: BoardUnitDto[];
  @ApiProperty({ example: 13, description: 'units on every page together' }) total: number;
  @ApiProperty({ nullable: true, type: String, description: 'cursor of the next page; null on the last one' }) nextCursor: string | null;
}

export class WorkflowStatusDto {
  @ApiProperty() phase: string;
  @ApiProperty({ nullable: true, type: String, example: '2025-12-16T17:00:00.000Z' }) nextTimerAt: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2025-12-11T01:00:00.000Z', description: 'next reminder round' }) nextReminderAt:
    | string
    | null;
  @ApiProperty({ example: '2025-12-16T17:00:00.000Z' }) submissionClosesAt: string;
}

export class CycleDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'stream version; also the ETag' }) version: number;
  @ApiProperty({ example: 'collecting', description: 'phase recorded in the event store' }) status: string;
  @ApiProperty({
    type: WorkflowStatusDto,
    nullable: true,
    description: "the workflow's own view (query); null when Temporal is unreachable",
  })
  workflow: WorkflowStatusDto | null;
  @ApiProperty() templateId: string;
  @ApiProperty({ type: PeriodDto }) period: PeriodDto;
  @ApiProperty({ type: IssuingBodyDto }) issuingBody: IssuingBodyDto;
  @ApiProperty({ type: MilestonesDto }) milestones: MilestonesDto;
  @ApiProperty({ example: 13 }) expectedCount: number;
  @ApiProperty({ example: 9, description: 'units that have submitted at least once' }) submittedCount: number;
  @ApiProperty({
    enum: ['close-submissions', 'advance', 'extend-deadline', 'assign-units', 'draft-report'],
    isArray: true,
    description: "what the caller may do now ('advance': to the next phase)",
  })
  allowedActions: ('close-submissions' | 'advance' | 'extend-deadline' | 'assign-units' | 'draft-report')[];
}

/** As JSON (instants as ISO strings). */
export const CYCLE_EXAMPLE = {
  id: '0b7c2f4e-5a6d-4e8f-9a1b-2c3d4e5f6a7b',
  version: 2,
  status: 'collecting',
  workflow: {
    phase: 'collecting',
    nextTimerAt: '2026-12-16T17:00:00.000Z',
    nextReminderAt: '2026-12-11T01:00:00.000Z',
    submissionClosesAt: '2026-12-16T17:00:00.000Z',
  },
  templateId: 'dan-van-annual',
  period: OPEN_CYCLE_EXAMPLE.period,
  issuingBody: OPEN_CYCLE_EXAMPLE.issuingBody,
  milestones: OPEN_CYCLE_EXAMPLE.milestones,
  expectedCount: 2,
  submittedCount: 1,
  allowedActions: ['close-submissions', 'extend-deadline', 'assign-units'] as CycleDto['allowedActions'],
};

export const CYCLE_UNITS_EXAMPLE = {
  total: 2,
  nextCursor: null,
  items: [
    {
      unitId: 'hlhpn-tam-duong',
      unitName: 'Hội Liên hiệp Phụ nữ huyện Tam Đường',
      unitKind: 'HLHPN',
      status: 'submitted',
      effectiveDeadline: '2026-12-16',
      currentVersion: 1,
      submittedAt: '2026-12-10T03:20:00.000Z',
      late: false,
      daysLate: 0,
      lastActivityAt: '2026-12-10T03:20:00.000Z',
    },
    {
      unitId: 'hnd-tam-duong',
      unitName: 'Hội Nông dân huyện Tam Đường',
      unitKind: 'HND',
      status: 'not_started',
      effectiveDeadline: '2026-12-15',
      currentVersion: null,
      submittedAt: null,
      late: null,
      daysLate: null,
      lastActivityAt: null,
    },
  ],
};
