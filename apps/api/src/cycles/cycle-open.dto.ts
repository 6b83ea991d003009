import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsDefined,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ISO_DATE, IssuingBodyDto, MilestonesDto, PeriodDto, SignerDto, dateMessage } from './cycle-parts.dto';

export class UnitAssignmentDto {
  @ApiProperty({ example: 'hlhpn-tam-duong' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  unitId: string;

  @ApiPropertyOptional({ example: '2025-12-15', description: "the unit's own deadline; default: the cycle's" })
  @IsOptional()
  @Matches(ISO_DATE, dateMessage('units[].deadline'))
  deadline?: string;
}

export class ReminderPolicyDto {
  @ApiPropertyOptional({ example: [3, 1], description: "working days before the unit's deadline" })
  @IsOptional()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @ArrayMaxSize(10)
  before?: number[];

  @ApiPropertyOptional({ example: true, description: 'remind on the deadline day' })
  @IsOptional()
  @IsBoolean()
  onDay?: boolean;

  @ApiPropertyOptional({ example: [1, 3], description: 'working days after the deadline (escalations)' })
  @IsOptional()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @ArrayMaxSize(10)
  overdue?: number[];

  @ApiPropertyOptional({ example: 8, description: 'hour of the day, Vietnam time' })
  @IsOptional()
  @IsInt()
  @Min(0)
  sendAtHour?: number;

  @ApiPropertyOptional({ example: 30, description: 'minute of that hour (0-59); default 0' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(59)
  sendAtMinute?: number;
}

export class OpenCycleDto {
  @ApiPropertyOptional({ example: 'dan-van-annual', default: 'dan-van-annual' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  templateId?: string;

  @ApiProperty({ type: PeriodDto })
  @IsDefined({ message: 'period is required' })
  @ValidateNested()
  @Type(() => PeriodDto)
  period: PeriodDto;

  @ApiProperty({ type: IssuingBodyDto })
  @IsDefined({ message: 'issuingBody is required' })
  @ValidateNested()
  @Type(() => IssuingBodyDto)
  issuingBody: IssuingBodyDto;

  @ApiPropertyOptional({ type: SignerDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => SignerDto)
  signer?: SignerDto;

  @ApiProperty({ type: MilestonesDto })
  @IsDefined({ message: 'milestones is required' })
  @ValidateNested()
  @Type(() => MilestonesDto)
  milestones: MilestonesDto;

  @ApiProperty({ type: [UnitAssignmentDto] })
  @IsDefined({ message: 'units is required' })
  @ArrayMinSize(1, { message: 'units must name at least one unit' })
  @ArrayMaxSize(25000)
  @ValidateNested({ each: true })
  @Type(() => UnitAssignmentDto)
  units: UnitAssignmentDto[];

  @ApiPropertyOptional({ type: ReminderPolicyDto, description: 'default: D-3, D-1, D0, D+1, D+3 (working days) at 08:00' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReminderPolicyDto)
  reminderPolicy?: ReminderPolicyDto;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'the previous cycle of the same template and issuer: the draft compares with it ("tăng … so với cùng kỳ")',
  })
  @IsOptional()
  @IsUUID('all', { message: 'previousCycleId must be a cycle id (UUID)' })
  previousCycleId?: string;

  @ApiPropertyOptional({ example: { TT_BUOI: 400 }, description: 'plan targets per indicator code ("đạt …% kế hoạch")' })
  @IsOptional()
  @IsObject({ message: 'targets must be an object of indicator code → number' })
  targets?: Record<string, number>;

  @ApiPropertyOptional({
    default: true,
    description: 'open the submission window at once (otherwise the plan waits for advance to "collecting")',
  })
  @IsOptional()
  @IsBoolean()
  startCollecting?: boolean;
}

/** OpenAPI examples (the demo's annual cycle of Huyện ủy Tam Đường). */
export const OPEN_CYCLE_EXAMPLE = {
  templateId: 'dan-van-annual',
  period: { kind: 'annual', year: 2026, label: 'năm 2026', dataFrom: '2025-12-15', dataTo: '2026-12-14' },
  issuingBody: { unitId: 'huyen-uy-tam-duong', name: 'Huyện ủy Tam Đường', symbol: 'HU' },
  signer: { authority: 'T/M', title: 'PHÓ BÍ THƯ', name: 'Nguyễn Văn A' },
  milestones: {
    submissionDeadline: '2026-12-16',
    reviewDue: '2026-12-21',
    commentsDue: '2026-12-24',
    signOffDue: '2026-12-28',
    distributionDue: '2026-12-30',
  },
  units: [{ unitId: 'hlhpn-tam-duong' }, { unitId: 'hnd-tam-duong', deadline: '2026-12-15' }],
};
