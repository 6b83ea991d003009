import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';

/** Periodic kinds a suggestion exists for ('annual' is the cycles' name for the calendar's 'year'). */
export const SUGGESTED_KINDS = ['quarter', 'six-month', 'nine-month', 'annual'] as const;
export type SuggestedKind = (typeof SUGGESTED_KINDS)[number];

export class PeriodSuggestionQueryDto {
  @ApiProperty({ enum: SUGGESTED_KINDS, example: 'annual' })
  @IsIn(SUGGESTED_KINDS, { message: `kind must be one of: ${SUGGESTED_KINDS.join(', ')}` })
  kind: SuggestedKind;

  @ApiProperty({ example: 2026 })
  @Type(() => Number)
  @IsInt({ message: 'year must be an integer' })
  @Min(2000, { message: 'year must be 2000-2100' })
  @Max(2100, { message: 'year must be 2000-2100' })
  year: number;

  @ApiPropertyOptional({ example: 4, description: 'quarter 1-4 (kind quarter only)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'index must be an integer 1-4' })
  @Min(1, { message: 'index must be 1-4' })
  @Max(4, { message: 'index must be 1-4' })
  index?: number;
}

export class SuggestedMilestonesDto {
  @ApiProperty({ example: '2026-12-15' }) submissionDeadline: string;
  @ApiProperty({ example: '2026-12-18' }) reviewDue: string;
  @ApiProperty({ example: '2026-12-23' }) commentsDue: string;
  @ApiProperty({ example: '2026-12-25' }) signOffDue: string;
  @ApiProperty({ example: '2026-12-29' }) distributionDue: string;
}

export class PeriodSuggestionDto {
  @ApiProperty({ enum: SUGGESTED_KINDS }) kind: SuggestedKind;
  @ApiProperty({ example: 2026 }) year: number;
  @ApiPropertyOptional({ example: 4 }) index?: number;
  @ApiProperty({ example: 'năm 2026', description: 'the label as the cycle and the document name the period' }) label: string;
  @ApiProperty({ example: '2025-12-15', description: 'first day of the data window (ND 09/2019: the 15th)' }) dataFrom: string;
  @ApiProperty({ example: '2026-12-14', description: 'data cut-off (ND 09/2019: the 14th)' }) dataTo: string;
  @ApiProperty({ example: '2026-12-15', description: 'the earliest deadline the rules allow: the first working day after the cut-off' })
  earliestDeadline: string;
  @ApiProperty({
    type: SuggestedMilestonesDto,
    description: 'suggested milestones in working days (holidays skipped); the user may change them',
  })
  milestones: SuggestedMilestonesDto;
}
