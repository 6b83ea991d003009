import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Response of GET /me/reports ("Văn bản đến"): reports distributed to the caller's units. */

export class ReceivedDeliveryDto {
  @ApiProperty({ example: 'hlhpn-tam-duong' }) unitId: string;
  @ApiProperty({ example: 'Hội Liên hiệp Phụ nữ huyện Tam Đường' }) unitName: string;
  @ApiProperty({ example: 'MTTQ và các đoàn thể huyện', description: 'the Nơi nhận line it was sent under' }) line: string;
  @ApiPropertyOptional({ example: 't/d' }) purpose?: string;
  @ApiProperty({ type: String, format: 'date-time' }) deliveredAt: string;
  @ApiPropertyOptional({ type: String, format: 'date-time' }) acknowledgedAt?: string;
  @ApiPropertyOptional({ example: 'Cán bộ Hội LHPN' }) acknowledgedBy?: string;
}

export class ReceivedReportDto {
  @ApiProperty({ format: 'uuid' }) cycleId: string;
  @ApiProperty({ example: 'Báo cáo tổng kết công tác dân vận năm 2026' }) title: string;
  @ApiProperty({ example: 'HUYỆN ỦY TAM ĐƯỜNG' }) issuingBody: string;
  @ApiPropertyOptional({ example: 'Số 07-BC/HU' }) numberText?: string;
  @ApiPropertyOptional({ example: '2026-12-28', description: 'date of issue' }) date?: string;
  @ApiProperty({ enum: ['distributed', 'recalled'] }) status: string;
  @ApiPropertyOptional({ example: 'Sai số liệu mục II.4', description: 'when recalled' }) recallReason?: string;
  @ApiProperty({ type: [ReceivedDeliveryDto], description: "the deliveries to the caller's units only" }) deliveries: ReceivedDeliveryDto[];
}

export class ReceivedReportsPageDto {
  @ApiProperty({ type: [ReceivedReportDto], description: 'most recently distributed first' }) items: ReceivedReportDto[];
  @ApiProperty({ nullable: true, type: String, description: 'pass as cursor for the next page; null on the last page' }) nextCursor:
    | string
    | null;
}

export const RECEIVED_REPORTS_EXAMPLE: ReceivedReportsPageDto = {
  items: [
    {
      cycleId: '2f0b8a52-6d1e-4c1b-9d7a-0c9a4e0f5a11',
      title: 'Báo cáo tổng kết công tác dân vận năm 2026',
      issuingBody: 'HUYỆN ỦY TAM ĐƯỜNG',
      numberText: 'Số 07-BC/HU',
      date: '2026-12-28',
      status: 'distributed',
      deliveries: [
        {
          unitId: 'hlhpn-tam-duong',
          unitName: 'Hội Liên hiệp Phụ nữ huyện Tam Đường',
          line: 'MTTQ và các đoàn thể huyện',
          purpose: 't/d',
          deliveredAt: '2026-12-28T03:00:00.000Z',
        },
      ],
    },
  ],
  nextCursor: null,
};
