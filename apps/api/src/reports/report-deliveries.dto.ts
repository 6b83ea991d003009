import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { PageQueryDto } from '../assignments/assignments.dto';
import { ReceivedDeliveryDto } from './received-reports.dto';

/** GET /cycles/{cycleId}/report/deliveries: the office pages the report's deliveries (one per receiving unit). */

export const DELIVERIES_DEFAULT_LIMIT = 50;
export const DELIVERIES_MAX_LIMIT = 200;

/** The cursor as every paged list takes it; a page of up to 200 (a clerk walks a national report's ~20,000). */
export class ReportDeliveriesQueryDto extends PickType(PageQueryDto, ['cursor'] as const) {
  @ApiPropertyOptional({ description: 'at most this many deliveries (1-200)', default: DELIVERIES_DEFAULT_LIMIT, example: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be an integer 1-200' })
  @Min(1, { message: 'limit must be an integer 1-200' })
  @Max(DELIVERIES_MAX_LIMIT, { message: 'limit must be an integer 1-200' })
  limit?: number;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'only the acknowledged deliveries (true) or the others (false)' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'acknowledged must be true or false' })
  acknowledged?: 'true' | 'false';
}

export class ReportDeliveriesPageDto {
  @ApiProperty({ example: 120, description: 'how many deliveries the filter keeps, over every page' }) total: number;
  @ApiProperty({ type: [ReceivedDeliveryDto], description: 'in Nơi nhận order' }) items: ReceivedDeliveryDto[];
  @ApiProperty({ nullable: true, type: String, description: 'pass as cursor for the next page; null on the last page' }) nextCursor:
    | string
    | null;
}

export const REPORT_DELIVERIES_EXAMPLE: ReportDeliveriesPageDto = {
  total: 2,
  items: [
    {
      unitId: 'tinh-uy-lai-chau',
      unitName: 'Tỉnh ủy Lai Châu',
      line: 'Tỉnh ủy Lai Châu',
      purpose: 'b/c',
      deliveredAt: '2026-12-28T03:00:00.000Z',
    },
    {
      unitId: 'hlhpn-tam-duong',
      unitName: 'Hội Liên hiệp Phụ nữ huyện Tam Đường',
      line: 'MTTQ và các đoàn thể huyện',
      purpose: 't/d',
      deliveredAt: '2026-12-28T03:00:00.000Z',
      acknowledgedAt: '2026-12-28T07:12:00.000Z',
      acknowledgedBy: 'Cán bộ Hội LHPN',
    },
  ],
  nextCursor: null,
};
