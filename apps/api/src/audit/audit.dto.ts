import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class BrokenLinkDto {
  @ApiProperty({ example: 'submission-…:hlhpn-tam-duong' }) streamId: string;
  @ApiProperty() version: number;
  @ApiProperty() globalPosition: string;
  @ApiProperty({ enum: ['hash_mismatch', 'chain_broken', 'version_gap', 'log_mismatch', 'checkpoint_invalid'] }) reason: string;
}

export class CheckpointSummaryDto {
  @ApiProperty() sequence: number;
  @ApiProperty() globalPosition: string;
  @ApiProperty() streams: number;
  @ApiProperty() createdAt: string;
}

export class CheckpointCheckDto {
  @ApiProperty({ enum: ['none', 'unchecked', 'intact', 'log_mismatch', 'checkpoint_invalid'] }) status: string;
  @ApiPropertyOptional({ type: CheckpointSummaryDto }) latest?: CheckpointSummaryDto;
  @ApiPropertyOptional() message?: string;
}

export class VerifyResultDto {
  @ApiProperty() checkedEvents: number;
  @ApiProperty({ type: [BrokenLinkDto], description: 'empty when the log is intact' }) broken: BrokenLinkDto[];
  @ApiPropertyOptional({
    type: CheckpointCheckDto,
    description: 'the whole log against its latest signed checkpoint (absent for one stream)',
  })
  checkpoint?: CheckpointCheckDto;
}

export class AuditEventDto {
  @ApiProperty() globalPosition: string;
  @ApiProperty() streamId: string;
  @ApiProperty() version: number;
  @ApiProperty() eventId: string;
  @ApiProperty({ example: 'SubmissionSubmitted' }) type: string;
  @ApiProperty() data: unknown;
  @ApiProperty({ example: { actor: { userId: 'chuyenvien.bdv', role: 'coordinator' }, correlationId: '…', causationId: '…' } })
  metadata: unknown;
  @ApiProperty({ type: String, format: 'date-time' }) recordedAt: Date;
  @ApiProperty() hash: string;
}

/** OpenAPI examples. */
export const VERIFY_EXAMPLE: VerifyResultDto = {
  checkedEvents: 1284,
  broken: [],
  checkpoint: { status: 'intact', latest: { sequence: 42, globalPosition: '1280', streams: 97, createdAt: '2026-11-23T01:00:00.000Z' } },
};
export const CYCLE_AUDIT_EXAMPLE = [
  {
    globalPosition: '912',
    streamId: 'cycle-0b7c2f4e-5a6d-4e8f-9a1b-2c3d4e5f6a7b',
    version: 1,
    eventId: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f',
    type: 'CycleOpened',
    data: { cycleId: '0b7c2f4e-5a6d-4e8f-9a1b-2c3d4e5f6a7b', templateId: 'dan-van-annual' },
    metadata: {
      actor: { userId: '3d9f1a2b-4c5e-4f60-8a7b-9c0d1e2f3a4b', role: 'coordinator' },
      username: 'chuyenvien.bdv',
      correlationId: '5f1d…',
      causationId: '9e2a…',
    },
    recordedAt: '2026-11-23T01:00:00.000Z',
    hash: '3f7a…',
  },
];
