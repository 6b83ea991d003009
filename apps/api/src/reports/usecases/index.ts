import { Injectable } from '@nestjs/common';
import { AmendRecipients } from './amend-recipients/amend-recipients.usecase';
import { AcknowledgeReceipt } from './acknowledge-receipt/acknowledge-receipt.usecase';
import { CheckReport } from './check-report/check-report.usecase';
import { CommentOnReport } from './comment-on-report/comment-on-report.usecase';
import { DiffReportVersions } from './diff-report-versions/diff-report-versions.usecase';
import { DistributeReport } from './distribute-report/distribute-report.usecase';
import { DraftReport } from './draft-report/draft-report.usecase';
import { ExportReport } from './export-report/export-report.usecase';
import { GetReport } from './get-report/get-report.usecase';
import { GetReportVersion } from './get-report-version/get-report-version.usecase';
import { ListRegisters } from './list-registers/list-registers.usecase';
import { NumberReport } from './number-report/number-report.usecase';
import { RecallReport } from './recall-report/recall-report.usecase';
import { ResolveComment } from './resolve-comment/resolve-comment.usecase';
import { ReviseReport } from './revise-report/revise-report.usecase';
import { RollUpReport } from './roll-up-report/roll-up-report.usecase';
import { SignReport } from './sign-report/sign-report.usecase';

export { RollUpReport };

/** The report's use cases, one per operation (`usecases/<verb-noun>/`), as the controllers call them. */
@Injectable()
export class ReportUseCases {
  constructor(
    readonly getReport: GetReport,
    readonly getReportVersion: GetReportVersion,
    readonly diffReportVersions: DiffReportVersions,
    readonly checkReport: CheckReport,
    readonly exportReport: ExportReport,
    readonly listRegisters: ListRegisters,
    readonly draftReport: DraftReport,
    readonly reviseReport: ReviseReport,
    readonly commentOnReport: CommentOnReport,
    readonly resolveComment: ResolveComment,
    readonly signReport: SignReport,
    readonly numberReport: NumberReport,
    readonly amendRecipients: AmendRecipients,
    readonly distributeReport: DistributeReport,
    readonly acknowledgeReceipt: AcknowledgeReceipt,
    readonly recallReport: RecallReport,
  ) {}
}

export const REPORT_USE_CASES = [
  GetReport,
  GetReportVersion,
  DiffReportVersions,
  CheckReport,
  ExportReport,
  ListRegisters,
  DraftReport,
  ReviseReport,
  CommentOnReport,
  ResolveComment,
  SignReport,
  NumberReport,
  AmendRecipients,
  DistributeReport,
  AcknowledgeReceipt,
  RecallReport,
  RollUpReport,
  ReportUseCases,
];
