import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The official document of a report version, as the report endpoints return it (classes, so the generated web client is typed). */

export class FigureSourceDto {
  @ApiProperty({ example: 'hlhpn-tam-duong' }) unitId: string;
  @ApiProperty() sourceEventId: string;
  @ApiProperty({ example: '1042' }) sourcePosition: string;
}

/** One schema with the request's (report-draft.dto.ts): same name, same shape. */
export class IndicatorProvenanceDto {
  @ApiProperty({
    example: 'TT_BUOI',
    description: 'an indicator the run states; its sources are listed once per document and read per passage (…/figure-sources)',
  })
  code: string;
  @ApiPropertyOptional({
    type: [FigureSourceDto],
    maxItems: 100000,
    description: 'deprecated: a run cites its indicator by code; inline sources (older clients) must be ones the drafts already cite',
  })
  sources?: readonly FigureSourceDto[];
}

export class RunProvenanceDto {
  @ApiProperty({ type: [IndicatorProvenanceDto] }) indicators: readonly IndicatorProvenanceDto[];
}

export class RunDto {
  @ApiProperty({ example: 'Kết nạp mới 312 hội viên.' }) text: string;
  @ApiPropertyOptional() bold?: boolean;
  @ApiPropertyOptional() italic?: boolean;
  @ApiPropertyOptional() footnote?: string;
  @ApiPropertyOptional({ type: RunProvenanceDto, description: 'where the figures of this run came from (never printed)' })
  provenance?: RunProvenanceDto;
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

export const DOCUMENT_EXAMPLE: OfficialDocumentDto = {
  header: { partyStyle: true, superiorBody: 'ĐẢNG BỘ TỈNH LAI CHÂU', issuingBody: 'HUYỆN ỦY TAM ĐƯỜNG' },
  number: { scheme: 'party', typeCode: 'BC', bodySymbol: 'HU' },
  place: 'Tam Đường',
  draftYear: 2026,
  title: 'kết quả công tác năm 2026',
  body: [{ heading: 'II- KẾT QUẢ THỰC HIỆN', headingLevel: 2, paragraphs: [{ runs: [{ text: 'Kết nạp mới 312 hội viên.' }] }] }],
  signature: { authority: 'T/M', onBehalfOf: 'BAN THƯỜNG VỤ', title: 'PHÓ BÍ THƯ', name: 'Cao Trang Trọng' },
  recipients: [
    { name: 'Ban Dân vận Tỉnh ủy', purpose: 'b/c' },
    { name: 'MTTQ và các đoàn thể huyện', purpose: 't/d', unitIds: ['hlhpn-tam-duong'] },
  ],
  archive: ['Văn phòng Huyện ủy'],
};
