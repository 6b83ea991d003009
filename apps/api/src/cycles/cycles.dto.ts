import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsDefined, IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min,
  ValidateNested,
} from 'class-validator';
import { Nfc } from '../common/nfc';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const dateMessage = (field: string) => ({ message: `${field} must be a date YYYY-MM-DD` });

export class PeriodDto {
  @ApiProperty({ example: 'annual', description: "'annual', 'quarter', 'six-month', 'nine-month', 'thematic', 'ad-hoc'" })
  @IsString() @IsNotEmpty() @MaxLength(40)
  kind: string;

  @ApiPropertyOptional({ example: 2025, minimum: 2000, maximum: 2100 }) @IsOptional() @IsInt() @Min(2000) @Max(2100)
  year?: number;

  @ApiPropertyOptional({ example: 1, description: 'quarter number' }) @IsOptional() @IsInt() @Min(1)
  index?: number;

  @ApiProperty({ example: 'năm 2025' }) @Nfc() @IsString() @IsNotEmpty() @MaxLength(200)
  label: string;

  @ApiProperty({ example: '2024-12-15' }) @Matches(ISO_DATE, dateMessage('period.dataFrom'))
  dataFrom: string;

  @ApiProperty({ example: '2025-12-14' }) @Matches(ISO_DATE, dateMessage('period.dataTo'))
  dataTo: string;

  @ApiPropertyOptional({ example: { reference: 'Công văn số 1257/SNV-XDCQ&TCBM', date: '2024-04-26', issuer: 'Sở Nội vụ' } })
  @IsOptional() @Nfc() @IsObject()
  requestedBy?: Record<string, unknown>;
}

export class IssuingBodyDto {
  @ApiProperty({ example: 'huyen-uy-tam-duong' }) @IsString() @IsNotEmpty() @MaxLength(100)
  unitId: string;

  @ApiProperty({ example: 'Huyện ủy Tam Đường' }) @Nfc() @IsString() @IsNotEmpty() @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'HU', description: 'symbol in the document number, as in "Số 456-BC/HU"' })
  @IsString() @IsNotEmpty() @MaxLength(40)
  symbol: string;
}

export class SignerDto {
  @ApiProperty({ enum: ['T/M', 'K/T', 'T/L', 'TUQ', 'TM.', 'KT.', 'TL.'] }) @IsIn(['T/M', 'K/T', 'T/L', 'TUQ', 'TM.', 'KT.', 'TL.'])
  authority: string;

  @ApiProperty({ example: 'PHÓ BÍ THƯ' }) @Nfc() @IsString() @IsNotEmpty() @MaxLength(200)
  title: string;

  @ApiProperty({ example: 'Nguyễn Văn A' }) @Nfc() @IsString() @IsNotEmpty() @MaxLength(200)
  name: string;
}

export class MilestonesDto {
  @ApiProperty({ example: '2025-12-16' }) @Matches(ISO_DATE, dateMessage('milestones.submissionDeadline')) submissionDeadline: string;
  @ApiProperty({ example: '2025-12-19' }) @Matches(ISO_DATE, dateMessage('milestones.reviewDue')) reviewDue: string;
  @ApiProperty({ example: '2025-12-23' }) @Matches(ISO_DATE, dateMessage('milestones.commentsDue')) commentsDue: string;
  @ApiProperty({ example: '2025-12-26' }) @Matches(ISO_DATE, dateMessage('milestones.signOffDue')) signOffDue: string;
  @ApiProperty({ example: '2025-12-29' }) @Matches(ISO_DATE, dateMessage('milestones.distributionDue')) distributionDue: string;
}

export class UnitAssignmentDto {
  @ApiProperty({ example: 'hlhpn-tam-duong' }) @IsString() @IsNotEmpty() @MaxLength(100)
  unitId: string;

  @ApiPropertyOptional({ example: '2025-12-15', description: "the unit's own deadline; default: the cycle's" })
  @IsOptional() @Matches(ISO_DATE, dateMessage('units[].deadline'))
  deadline?: string;
}

export class ReminderPolicyDto {
  @ApiPropertyOptional({ example: [3, 1], description: 'working days before the unit\'s deadline' })
  @IsOptional() @IsInt({ each: true }) @Min(1, { each: true }) @ArrayMaxSize(10)
  before?: number[];

  @ApiPropertyOptional({ example: true, description: 'remind on the deadline day' }) @IsOptional() @IsBoolean()
  onDay?: boolean;

  @ApiPropertyOptional({ example: [1, 3], description: 'working days after the deadline (escalations)' })
  @IsOptional() @IsInt({ each: true }) @Min(1, { each: true }) @ArrayMaxSize(10)
  overdue?: number[];

  @ApiPropertyOptional({ example: 8, description: 'hour of the day, Vietnam time' }) @IsOptional() @IsInt() @Min(0)
  sendAtHour?: number;

  @ApiPropertyOptional({ example: 30, description: 'minute of that hour (0-59); default 0' }) @IsOptional() @IsInt() @Min(0) @Max(59)
  sendAtMinute?: number;
}

export class OpenCycleDto {
  @ApiPropertyOptional({ example: 'dan-van-annual', default: 'dan-van-annual' }) @IsOptional() @IsString() @MaxLength(100)
  templateId?: string;

  @ApiProperty({ type: PeriodDto }) @IsDefined({ message: 'period is required' }) @ValidateNested() @Type(() => PeriodDto)
  period: PeriodDto;

  @ApiProperty({ type: IssuingBodyDto }) @IsDefined({ message: 'issuingBody is required' }) @ValidateNested() @Type(() => IssuingBodyDto)
  issuingBody: IssuingBodyDto;

  @ApiPropertyOptional({ type: SignerDto }) @IsOptional() @ValidateNested() @Type(() => SignerDto)
  signer?: SignerDto;

  @ApiProperty({ type: MilestonesDto }) @IsDefined({ message: 'milestones is required' }) @ValidateNested() @Type(() => MilestonesDto)
  milestones: MilestonesDto;

  @ApiProperty({ type: [UnitAssignmentDto] }) @IsDefined({ message: 'units is required' })
  @ArrayMinSize(1, { message: 'units must name at least one unit' }) @ArrayMaxSize(25000)
  @ValidateNested({ each: true }) @Type(() => UnitAssignmentDto)
  units: UnitAssignmentDto[];

  @ApiPropertyOptional({ type: ReminderPolicyDto, description: 'default: D-3, D-1, D0, D+1, D+3 (working days) at 08:00' })
  @IsOptional() @ValidateNested() @Type(() => ReminderPolicyDto)
  reminderPolicy?: ReminderPolicyDto;

  @ApiPropertyOptional({ format: 'uuid', description: 'the previous cycle of the same template and issuer: the draft compares with it ("tăng … so với cùng kỳ")' })
  @IsOptional() @IsUUID('all', { message: 'previousCycleId must be a cycle id (UUID)' })
  previousCycleId?: string;

  @ApiPropertyOptional({ example: { TT_BUOI: 400 }, description: 'plan targets per indicator code ("đạt …% kế hoạch")' })
  @IsOptional() @IsObject({ message: 'targets must be an object of indicator code → number' })
  targets?: Record<string, number>;

  @ApiPropertyOptional({ default: true, description: 'open the submission window at once (otherwise the plan waits for advance to "collecting")' })
  @IsOptional() @IsBoolean()
  startCollecting?: boolean;
}

export class AssignUnitsDto {
  @ApiProperty({ type: [UnitAssignmentDto], example: [{ unitId: 'ldld-tam-duong' }, { unitId: 'du-xa-sung-phai', deadline: '2026-12-16' }] })
  @IsArray({ message: 'units must be a list' }) @ArrayMinSize(1, { message: 'units must contain at least one unit' }) @ArrayMaxSize(20000)
  @ValidateNested({ each: true }) @Type(() => UnitAssignmentDto)
  units: UnitAssignmentDto[];
}

export class ExtendDeadlineDto {
  @ApiProperty({ example: '2026-12-18' }) @Matches(ISO_DATE, dateMessage('newDeadline'))
  newDeadline: string;

  @ApiProperty({ example: 'Đơn vị đề nghị gia hạn do tổ chức Đại hội.' }) @Nfc() @IsString() @IsNotEmpty({ message: 'reason must not be empty' }) @MaxLength(2000)
  reason: string;
}

export class AdvancePhaseDto {
  @ApiProperty({ enum: ['collecting', 'reviewing', 'commenting', 'signing', 'distributing', 'closed'] })
  @IsIn(['collecting', 'commenting', 'signing', 'distributing', 'closed'], { message: 'to must be the next phase: collecting, commenting, signing, distributing or closed (close the submission window with POST …/close-submissions)' })
  to: 'collecting' | 'commenting' | 'signing' | 'distributing' | 'closed';
}

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
  @ApiProperty({ nullable: true, type: String, example: '2025-12-11T01:00:00.000Z', description: 'next reminder round' }) nextReminderAt: string | null;
  @ApiProperty({ example: '2025-12-16T17:00:00.000Z' }) submissionClosesAt: string;
}

export class CycleDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'stream version; also the ETag' }) version: number;
  @ApiProperty({ example: 'collecting', description: 'phase recorded in the event store' }) status: string;
  @ApiProperty({ type: WorkflowStatusDto, nullable: true, description: "the workflow's own view (query); null when Temporal is unreachable" })
  workflow: WorkflowStatusDto | null;
  @ApiProperty() templateId: string;
  @ApiProperty({ type: PeriodDto }) period: PeriodDto;
  @ApiProperty({ type: IssuingBodyDto }) issuingBody: IssuingBodyDto;
  @ApiProperty({ type: MilestonesDto }) milestones: MilestonesDto;
  @ApiProperty({ example: 13 }) expectedCount: number;
  @ApiProperty({ example: 9, description: 'units that have submitted at least once' }) submittedCount: number;
  @ApiProperty({ enum: ['close-submissions', 'advance', 'extend-deadline', 'assign-units', 'draft-report'], isArray: true,
    description: "what the caller may do now ('advance': to the next phase)" })
  allowedActions: ('close-submissions' | 'advance' | 'extend-deadline' | 'assign-units' | 'draft-report')[];
}

/** OpenAPI examples (the demo's annual cycle of Huyện ủy Tam Đường). */
export const OPEN_CYCLE_EXAMPLE = {
  templateId: 'dan-van-annual',
  period: { kind: 'annual', year: 2026, label: 'năm 2026', dataFrom: '2025-12-15', dataTo: '2026-12-14' },
  issuingBody: { unitId: 'huyen-uy-tam-duong', name: 'Huyện ủy Tam Đường', symbol: 'HU' },
  signer: { authority: 'T/M', title: 'PHÓ BÍ THƯ', name: 'Nguyễn Văn A' },
  milestones: { submissionDeadline: '2026-12-16', reviewDue: '2026-12-21', commentsDue: '2026-12-24', signOffDue: '2026-12-28', distributionDue: '2026-12-30' },
  units: [{ unitId: 'hlhpn-tam-duong' }, { unitId: 'hnd-tam-duong', deadline: '2026-12-15' }],
};

/** As JSON (instants as ISO strings). */
export const CYCLE_EXAMPLE = {
  id: '0b7c2f4e-5a6d-4e8f-9a1b-2c3d4e5f6a7b', version: 2, status: 'collecting',
  workflow: { phase: 'collecting', nextTimerAt: '2026-12-16T17:00:00.000Z', nextReminderAt: '2026-12-11T01:00:00.000Z', submissionClosesAt: '2026-12-16T17:00:00.000Z' },
  templateId: 'dan-van-annual', period: OPEN_CYCLE_EXAMPLE.period, issuingBody: OPEN_CYCLE_EXAMPLE.issuingBody, milestones: OPEN_CYCLE_EXAMPLE.milestones,
  expectedCount: 2, submittedCount: 1, allowedActions: ['close-submissions', 'extend-deadline', 'assign-units'] as CycleDto['allowedActions'],
};

export const CYCLE_UNITS_EXAMPLE = {
  total: 2, nextCursor: null,
  items: [
    {
      unitId: 'hlhpn-tam-duong', unitName: 'Hội Liên hiệp Phụ nữ huyện Tam Đường', unitKind: 'HLHPN', status: 'submitted', effectiveDeadline: '2026-12-16',
      currentVersion: 1, submittedAt: '2026-12-10T03:20:00.000Z', late: false, daysLate: 0, lastActivityAt: '2026-12-10T03:20:00.000Z',
    },
    {
      unitId: 'hnd-tam-duong', unitName: 'Hội Nông dân huyện Tam Đường', unitKind: 'HND', status: 'not_started', effectiveDeadline: '2026-12-15',
      currentVersion: null, submittedAt: null, late: null, daysLate: null, lastActivityAt: null,
    },
  ],
};
