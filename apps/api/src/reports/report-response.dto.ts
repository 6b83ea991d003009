import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RESOURCE_ACTIONS, type ReportAction } from '../../../../libs/domain/src/permissions';

/** Response shapes of the report endpoints (classes, so the generated web client is typed). */

export class ReportUserDto {
  @ApiProperty({ example: 'c1d2e3f4-0000-4000-8000-000000000001' }) userId: string;
  @ApiProperty({ example: 'Chuyên viên Ban Dân vận' }) name: string;
}

export class FigureSourceDto {
  @ApiProperty({ example: 'hlhpn-tam-duong' }) unitId: string;
  @ApiProperty() sourceEventId: string;
  @ApiProperty({ example: '1042' }) sourcePosition: string;
}

export class IndicatorProvenanceDto {
  @ApiProperty({ example: 'TT_BUOI' }) code: string;
  @ApiProperty({ type: [FigureSourceDto] }) sources: readonly FigureSourceDto[];
}

export class RunProvenanceDto {
  @ApiProperty({ type: [IndicatorProvenanceDto] }) indicators: readonly IndicatorProvenanceDto[];
}

export class RunDto {
  @ApiProperty({ example: 'Kết nạp mới 312 hội viên.' }) text: string;
  @ApiPropertyOptional() bold?: boolean;
  @ApiPropertyOptional() italic?: boolean;
  @ApiPropertyOptional() footnote?: string;
  @ApiPropertyOptional({ type: RunProvenanceDto, description: 'where the figures of this run came from (never printed)' }) provenance?: RunProvenanceDto;
}

export class BodyParagraphDto {
  @ApiProperty({ type: [RunDto] }) runs: RunDto[];
  @ApiPropertyOptional({ enum: ['justify', 'center', 'left'] }) align?: 'justify' | 'center' | 'left';
}

export class BodySectionDto {
  @ApiPropertyOptional({ example: 'I- ĐẶC ĐIỂM TÌNH HÌNH' }) heading?: string;
  @ApiPropertyOptional({ enum: [1, 2, 3] }) headingLevel?: 1 | 2 | 3;
  @ApiProperty({ type: [BodyParagraphDto] }) paragraphs: BodyParagraphDto[];
  @ApiPropertyOptional({ type: () => [BodySectionDto] }) sections?: BodySectionDto[];
}

export class DocumentHeaderDto {
  @ApiProperty({ description: 'true: "ĐẢNG CỘNG SẢN VIỆT NAM"; false: the state motto' }) partyStyle: boolean;
  @ApiPropertyOptional({ example: 'ĐẢNG BỘ TỈNH LAI CHÂU' }) superiorBody?: string;
  @ApiProperty({ example: 'HUYỆN ỦY TAM ĐƯỜNG' }) issuingBody: string;
}

export class DocumentNumberDto {
  @ApiProperty({ enum: ['party', 'state'] }) scheme: 'party' | 'state';
  @ApiPropertyOptional({ description: 'absent in a draft' }) number?: number;
  @ApiProperty({ example: 'BC' }) typeCode: string;
  @ApiProperty({ example: 'HU' }) bodySymbol: string;
}

export class SignatureBlockDto {
  @ApiPropertyOptional({ example: 'T/M' }) authority?: string;
  @ApiPropertyOptional({ example: 'BAN THƯỜNG VỤ' }) onBehalfOf?: string;
  @ApiProperty({ example: 'PHÓ BÍ THƯ' }) title: string;
  @ApiProperty({ example: 'Cao Trang Trọng' }) name: string;
}

export class RecipientDto {
  @ApiProperty({ example: 'Ban Dân vận Tỉnh ủy' }) name: string;
  @ApiPropertyOptional({ enum: ['b/c', 'đ/b', 't/d'] }) purpose?: string;
  @ApiPropertyOptional({ type: [String], example: ['hlhpn-tam-duong'] }) unitIds?: readonly string[];
}

export class OfficialDocumentDto {
  @ApiProperty({ type: DocumentHeaderDto }) header: DocumentHeaderDto;
  @ApiProperty({ type: DocumentNumberDto }) number: DocumentNumberDto;
  @ApiProperty({ example: 'Tam Đường' }) place: string;
  @ApiPropertyOptional({ example: '2026-12-28', description: 'date of issue; absent in a draft' }) date?: string;
  @ApiPropertyOptional({ example: 2026 }) draftYear?: number;
  @ApiProperty({ example: 'kết quả công tác năm 2026', description: 'trích yếu' }) title: string;
  @ApiProperty({ type: [BodySectionDto] }) body: BodySectionDto[];
  @ApiPropertyOptional() closingMark?: boolean;
  @ApiProperty({ type: SignatureBlockDto }) signature: SignatureBlockDto;
  @ApiProperty({ type: [RecipientDto] }) recipients: RecipientDto[];
  @ApiProperty({ type: [String], example: ['Văn phòng Huyện ủy'] }) archive: string[];
  @ApiPropertyOptional({ type: String, format: 'date-time' }) signedAt?: string;
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

export class DeliveryDto {
  @ApiProperty({ example: 'hlhpn-tam-duong' }) unitId: string;
  @ApiProperty({ example: 'MTTQ và các đoàn thể huyện' }) line: string;
  @ApiPropertyOptional({ example: 't/d' }) purpose?: string;
  @ApiProperty({ type: String, format: 'date-time' }) deliveredAt: string;
  @ApiPropertyOptional({ type: String, format: 'date-time' }) acknowledgedAt?: string;
  @ApiPropertyOptional({ type: ReportUserDto }) acknowledgedBy?: ReportUserDto;
}

export class DistributionDto {
  @ApiProperty({ type: String, format: 'date-time' }) at: string;
  @ApiProperty({ type: ReportUserDto }) by: ReportUserDto;
  @ApiProperty({ type: [DeliveryDto] }) deliveries: DeliveryDto[];
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
  @ApiProperty({ enum: ['planned', 'collecting', 'reviewing', 'commenting', 'signing', 'distributing', 'closed', 'cancelled'] }) cyclePhase: string;
  @ApiProperty({ enum: REPORT_ACTIONS, isArray: true, description: 'what the caller may do now (download: a version exists)' }) allowedActions: ReportAction[];
  @ApiProperty({ type: [ReportVersionSummaryDto] }) versions: ReportVersionSummaryDto[];
  @ApiProperty({ nullable: true, type: Number }) latestVersion: number | null;
  @ApiProperty({ type: [ReportCommentDto] }) comments: ReportCommentDto[];
  @ApiProperty({ type: SignedDto, nullable: true }) signed: SignedDto | null;
  @ApiProperty({ type: NumberedDto, nullable: true }) numbered: NumberedDto | null;
  @ApiProperty({ type: DistributionDto, nullable: true }) distribution: DistributionDto | null;
  @ApiProperty({ type: RecallInfoDto, nullable: true }) recall: RecallInfoDto | null;
  @ApiProperty({ type: RecipientsAmendedDto, nullable: true, description: 'when and by whom the clerk last finalised Nơi nhận (the document shows the result)' })
  recipientsAmended: RecipientsAmendedDto | null;
  @ApiProperty({ type: OfficialDocumentDto, nullable: true, description: 'the issued document once signed, else the latest draft; null before the first draft' })
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
export const DOCUMENT_EXAMPLE: OfficialDocumentDto = {
  header: { partyStyle: true, superiorBody: 'ĐẢNG BỘ TỈNH LAI CHÂU', issuingBody: 'HUYỆN ỦY TAM ĐƯỜNG' },
  number: { scheme: 'party', typeCode: 'BC', bodySymbol: 'HU' },
  place: 'Tam Đường', draftYear: 2026, title: 'kết quả công tác năm 2026',
  body: [{ heading: 'II- KẾT QUẢ THỰC HIỆN', headingLevel: 2, paragraphs: [{ runs: [{ text: 'Kết nạp mới 312 hội viên.' }] }] }],
  signature: { authority: 'T/M', onBehalfOf: 'BAN THƯỜNG VỤ', title: 'PHÓ BÍ THƯ', name: 'Cao Trang Trọng' },
  recipients: [{ name: 'Ban Dân vận Tỉnh ủy', purpose: 'b/c' }, { name: 'MTTQ và các đoàn thể huyện', purpose: 't/d', unitIds: ['hlhpn-tam-duong'] }],
  archive: ['Văn phòng Huyện ủy'],
};
const COMMENT_EXAMPLE: ReportCommentDto = {
  commentId: 'c-3f1a2b4c5d6e7f80', version: 1, anchor: { passageId: 's1/p1', quote: '312 hội viên' }, text: 'Kiểm tra lại số hội viên.',
  author: STANDING, at: '2026-12-22T02:00:00.000Z', status: 'open',
};
export const REPORT_EXAMPLE: ReportDto = {
  cycleId: '2f0b8a52-6d1e-4c1b-9d7a-0c9a4e0f5a11', streamVersion: 4, status: 'drafting', cyclePhase: 'commenting', allowedActions: ['revise', 'resolve', 'download'],
  versions: [{ version: 1, origin: 'consolidation', createdAt: '2026-12-20T03:00:00.000Z', createdBy: USER }],
  latestVersion: 1, comments: [COMMENT_EXAMPLE], signed: null, numbered: null, distribution: null, recall: null, recipientsAmended: null, document: DOCUMENT_EXAMPLE,
};
export const REPORT_VERSION_EXAMPLE: ReportVersionDto = {
  cycleId: '2f0b8a52-6d1e-4c1b-9d7a-0c9a4e0f5a11', version: 1, origin: 'consolidation', createdAt: '2026-12-20T03:00:00.000Z', createdBy: USER, signed: false,
  document: DOCUMENT_EXAMPLE,
  passages: [{ id: 't', kind: 'title', text: 'kết quả công tác năm 2026' }, { id: 's1', kind: 'heading', text: 'II- KẾT QUẢ THỰC HIỆN' }, { id: 's1/p1', kind: 'paragraph', text: 'Kết nạp mới 312 hội viên.' }],
  comments: [COMMENT_EXAMPLE],
};
