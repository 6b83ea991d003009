import type { DomainCommand, DomainEvent } from '../shared/decider';
import type { DocumentChange } from '../document/official-document';
import type { OfficialDocument, Recipient, SignatureBlock } from '../document/document.model';
import type { IsoDate, IsoInstant } from '../shared/iso-date';

/**
 * The report of one cycle, from the first draft to distribution: stream `report-<cycleId>`. Every version is
 * kept whole (a version is what Thường trực commented on and what BTV signed); comments anchor to a passage
 * of a version; the signed version is frozen; numbering, distribution, receipts and recall are events too.
 */

export interface ReportUser {
  userId: string;
  /** Display name, as the trail shows it. */
  name: string;
}

export interface ReportVersion {
  version: number;
  document: OfficialDocument;
  createdAt: IsoInstant;
  createdBy: ReportUser;
  /** 'consolidation': generated from the approved submissions; 'revision': edited by the office. */
  origin: 'consolidation' | 'revision';
  note?: string;
}

export interface CommentAnchor {
  /** A passage id of `version` (see passagesOf). */
  passageId: string;
  /** The exact words commented on, when narrower than the passage. */
  quote?: string;
}

export interface ReportComment {
  commentId: string;
  version: number;
  anchor: CommentAnchor;
  text: string;
  author: ReportUser;
  at: IsoInstant;
  status: 'open' | 'resolved';
  resolution?: { note?: string; by: ReportUser; at: IsoInstant; inVersion: number };
}

export interface RecipientDelivery {
  unitId: string;
  /** The Nơi nhận line the unit is reached through. */
  line: string;
  purpose?: string;
  deliveredAt: IsoInstant;
  acknowledgedAt?: IsoInstant;
  acknowledgedBy?: ReportUser;
}

export type ReportStatus = 'none' | 'drafting' | 'signed' | 'numbered' | 'distributed' | 'recalled';

export interface ReportState {
  status: ReportStatus;
  cycleId?: string;
  versions: ReportVersion[];
  comments: ReportComment[];
  signed?: { version: number; signedAt: IsoInstant; signedBy: ReportUser };
  numbered?: { number: number; numberText: string; date: IsoDate; by: ReportUser; at: IsoInstant };
  /** Nơi nhận and the Lưu line as the clerk finalised them at issuance (the latest amendment); the signed body is untouched. */
  recipientsAmended?: { recipients: Recipient[]; archive: string[]; at: IsoInstant; by: ReportUser; reason?: string };
  distribution?: { at: IsoInstant; by: ReportUser; deliveries: RecipientDelivery[] };
  recall?: { reason: string; at: IsoInstant; by: ReportUser };
}

type At = { at: IsoInstant; by: ReportUser };

/** An error-level check that blocks signing unless the signer overrides it with a reason. */
export interface BlockingFinding {
  code: string;
  messageVi: string;
}

export type ReportCommand =
  | DomainCommand<'DraftReport', At & { cycleId: string; document: OfficialDocument; note?: string }>
  | DomainCommand<'ReviseReport', At & { baseVersion: number; change: DocumentChange; note?: string }>
  | DomainCommand<'AddComment', At & { commentId: string; version: number; anchor: CommentAnchor; text: string }>
  | DomainCommand<'ResolveComment', At & { commentId: string; note?: string }>
  | DomainCommand<
      'SignReport',
      At & {
        version: number;
        signature: SignatureBlock;
        /** Error-level checks still failing on the version signed (rule violations, broken sums, coverage lists), from the caller. */
        blockingFindings?: BlockingFinding[];
        /** The signer's reason to sign nonetheless; recorded as ReportChecksOverridden. */
        overrideReason?: string;
      }
    >
  | DomainCommand<'NumberReport', At & { number: number; numberText: string; date: IsoDate }>
  | DomainCommand<'AmendRecipients', At & { recipients: Recipient[]; archive: string[]; reason?: string }>
  | DomainCommand<'DistributeReport', At>
  | DomainCommand<'AcknowledgeReceipt', At & { unitId: string }>
  | DomainCommand<'RecallReport', At & { reason: string }>;

export type ReportEvent =
  | DomainEvent<
      'ReportDrafted',
      { cycleId: string; version: number; document: OfficialDocument; at: IsoInstant; by: ReportUser; note?: string }
    >
  | DomainEvent<
      'ReportRevised',
      { cycleId: string; version: number; basedOn: number; document: OfficialDocument; at: IsoInstant; by: ReportUser; note?: string }
    >
  | DomainEvent<
      'ReportCommentAdded',
      { cycleId: string; commentId: string; version: number; anchor: CommentAnchor; text: string; at: IsoInstant; by: ReportUser }
    >
  | DomainEvent<
      'ReportCommentResolved',
      { cycleId: string; commentId: string; inVersion: number; note?: string; at: IsoInstant; by: ReportUser }
    >
  | DomainEvent<
      'ReportChecksOverridden',
      {
        cycleId: string;
        version: number;
        reason: string;
        /** The first 50 of the blocking findings (every one before #16's cap). */
        findings: BlockingFinding[];
        /** How many there were (absent in events recorded before the cap: then findings holds them all). */
        findingsTotal?: number;
        at: IsoInstant;
        by: ReportUser;
      }
    >
  | DomainEvent<'ReportSigned', { cycleId: string; version: number; signature: SignatureBlock; signedAt: IsoInstant; by: ReportUser }>
  | DomainEvent<
      'ReportNumbered',
      { cycleId: string; version: number; number: number; numberText: string; date: IsoDate; at: IsoInstant; by: ReportUser }
    >
  | DomainEvent<
      'ReportRecipientsAmended',
      { cycleId: string; version: number; recipients: Recipient[]; archive: string[]; reason?: string; at: IsoInstant; by: ReportUser }
    >
  | DomainEvent<
      'ReportDistributed',
      { cycleId: string; version: number; recipients: { unitId: string; line: string; purpose?: string }[]; at: IsoInstant; by: ReportUser }
    >
  | DomainEvent<'ReportDelivered', { cycleId: string; unitId: string; channel: 'in-app'; at: IsoInstant }>
  | DomainEvent<'ReportReceiptAcknowledged', { cycleId: string; unitId: string; at: IsoInstant; by: ReportUser }>
  | DomainEvent<'ReportRecalled', { cycleId: string; reason: string; at: IsoInstant; by: ReportUser }>;
