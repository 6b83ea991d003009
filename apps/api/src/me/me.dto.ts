import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsInt, IsISO8601, IsOptional, Matches, Max, Min } from 'class-validator';
import { DIGEST_TIME_PATTERN } from '@kybaocao/notifications/user-preferences';

export class InboxQueryDto {
  @ApiPropertyOptional({ description: 'at most this many notifications (1-200)', default: 50, example: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be an integer 1-200' })
  @Min(1, { message: 'limit must be an integer 1-200' })
  @Max(200, { message: 'limit must be an integer 1-200' })
  limit?: number;

  @ApiPropertyOptional({
    description: 'paging: only notifications due strictly before this instant (the dueAt of the last one seen)',
    example: '2026-12-15T01:00:00.000Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'before must be an ISO 8601 instant' })
  before?: string;
}

export class InboxItemDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({
    example: 'submission-returned',
    description:
      'reminder, reminder-summary, escalation, coordinator-digest, submission-returned, submission-approved, submission-awaiting-review, deadline-extended, report-signed, report-distributed',
  })
  kind: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) cycleId: string | null;
  @ApiProperty({ example: '[Trả lại] Báo cáo năm 2026 của Hội Liên hiệp Phụ nữ huyện Tam Đường: đề nghị chỉnh sửa và nộp lại' })
  subject: string;
  @ApiProperty({
    example:
      'Báo cáo năm 2026 (lần nộp thứ 1) của Hội Liên hiệp Phụ nữ huyện Tam Đường đã bị trả lại ngày 10/12/2026. Lý do:\n- Mục II.1: Số lượt người chưa khớp với số buổi.\n…',
  })
  body: string;
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'http://127.0.0.1:3000/ui/cycles/0b7c2f4e-5a6d-4e8f-9a1b-2c3d4e5f6a7b/units/hlhpn-tam-duong',
  })
  link: string | null;
  @ApiProperty({ type: String, format: 'date-time', description: 'when it was issued for' }) dueAt: string;
  @ApiProperty({ enum: ['user', 'unit'], description: 'to the reader, or to one of the units they report for' }) addressedTo: string;
  @ApiProperty({ nullable: true, type: String, example: 'hlhpn-tam-duong' }) unitId: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'Hội Liên hiệp Phụ nữ huyện Tam Đường' }) unitName: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'when the reader first marked it read; null: unread' })
  readAt: string | null;
}

export class InboxDto {
  @ApiProperty({ example: 3, description: 'unread notifications in the whole inbox (not only this page)' }) unreadCount: number;
  @ApiProperty({ type: [InboxItemDto], description: 'newest first' }) items: InboxItemDto[];
}

export class ReadMarkDto {
  @ApiProperty({ format: 'uuid' }) notificationId: string;
  @ApiProperty({ type: String, format: 'date-time', description: 'the first time it was marked read (marking again keeps it)' })
  readAt: string;
  @ApiProperty({ example: 2 }) unreadCount: number;
}

export class PreferencesDto {
  @ApiProperty({ example: true, description: 'false: notifications only in the in-app inbox' }) emailEnabled: boolean;
  @ApiProperty({ example: '07:00', description: 'time of the daily digest (coordinators), Vietnam time' }) digestTime: string;
}

export class UpdatePreferencesDto {
  @ApiProperty({ example: false, description: 'e-mail on or off' })
  @IsDefined({ message: 'emailEnabled is required' })
  @IsBoolean({ message: 'emailEnabled must be true or false' })
  emailEnabled: boolean;

  @ApiProperty({ example: '06:30', description: 'HH:MM, 00:00-23:59, Vietnam time' })
  @IsDefined({ message: 'digestTime is required' })
  @Matches(DIGEST_TIME_PATTERN, { message: 'digestTime must be a time HH:MM between 00:00 and 23:59' })
  digestTime: string;
}

/** OpenAPI examples. */
export const INBOX_EXAMPLE: InboxDto = {
  unreadCount: 1,
  items: [
    {
      id: '5f0c8a52-3c1e-4d8b-9a57-7f2d1c6b9e01',
      kind: 'submission-returned',
      cycleId: '0b7c2f4e-5a6d-4e8f-9a1b-2c3d4e5f6a7b',
      subject: '[Trả lại] Báo cáo năm 2026 của Hội Liên hiệp Phụ nữ huyện Tam Đường: đề nghị chỉnh sửa và nộp lại',
      body:
        'Báo cáo năm 2026 (lần nộp thứ 1) của Hội Liên hiệp Phụ nữ huyện Tam Đường đã bị trả lại ngày 10/12/2026. Lý do:\n' +
        '- Mục II.1: Số lượt người chưa khớp với số buổi.\n' +
        'Đề nghị đồng chí chỉnh sửa theo các ý kiến trên và nộp lại báo cáo tại: http://127.0.0.1:3000/ui/cycles/0b7c2f4e-5a6d-4e8f-9a1b-2c3d4e5f6a7b/units/hlhpn-tam-duong\n' +
        '(Thư gửi tự động vì báo cáo của đơn vị bị trả lại.)',
      link: 'http://127.0.0.1:3000/ui/cycles/0b7c2f4e-5a6d-4e8f-9a1b-2c3d4e5f6a7b/units/hlhpn-tam-duong',
      dueAt: '2026-12-10T02:15:00.000Z',
      addressedTo: 'unit',
      unitId: 'hlhpn-tam-duong',
      unitName: 'Hội Liên hiệp Phụ nữ huyện Tam Đường',
      readAt: null,
    },
  ],
};
