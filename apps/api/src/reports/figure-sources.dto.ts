import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Response of GET …/report/versions/{version}/figure-sources: where a passage's figures came from. */

export class FigureSourceUnitDto {
  @ApiProperty({ example: 'hlhpn-tam-duong' }) unitId: string;
  @ApiProperty({ example: 'Hội LHPN huyện' }) unitName: string;
  @ApiProperty({ example: 2, description: "the unit's approved submission version the figure came from" }) submissionVersion: number;
  @ApiPropertyOptional({ example: '245 buổi', description: "the unit's own figure, formatted" }) valueText?: string;
  @ApiProperty({ format: 'uuid', description: 'the approving event' }) sourceEventId: string;
  @ApiProperty({ type: String, format: 'date-time' }) approvedAt: string;
  @ApiPropertyOptional({ example: 'Lãnh đạo Ban Dân vận' }) approvedBy?: string;
}

export class FigureSourceIndicatorDto {
  @ApiProperty({ example: 'TT_BUOI' }) code: string;
  @ApiProperty({ example: 'Số buổi tuyên truyền' }) name: string;
  @ApiProperty({ example: 'buổi' }) unit: string;
  @ApiProperty({ example: 3, description: 'contributing units (a page of at most pageSize is listed)' }) sourceCount: number;
  @ApiProperty({ type: [FigureSourceUnitDto] }) sources: FigureSourceUnitDto[];
}

export class FigureSourcesDto {
  @ApiProperty({ format: 'uuid' }) cycleId: string;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ example: 's2.1/p1' }) passageId: string;
  @ApiProperty({ example: 1, description: "the page of each figure's contributing units listed, from 1" }) page: number;
  @ApiProperty({ example: 100 }) pageSize: number;
  @ApiProperty({ type: [FigureSourceIndicatorDto], description: 'empty when the passage states no figure from submissions' })
  indicators: FigureSourceIndicatorDto[];
}

export const FIGURE_SOURCES_EXAMPLE: FigureSourcesDto = {
  cycleId: '2f0b8a52-6d1e-4c1b-9d7a-0c9a4e0f5a11',
  version: 2,
  passageId: 's2.1/p1',
  page: 1,
  pageSize: 100,
  indicators: [
    {
      code: 'TT_BUOI',
      name: 'Số buổi tuyên truyền',
      unit: 'buổi',
      sourceCount: 1,
      sources: [
        {
          unitId: 'hlhpn-tam-duong',
          unitName: 'Hội LHPN huyện',
          submissionVersion: 2,
          valueText: '245 buổi',
          sourceEventId: '7d1c0a52-6d1e-4c1b-9d7a-0c9a4e0f5a11',
          approvedAt: '2026-12-18T02:00:00.000Z',
          approvedBy: 'Lãnh đạo Ban Dân vận',
        },
      ],
    },
  ],
};
