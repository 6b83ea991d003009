import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { BOARD_PROGRESS, BOARD_STATUSES } from '@kybaocao/domain/board';

export const BOARD_SORT_KEYS = ['name', 'status', 'daysLate', 'kind', 'level'] as const;

export type BoardSortParam = (typeof BOARD_SORT_KEYS)[number];

/** `?status=submitted,approved` or `?status=submitted&status=approved` → ['submitted', 'approved']. */
const csvList = () =>
  Transform(({ value }) =>
    value === undefined
      ? undefined
      : (Array.isArray(value) ? value : [value])
          .flatMap((v) => String(v).split(','))
          .map((v) => v.trim())
          .filter((v) => v !== ''),
  );

export class BoardQueryDto {
  @ApiPropertyOptional({
    description: 'only these statuses (comma-separated)',
    example: 'not_started,draft',
    enum: BOARD_STATUSES,
    isArray: true,
  })
  @IsOptional()
  @csvList()
  @ArrayMaxSize(BOARD_STATUSES.length)
  @IsIn(BOARD_STATUSES, { each: true, message: `status must be one or more of: ${BOARD_STATUSES.join(', ')}` })
  status?: string[];

  @ApiPropertyOptional({
    description:
      'progress as the summary counts it: submitted = đã nộp (submitted, resubmitted or approved), pending = chưa nộp (comma-separated)',
    example: 'submitted',
    enum: BOARD_PROGRESS,
    isArray: true,
  })
  @IsOptional()
  @csvList()
  @ArrayMaxSize(BOARD_PROGRESS.length)
  @IsIn(BOARD_PROGRESS, { each: true, message: `progress must be one or more of: ${BOARD_PROGRESS.join(', ')}` })
  progress?: string[];

  @ApiPropertyOptional({
    description: 'only these organisation kinds (comma-separated kind codes)',
    example: 'HLHPN,HND',
    isArray: true,
    type: String,
  })
  @IsOptional()
  @csvList()
  @ArrayMaxSize(50)
  @Matches(/^[A-Za-z0-9_-]{1,60}$/, { each: true, message: 'kind must be kind codes such as HLHPN or DANG_UY_XA' })
  kind?: string[];

  @ApiPropertyOptional({ description: 'only these levels (comma-separated)', example: 'xa', isArray: true, type: String })
  @IsOptional()
  @csvList()
  @ArrayMaxSize(20)
  @Matches(/^[A-Za-z0-9_-]{1,60}$/, { each: true, message: 'level must be levels such as huyen or xa' })
  level?: string[];

  @ApiPropertyOptional({ enum: BOARD_SORT_KEYS, default: 'name' })
  @IsOptional()
  @IsString()
  @IsIn(BOARD_SORT_KEYS, { message: `sort must be one of: ${BOARD_SORT_KEYS.join(', ')}` })
  sort?: BoardSortParam;

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'asc' })
  @IsOptional()
  @IsString()
  @IsIn(['asc', 'desc'], { message: 'order must be asc or desc' })
  order?: 'asc' | 'desc';

  @ApiPropertyOptional({ description: 'rows to skip (of the filtered, sorted rows)', default: 0, minimum: 0 })
  @IsOptional()
  @Transform(({ value }) => (/^\d{1,9}$/.test(String(value)) ? Number(value) : value))
  @IsInt({ message: 'offset must be a whole number from 0' })
  @Min(0, { message: 'offset must be a whole number from 0' })
  @Max(100_000_000, { message: 'offset is too large' })
  offset?: number;

  @ApiPropertyOptional({
    description: 'rows in the page (the downloads ignore it: they hold every row)',
    default: 100,
    minimum: 1,
    maximum: 500,
  })
  @IsOptional()
  @Transform(({ value }) => (/^\d{1,9}$/.test(String(value)) ? Number(value) : value))
  @IsInt({ message: 'limit must be a whole number from 1 to 500' })
  @Min(1, { message: 'limit must be a whole number from 1 to 500' })
  @Max(500, { message: 'limit must be a whole number from 1 to 500' })
  limit?: number;
}
