import { ApiProperty } from '@nestjs/swagger';

export class RemindedUnitDto {
  @ApiProperty({ example: 'hnd-tam-duong' }) unitId: string;
  @ApiProperty({ example: 'Hội Nông dân huyện Tam Đường' }) unitName: string;
}

export class RemindersResultDto {
  @ApiProperty({ example: '2026-12-14', description: 'the Vietnam calendar day the reminders count for (at most one per unit per day)' })
  day: string;
  @ApiProperty({ example: 1, description: 'units reminded by this request' }) remindedNow: number;
  @ApiProperty({ example: 0, description: 'pending units already reminded by hand today (nothing sent to them again)' })
  alreadyToday: number;
  @ApiProperty({ example: 1, description: 'units still pending (not started, draft or returned)' }) pending: number;
  @ApiProperty({ type: [RemindedUnitDto], description: 'the units reminded by this request' }) reminded: RemindedUnitDto[];
  @ApiProperty({ example: 'Đã nhắc 1 đơn vị chưa nộp báo cáo.', description: 'the outcome in Vietnamese' }) messageVi: string;
}

export const REMINDERS_RESULT_EXAMPLE: RemindersResultDto = {
  day: '2026-12-14',
  remindedNow: 1,
  alreadyToday: 0,
  pending: 1,
  reminded: [{ unitId: 'hnd-tam-duong', unitName: 'Hội Nông dân huyện Tam Đường' }],
  messageVi: 'Đã nhắc 1 đơn vị chưa nộp báo cáo.',
};
