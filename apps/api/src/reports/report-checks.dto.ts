import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Response of GET …/report/checks (a class, so the web client is typed). */

export class CheckViolationDto {
  @ApiProperty({ example: 'R_LUOT_GE_BUOI' }) code: string;
  @ApiProperty({ enum: ['error', 'warning'] }) severity: string;
  @ApiProperty({ example: 'Số lượt người tham gia tuyên truyền không thể ít hơn số buổi tuyên truyền.' }) messageVi: string;
}

export class FindingUnitDto {
  @ApiProperty({ example: 'hlhpn-tam-duong' }) unitId: string;
  @ApiProperty({ example: 'Hội LHPN huyện' }) unitName: string;
}

export class ConsolidationFindingDto {
  @ApiProperty({ enum: ['violation', 'change', 'qualifier'] }) kind: string;
  @ApiPropertyOptional({ type: CheckViolationDto, description: "kind violation: the unit's rule violation" }) violation?: CheckViolationDto;
  @ApiPropertyOptional({ description: 'kind violation: the unit' }) unitId?: string;
  @ApiPropertyOptional({ example: 'Hội LHPN huyện' }) unitName?: string;
  @ApiPropertyOptional({ enum: ['error', 'warning'], description: 'kinds change and qualifier' }) severity?: string;
  @ApiPropertyOptional({ description: 'kinds change and qualifier' }) messageVi?: string;
  @ApiPropertyOptional() indicatorCode?: string;
  @ApiPropertyOptional({
    type: [FindingUnitDto],
    maxItems: 20,
    description: 'kind qualifier: the first 20 units whose figures mix the qualifiers (unitsTotal counts them all)',
  })
  units?: FindingUnitDto[];
  @ApiPropertyOptional({ example: 2, description: 'kind qualifier: how many units mix the qualifiers' }) unitsTotal?: number;
}

export class FindingCountsDto {
  @ApiProperty({ example: 1, description: 'error-level findings (they block signing unless overridden with a reason)' }) error: number;
  @ApiProperty({ example: 3 }) warning: number;
}

export class DraftFindingDto {
  @ApiProperty({ example: 's2.1/p1', description: 'the passage whose text no longer states its source total' }) passageId: string;
  @ApiProperty({ example: 'TT_BUOI' }) indicatorCode: string;
  @ApiProperty({ example: '245 buổi', description: 'the total of the sources, as the text should state it' }) expected: string;
  @ApiProperty() messageVi: string;
}

export class CheckTotalDto {
  @ApiProperty({ example: 'TT_BUOI' }) code: string;
  @ApiProperty({ example: 'Số buổi tuyên truyền' }) name: string;
  @ApiProperty({ example: '608 buổi' }) text: string;
  @ApiProperty({ example: 19, description: 'approved submissions the total sums (listed per passage by …/figure-sources)' })
  sourceCount: number;
}

export class ReportChecksDto {
  @ApiProperty({ format: 'uuid' }) cycleId: string;
  @ApiProperty({ example: 19 }) approvedUnits: number;
  @ApiProperty({ example: 21 }) assignedUnits: number;
  @ApiProperty({
    type: [String],
    maxItems: 50,
    description:
      'the first 50 units (in the cycle order) with no approved submission; all of them, named, a page at a time: …/report/checks/missing-units',
  })
  missingUnits: string[];
  @ApiProperty({ example: 2, description: 'how many units have no approved submission (missingUnits lists the first 50)' })
  missingUnitsTotal: number;
  @ApiProperty({
    type: [ConsolidationFindingDto],
    maxItems: 50,
    description:
      'the first 50 findings: errors first, then warnings; within each, the findings about a total (change, qualifier) first, then the units in the cycle order, then the indicator order; all of them, a page at a time: …/report/checks/findings',
  })
  findings: ConsolidationFindingDto[];
  @ApiProperty({ example: 4, description: 'how many findings there are (findings lists the first 50)' }) findingsTotal: number;
  @ApiProperty({ type: FindingCountsDto, description: 'the findings per severity: count these, not the list' })
  findingCounts: FindingCountsDto;
  @ApiProperty({ type: [DraftFindingDto], description: 'figures of the latest draft that no longer match their sources' })
  draftFindings: DraftFindingDto[];
  @ApiPropertyOptional({ example: 2, description: 'the version draftFindings are about' }) checkedVersion?: number;
  @ApiProperty({ type: [CheckTotalDto] }) totals: CheckTotalDto[];
}

export class MissingUnitDto {
  @ApiProperty({ example: 'du-xa-ho-thau' }) unitId: string;
  @ApiProperty({ example: 'Đảng ủy xã Hồ Thầu' }) unitName: string;
}

/** Response of GET …/report/checks/missing-units: the units with no approved submission, a page at a time. */
export class MissingUnitsPageDto {
  @ApiProperty({ format: 'uuid' }) cycleId: string;
  @ApiProperty({ example: 1, description: 'the page listed, from 1' }) page: number;
  @ApiProperty({ example: 100 }) pageSize: number;
  @ApiProperty({ example: 2, description: 'units with no approved submission, in all' }) total: number;
  @ApiProperty({ type: [MissingUnitDto], maxItems: 100, description: "this page's units, in the cycle's unit order" })
  units: MissingUnitDto[];
}

export const MISSING_UNITS_EXAMPLE: MissingUnitsPageDto = {
  cycleId: '2f0b8a52-6d1e-4c1b-9d7a-0c9a4e0f5a11',
  page: 1,
  pageSize: 100,
  total: 2,
  units: [
    { unitId: 'du-xa-ho-thau', unitName: 'Đảng ủy xã Hồ Thầu' },
    { unitId: 'du-xa-na-tam', unitName: 'Đảng ủy xã Nà Tăm' },
  ],
};

export const REPORT_CHECKS_EXAMPLE = {
  cycleId: '2f0b8a52-6d1e-4c1b-9d7a-0c9a4e0f5a11',
  approvedUnits: 19,
  assignedUnits: 21,
  missingUnits: ['du-xa-ho-thau', 'du-xa-na-tam'],
  missingUnitsTotal: 2,
  findings: [],
  findingsTotal: 0,
  findingCounts: { error: 0, warning: 0 },
  draftFindings: [
    {
      passageId: 's2.1/p1',
      indicatorCode: 'TT_BUOI',
      expected: '608 buổi',
      messageVi: 'Số liệu "Số buổi tuyên truyền" trong dự thảo không khớp tổng hợp từ báo cáo của các đơn vị (608 buổi).',
    },
  ],
  checkedVersion: 2,
  totals: [{ code: 'TT_BUOI', name: 'Số buổi tuyên truyền', text: '608 buổi', sourceCount: 19 }],
};

/** Response of GET …/report/checks/findings: the consolidation's findings, a page at a time. */
export class FindingsPageDto {
  @ApiProperty({ format: 'uuid' }) cycleId: string;
  @ApiProperty({ example: 1, description: 'the page listed, from 1' }) page: number;
  @ApiProperty({ example: 100 }) pageSize: number;
  @ApiPropertyOptional({ enum: ['error', 'warning'], description: 'the severity asked for; absent: every finding' }) severity?: string;
  @ApiProperty({ example: 1, description: 'findings of that severity (or all), in all' }) total: number;
  @ApiProperty({ type: FindingCountsDto, description: 'every finding per severity' }) findingCounts: FindingCountsDto;
  @ApiProperty({ type: [ConsolidationFindingDto], maxItems: 100, description: "this page's findings, in the order of the checks" })
  findings: ConsolidationFindingDto[];
}

export const FINDINGS_PAGE_EXAMPLE = {
  cycleId: '2f0b8a52-6d1e-4c1b-9d7a-0c9a4e0f5a11',
  page: 1,
  pageSize: 100,
  severity: 'error',
  total: 1,
  findingCounts: { error: 1, warning: 0 },
  findings: [
    {
      kind: 'violation',
      unitId: 'hlhpn-tam-duong',
      unitName: 'Hội LHPN huyện',
      violation: {
        code: 'R_LUOT_GE_BUOI',
        severity: 'error',
        messageVi: 'Số lượt người tham gia tuyên truyền không thể ít hơn số buổi tuyên truyền.',
      },
    },
  ],
};
