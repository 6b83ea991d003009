import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RESOURCE_ACTIONS, type ReportAction } from '@kybaocao/domain/permissions';
import { DOCUMENT_EXAMPLE, OfficialDocumentDto } from './report-document.dto';

/** Response shapes of the report endpoints (classes, so the generated web client is typed); the document itself is in report-document.dto.ts. */

export class ReportUserDto {
  @ApiProperty({ example: 'c1d2e3f4-0000-4000-8000-000000000001' }) userId: string;
  @ApiProperty({ example: 'Chuyên viên Ban Dân vận' }) name: string;
}

export class ReportVersionSummaryDto {
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ enum: ['consolidation', 'revision'] }) origin: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: ReportUserDto }) createdBy: ReportUserDto;
  @ApiPropertyOptional() note?: string;
}

export class CommentAnchorDto {
  @ApiProperty({ example: 's2.4/p1' }) passageId: string;
  @ApiPropertyOptional({ example: '312 hội viên' }) quote?: string;
}

export class CommentResolutionDto {
  @ApiPropertyOptional() note?: string;
  @ApiProperty({ type: ReportUserDto }) by: ReportUserDto;
  @ApiProperty({ type: String, format: 'date-time' }) at: string;
  @ApiProperty() inVersion: number;
}

export class ReportCommentDto {
  @ApiProperty({ example: 'c-3f1a2b4c5d6e7f80' }) commentId: string;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ type: CommentAnchorDto }) anchor: CommentAnchorDto;
  @ApiProperty({ example: 'Đề nghị kiểm tra lại số hội viên kết nạp mới.' }) text: string;
  @ApiProperty({ type: ReportUserDto }) author: ReportUserDto;
  @ApiProperty({ type: String, format: 'date-time' }) at: string;
  @ApiProperty({ enum: ['open', 'resolved'] }) status: 'open' | 'resolved';
  @ApiPropertyOptional({ type: CommentResolutionDto }) resolution?: CommentResolutionDto;
}

export class SignedDto {
  @ApiProperty() version: number;
  @ApiProperty({ type: String, format: 'date-time' }) signedAt: string;
  @ApiProperty({ type: ReportUserDto }) signedBy: ReportUserDto;
}

export class NumberedDto {
  @ApiProperty({ example: 7 }) number: number;
  @ApiProperty({ example: 'Số 07-BC/HU' }) numberText: string;
  @ApiProperty({ example: '2026-12-28' }) date: string;
  @ApiProperty({ type: ReportUserDto }) by: ReportUserDto;
  @ApiProperty({ type: String, format: 'date-time' }) at: string;
}

export class DistributionDto {
  @ApiProperty({ type: String, format: 'date-time' }) at: string;
  @ApiProperty({ type: ReportUserDto }) by: ReportUserDto;
  @ApiProperty({ example: 120, description: 'how many units it was delivered to (the list: GET …/report/deliveries, the office)' })
  deliveredCount: number;
  @ApiProperty({ example: 87, description: 'how many of them acknowledged receipt' }) acknowledgedCount: number;
}

export class RecallInfoDto {
  @ApiProperty({ example: 'Sai số liệu mục II.4' }) reason: string;
  @ApiProperty({ type: String, format: 'date-time' }) at: string;
  @ApiProperty({ type: ReportUserDto }) by: ReportUserDto;
}

export class RecipientsAmendedDto {
  @ApiProperty({ type: String, format: 'date-time' }) at: string;
  @ApiProperty({ type: ReportUserDto }) by: ReportUserDto;
  @ApiPropertyOptional({ example: 'Bổ sung Sở Nội vụ' }) reason?: string;
}

export const REPORT_ACTIONS = Object.keys(RESOURCE_ACTIONS.report) as ReportAction[];

export class ReportDto {
  @ApiProperty({ format: 'uuid' }) cycleId: string;
  @ApiProperty({ description: 'stream version; also the ETag' }) streamVersion: number;
  @ApiProperty({ enum: ['none', 'drafting', 'signed', 'numbered', 'distributed', 'recalled'] }) status: string;
  @ApiProperty({ enum: ['planned', 'collecting', 'reviewing', 'commenting', 'signing', 'distributing', 'closed', 'cancelled'] })
  cyclePhase: string;
  @ApiProperty({ enum: REPORT_ACTIONS, isArray: true, description: 'what the caller may do now (download: a version exists)' })
  allowedActions: ReportAction[];
  @ApiProperty({ type: [ReportVersionSummaryDto] }) versions: ReportVersionSummaryDto[];
  @ApiProperty({ nullable: true, type: Number }) latestVersion: number | null;
  @ApiProperty({ type: [ReportCommentDto] }) comments: ReportCommentDto[];
  @ApiProperty({ type: SignedDto, nullable: true }) signed: SignedDto | null;
  @ApiProperty({ type: NumberedDto, nullable: true }) numbered: NumberedDto | null;
  @ApiProperty({ type: DistributionDto, nullable: true }) distribution: DistributionDto | null;
  @ApiProperty({ type: RecallInfoDto, nullable: true }) recall: RecallInfoDto | null;
  @ApiProperty({
    type: RecipientsAmendedDto,
    nullable: true,
    description: 'when and by whom the clerk last finalised Nơi nhận (the document shows the result)',
  })
  recipientsAmended: RecipientsAmendedDto | null;
  @ApiProperty({
    type: OfficialDocumentDto,
    nullable: true,
    description: 'the issued document once signed, else the latest draft; null before the first draft',
  })
  document: OfficialDocumentDto | null;
}

export class PassageDto {
  @ApiProperty({ example: 's2.4/p1', description: 'positional id within the version (what a comment anchors to)' }) id: string;
  @ApiProperty({ enum: ['title', 'heading', 'paragraph', 'footnote', 'recipient'] }) kind: string;
  @ApiProperty({ example: 'Kết nạp mới 312 hội viên.' }) text: string;
}

export class ReportVersionDto {
  @ApiProperty({ format: 'uuid' }) cycleId: string;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ enum: ['consolidation', 'revision'] }) origin: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: ReportUserDto }) createdBy: ReportUserDto;
  @ApiPropertyOptional() note?: string;
  @ApiProperty({ description: 'this is the signed version' }) signed: boolean;
  @ApiProperty({ type: OfficialDocumentDto }) document: OfficialDocumentDto;
  @ApiProperty({ type: [PassageDto] }) passages: PassageDto[];
  @ApiProperty({ type: [ReportCommentDto], description: 'the comments made on this version' }) comments: ReportCommentDto[];
}

const USER = { userId: 'c1d2e3f4-0000-4000-8000-000000000001', name: 'Chuyên viên Ban Dân vận' };

const STANDING = { userId: 'c1d2e3f4-0000-4000-8000-000000000002', name: 'Thường trực Huyện ủy' };

const COMMENT_EXAMPLE: ReportCommentDto = {
  commentId: 'c-3f1a2b4c5d6e7f80',
  version: 1,
  anchor: { passageId: 's1/p1', quote: '312 hội viên' },
  text: 'Kiểm tra lại số hội viên.',
  author: STANDING,
  at: '2026-12-22T02:00:00.000Z',
  status: 'open',
};

export const REPORT_EXAMPLE: ReportDto = {
  cycleId: '2f0b8a52-6d1e-4c1b-9d7a-0c9a4e0f5a11',
  streamVersion: 4,
  status: 'drafting',
  cyclePhase: 'commenting',
  allowedActions: ['revise', 'resolve', 'download'],
  versions: [{ version: 1, origin: 'consolidation', createdAt: '2026-12-20T03:00:00.000Z', createdBy: USER }],
  latestVersion: 1,
  comments: [COMMENT_EXAMPLE],
  signed: null,
  numbered: null,
  distribution: null,
  recall: null,
  recipientsAmended: null,
  document: DOCUMENT_EXAMPLE,
};

export const REPORT_VERSION_EXAMPLE: ReportVersionDto = {
  cycleId: '2f0b8a52-6d1e-4c1b-9d7a-0c9a4e0f5a11',
  version: 1,
  origin: 'consolidation',
  createdAt: '2026-12-20T03:00:00.000Z',
  createdBy: USER,
  signed: false,
  document: DOCUMENT_EXAMPLE,
  passages: [
    { id: 't', kind: 'title', text: 'kết quả công tác năm 2026' },
    { id: 's1', kind: 'heading', text: 'II- KẾT QUẢ THỰC HIỆN' },
    { id: 's1/p1', kind: 'paragraph', text: 'Kết nạp mới 312 hội viên.' },
  ],
  comments: [COMMENT_EXAMPLE],
};
