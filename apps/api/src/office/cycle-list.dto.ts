import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { CYCLE_STATUSES } from '@kybaocao/domain/permissions';
import { PageQueryDto } from '../assignments/assignments.dto';

export class CycleListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CYCLE_STATUSES, description: 'only cycles in this phase' })
  @IsOptional()
  @IsIn([...CYCLE_STATUSES], { message: `phase must be one of ${CYCLE_STATUSES.join(', ')}` })
  phase?: string;

  @ApiPropertyOptional({ example: 2026, description: 'only cycles whose data period ends in this year' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'year must be a year between 2000 and 2100' })
  @Min(2000, { message: 'year must be a year between 2000 and 2100' })
  @Max(2100, { message: 'year must be a year between 2000 and 2100' })
  year?: number;
}

export class CycleProgressDto {
  @ApiProperty({ example: 12, description: 'units assigned' }) expected: number;
  @ApiProperty({ example: 9, description: 'units that sent their report (submitted, resubmitted or approved)' }) submitted: number;
  @ApiProperty({ example: 7 }) approved: number;
}

export class NextMilestoneDto {
  @ApiProperty({ example: 'submissionDeadline' }) key: string;
  @ApiProperty({ example: 'Hạn nộp báo cáo' }) label: string;
  @ApiProperty({ example: '2026-12-16' }) date: string;
}

export class CycleListItemDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Báo cáo tổng kết công tác dân vận năm', description: "the template's title" }) title: string;
  @ApiProperty({ example: 'năm 2026' }) periodLabel: string;
  @ApiProperty({ example: '2025-12-15' }) dataFrom: string;
  @ApiProperty({ example: '2026-12-14' }) dataTo: string;
  @ApiProperty({ example: 'Huyện ủy Tam Đường' }) issuingBodyName: string;
  @ApiProperty({ enum: CYCLE_STATUSES }) status: string;
  @ApiProperty({ example: '2026-11-20T02:00:00.000Z' }) openedAt: string;
  @ApiProperty({ type: CycleProgressDto }) progress: CycleProgressDto;
  @ApiProperty({
    type: NextMilestoneDto,
    nullable: true,
    description: "the milestone of the cycle's phase; null once it is closed or cancelled",
  })
  nextMilestone: NextMilestoneDto | null;
}

export class CycleListPageDto {
  @ApiProperty({ type: [CycleListItemDto], description: 'the most recently opened first' }) items: CycleListItemDto[];
  @ApiProperty({ example: 1, description: 'cycles matching the filters (all pages)' }) total: number;
  @ApiProperty({ nullable: true, type: String, description: 'pass as cursor for the next page; null on the last page' }) nextCursor:
    | string
    | null;
}

export const CYCLE_LIST_EXAMPLE: CycleListPageDto = {
  items: [
    {
      id: '0b7c2f4e-5a6d-4e8f-9a1b-2c3d4e5f6a7b',
      title: 'Báo cáo tổng kết công tác dân vận năm',
      periodLabel: 'năm 2026',
      dataFrom: '2025-12-15',
      dataTo: '2026-12-14',
      issuingBodyName: 'Huyện ủy Tam Đường',
      status: 'collecting',
      openedAt: '2026-11-20T02:00:00.000Z',
      progress: { expected: 12, submitted: 9, approved: 7 },
      nextMilestone: { key: 'submissionDeadline', label: 'Hạn nộp báo cáo', date: '2026-12-16' },
    },
  ],
  total: 1,
  nextCursor: null,
};
