import { ApiProperty } from '@nestjs/swagger';

export class BrokenLinkDto {
  @ApiProperty({ example: 'submission-…:hlhpn-tam-duong' }) streamId: string;
  @ApiProperty() version: number;
  @ApiProperty() globalPosition: string;
  @ApiProperty({ enum: ['hash_mismatch', 'chain_broken', 'version_gap'] }) reason: string;
}

export class VerifyResultDto {
  @ApiProperty() checkedEvents: number;
  @ApiProperty({ type: [BrokenLinkDto], description: 'empty when the log is intact' }) broken: BrokenLinkDto[];
}

export class AuditEventDto {
  @ApiProperty() globalPosition: string;
  @ApiProperty() streamId: string;
  @ApiProperty() version: number;
  @ApiProperty() eventId: string;
  @ApiProperty({ example: 'SubmissionSubmitted' }) type: string;
  @ApiProperty() data: unknown;
  @ApiProperty({ example: { actor: { userId: 'chuyenvien.bdv', role: 'coordinator' }, correlationId: '…', causationId: '…' } }) metadata: unknown;
  @ApiProperty({ type: String, format: 'date-time' }) recordedAt: Date;
  @ApiProperty() hash: string;
}
