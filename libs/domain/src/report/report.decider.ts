import { editDocument, signDocument, registerDocument } from '../document/official-document';
import type { OfficialDocument } from '../document/document.model';
import { withSourceTable } from '../document/figure-sources';
import { formatNumberVi } from '../format/vietnamese-format';
import { assertNever, type Decider } from '../shared/decider';
import { conflict, invalid, type DomainError } from '../shared/domain-error';
import { requireIsoInstant } from '../shared/iso-date';
import { cleanText, requireNonBlank } from '../shared/text';
import { passagesOf } from './passages';
import { cleanRecipientsAmendment } from './recipients-amendment';
import type { ReportCommand, ReportEvent, ReportState, ReportVersion } from './report.model';

/** How many blocking findings a sign-off refusal or override lists (a national cycle may fail one per unit); both count all. */
const BLOCKING_LISTED = 50;

const STATUS_VI: Record<ReportState['status'], string> = {
  none: 'chưa có dự thảo',
  drafting: 'đang dự thảo',
  signed: 'đã ký',
  numbered: 'đã cấp số',
  distributed: 'đã phát hành',
  recalled: 'đã thu hồi',
};

export function initialReportState(): ReportState {
  return { status: 'none', versions: [], comments: [] };
}

export function latestVersion(state: ReportState): ReportVersion | undefined {
  return state.versions[state.versions.length - 1];
}

/** The signed version's document with its number and date of issue once the clerk registered it. */
export function issuedDocument(state: ReportState): OfficialDocument | undefined {
  if (!state.signed) return undefined;
  const frozen = state.versions[state.signed.version - 1].document;
  // Nơi nhận is finalised by the clerk at issuance; the body stays as signed.
  const amended = state.recipientsAmended;
  const signed = amended ? { ...frozen, recipients: amended.recipients.map((r) => ({ ...r })), archive: [...amended.archive] } : frozen;
  if (!state.numbered) return signed;
  return { ...signed, number: { ...signed.number, number: state.numbered.number }, date: state.numbered.date };
}

/** Why the report cannot be numbered now (not drafted, not signed, already numbered); undefined when it can. */
export function numberingRefusal(state: ReportState): DomainError | undefined {
  if (state.status === 'none') return notDrafted('NumberReport');
  if (state.status === 'drafting')
    return conflict('DOCUMENT_NOT_SIGNED', 'only a signed document is numbered', 'Văn bản chưa được ký, chưa thể cấp số.');
  if (state.status !== 'signed') {
    return conflict('DOCUMENT_ALREADY_NUMBERED', 'the document already has its number', 'Văn bản đã được cấp số.', {
      number: state.numbered?.number,
    });
  }
  return undefined;
}

const notDrafted = (command: ReportCommand['type']) =>
  conflict('REPORT_NOT_DRAFTED', `${command}: the cycle has no draft report yet`, 'Kỳ báo cáo chưa có dự thảo báo cáo.', { command });

export function decideReport(command: ReportCommand, state: ReportState): ReportEvent[] {
  const at = requireIsoInstant(command.data.at, 'at');
  const by = command.data.by;
  if (command.type === 'DraftReport') {
    requireStatus(state, ['none', 'drafting'], command.type);
    const version = state.versions.length + 1;
    const note = optionalText(command.data.note);
    const document = withSourceTable(editDocument(command.data.document, {}));
    return [{ type: 'ReportDrafted', data: { cycleId: command.data.cycleId, version, document, at, by, ...(note ? { note } : {}) } }];
  }
  if (state.status === 'none') {
    throw notDrafted(command.type);
  }
  const cycleId = state.cycleId!;
  switch (command.type) {
    case 'ReviseReport': {
      requireStatus(state, ['drafting'], command.type);
      const latest = latestVersion(state)!;
      if (command.data.baseVersion !== latest.version) {
        throw conflict(
          'REPORT_VERSION_STALE',
          `revision based on version ${command.data.baseVersion}; the latest is ${latest.version}`,
          `Bản dự thảo đã có phiên bản mới hơn (phiên bản ${latest.version}); hãy mở lại trước khi sửa.`,
          { baseVersion: command.data.baseVersion, latestVersion: latest.version },
        );
      }
      if ('figureSources' in command.data.change) {
        throw invalid(
          'FIGURE_SOURCES_READ_ONLY',
          'the figure sources come from the draft, a revision keeps them',
          'Không thể sửa nguồn số liệu của dự thảo.',
        );
      }
      // Runs that still carry their sources inline (an older client) are stored citing the table like any other.
      const document = withSourceTable(editDocument(latest.document, command.data.change));
      if (JSON.stringify(document) === JSON.stringify(latest.document)) {
        throw invalid('REPORT_REVISION_EMPTY', 'the revision changes nothing', 'Nội dung sửa đổi không khác phiên bản hiện tại.');
      }
      const note = optionalText(command.data.note);
      return [
        {
          type: 'ReportRevised',
          data: { cycleId, version: latest.version + 1, basedOn: latest.version, document, at, by, ...(note ? { note } : {}) },
        },
      ];
    }
    case 'AddComment': {
      requireStatus(state, ['drafting'], command.type);
      const { commentId, version, anchor } = command.data;
      const target = state.versions[version - 1];
      if (!Number.isInteger(version) || !target) {
        throw invalid('REPORT_VERSION_UNKNOWN', `version ${version} does not exist`, `Không có phiên bản ${version} của dự thảo.`, {
          version,
        });
      }
      if (state.comments.some((c) => c.commentId === commentId)) {
        throw conflict('REPORT_COMMENT_EXISTS', `comment ${commentId} already exists`, 'Ý kiến này đã được ghi nhận.', { commentId });
      }
      const passage = passagesOf(target.document).find((p) => p.id === anchor.passageId);
      if (!passage) {
        throw invalid(
          'REPORT_PASSAGE_UNKNOWN',
          `version ${version} has no passage ${anchor.passageId}`,
          `Phiên bản ${version} không có đoạn "${anchor.passageId}".`,
          { version, passageId: anchor.passageId },
        );
      }
      const quote = anchor.quote === undefined ? undefined : cleanText(anchor.quote);
      if (quote !== undefined && (quote === '' || !passage.text.includes(quote))) {
        throw invalid(
          'REPORT_QUOTE_NOT_IN_PASSAGE',
          `the quoted words are not in passage ${anchor.passageId}`,
          'Đoạn trích dẫn không có trong đoạn văn được góp ý.',
          { passageId: anchor.passageId, quote: anchor.quote },
        );
      }
      const text = cleanText(requireNonBlank(command.data.text, 'text', 'Nội dung ý kiến', 'REPORT_COMMENT_TEXT_REQUIRED'));
      return [
        {
          type: 'ReportCommentAdded',
          data: { cycleId, commentId, version, anchor: { passageId: passage.id, ...(quote ? { quote } : {}) }, text, at, by },
        },
      ];
    }
    case 'ResolveComment': {
      requireStatus(state, ['drafting'], command.type);
      const comment = state.comments.find((c) => c.commentId === command.data.commentId);
      if (!comment) {
        throw invalid('REPORT_COMMENT_UNKNOWN', `no comment ${command.data.commentId}`, 'Không tìm thấy ý kiến.', {
          commentId: command.data.commentId,
        });
      }
      if (comment.status === 'resolved') {
        throw conflict('REPORT_COMMENT_RESOLVED', `comment ${comment.commentId} is already resolved`, 'Ý kiến này đã được xử lý.', {
          commentId: comment.commentId,
        });
      }
      const note = optionalText(command.data.note);
      return [
        {
          type: 'ReportCommentResolved',
          data: { cycleId, commentId: comment.commentId, inVersion: latestVersion(state)!.version, at, by, ...(note ? { note } : {}) },
        },
      ];
    }
    case 'SignReport': {
      if (state.status !== 'drafting') {
        throw conflict('DOCUMENT_SIGNED', 'the report is already signed', 'Văn bản đã ký, không thể ký lại hay sửa nội dung.', {
          status: state.status,
        });
      }
      const latest = latestVersion(state)!;
      if (command.data.version !== latest.version) {
        throw conflict(
          'REPORT_VERSION_STALE',
          `signing version ${command.data.version}; the latest is ${latest.version}`,
          `Chỉ ký phiên bản mới nhất (phiên bản ${latest.version}).`,
          { version: command.data.version, latestVersion: latest.version },
        );
      }
      const open = state.comments.filter((c) => c.status === 'open');
      if (open.length > 0) {
        throw conflict(
          'REPORT_COMMENTS_OPEN',
          `${open.length} comment(s) still open`,
          `Còn ${open.length} ý kiến của Thường trực chưa được xử lý.`,
          { openComments: open.map((c) => c.commentId) },
        );
      }
      // The signature block is part of the text: set it, validate the whole document, freeze it.
      signDocument(editDocument(latest.document, { signature: command.data.signature }), at);
      const blocking = command.data.blockingFindings ?? [];
      const reason = optionalText(command.data.overrideReason);
      const signed: ReportEvent = {
        type: 'ReportSigned',
        data: { cycleId, version: latest.version, signature: command.data.signature, signedAt: at, by },
      };
      if (blocking.length === 0) return [signed];
      if (!reason) {
        // A national cycle may fail one check per unit: the refusal names the distinct codes and lists the first ones.
        throw conflict(
          'REPORT_CHECKS_FAILING',
          `${blocking.length} error-level check(s) fail: ${[...new Set(blocking.map((f) => f.code))].join(', ')}`,
          `Còn ${formatNumberVi(blocking.length)} lỗi kiểm tra số liệu chưa xử lý; chỉ ký được khi ghi rõ lý do vẫn ký.`,
          { findings: blocking.slice(0, BLOCKING_LISTED), findingsTotal: blocking.length },
        );
      }
      return [
        {
          type: 'ReportChecksOverridden',
          // The first findings and their number (the whole list follows from the approvals the version was built on).
          data: {
            cycleId,
            version: latest.version,
            reason,
            findings: blocking.slice(0, BLOCKING_LISTED).map((f) => ({ ...f })),
            findingsTotal: blocking.length,
            at,
            by,
          },
        },
        signed,
      ];
    }
    case 'NumberReport': {
      const refusal = numberingRefusal(state);
      if (refusal) throw refusal;
      const signed = issuedDocument(state)!;
      registerDocument({ ...signed, signedAt: state.signed!.signedAt }, { number: command.data.number, date: command.data.date });
      return [
        {
          type: 'ReportNumbered',
          data: {
            cycleId,
            version: state.signed!.version,
            number: command.data.number,
            numberText: command.data.numberText,
            date: command.data.date,
            at,
            by,
          },
        },
      ];
    }
    case 'AmendRecipients': {
      if (state.status === 'distributed' || state.status === 'recalled') {
        throw conflict(
          'REPORT_ALREADY_DISTRIBUTED',
          'Nơi nhận cannot change once the document is distributed',
          'Văn bản đã phát hành, không thể sửa nơi nhận; cần ban hành văn bản mới.',
          { status: state.status },
        );
      }
      if (state.status === 'drafting')
        throw conflict(
          'DOCUMENT_NOT_SIGNED',
          'Nơi nhận is finalised on a signed document',
          'Văn bản chưa được ký; nơi nhận của dự thảo sửa trong dự thảo.',
        );
      const { recipients, archive } = cleanRecipientsAmendment(command.data);
      const reason = optionalText(command.data.reason);
      return [
        {
          type: 'ReportRecipientsAmended',
          data: { cycleId, version: state.signed!.version, recipients, archive, ...(reason ? { reason } : {}), at, by },
        },
      ];
    }
    case 'DistributeReport': {
      requireStatus(state, ['numbered'], command.type);
      const doc = issuedDocument(state)!;
      const recipients = doc.recipients.flatMap((r) =>
        (r.unitIds ?? []).map((unitId) => ({ unitId, line: r.name, ...(r.purpose ? { purpose: r.purpose } : {}) })),
      );
      // Each unit once, at its first line (a Set: a national report is sent to 20,000 units).
      const seen = new Set<string>();
      const unique = recipients.filter((r) => !seen.has(r.unitId) && seen.add(r.unitId));
      if (unique.length === 0) {
        throw invalid(
          'REPORT_NO_RECIPIENT_UNITS',
          'no Nơi nhận line names a unit of the registry',
          'Nơi nhận không có đơn vị nào trong danh mục tổ chức để gửi văn bản.',
        );
      }
      return [
        { type: 'ReportDistributed', data: { cycleId, version: state.signed!.version, recipients: unique, at, by } },
        ...unique.map((r): ReportEvent => ({ type: 'ReportDelivered', data: { cycleId, unitId: r.unitId, channel: 'in-app', at } })),
      ];
    }
    case 'AcknowledgeReceipt': {
      if (state.status === 'recalled')
        throw conflict('REPORT_RECALLED', 'the report was recalled', 'Văn bản đã bị thu hồi.', { reason: state.recall?.reason });
      requireStatus(state, ['distributed'], command.type);
      const delivery = state.distribution!.deliveries.find((d) => d.unitId === command.data.unitId);
      if (!delivery) {
        throw conflict(
          'REPORT_NOT_ADDRESSED',
          `the report was not sent to unit ${command.data.unitId}`,
          'Văn bản không gửi đến đơn vị này.',
          { unitId: command.data.unitId },
        );
      }
      if (delivery.acknowledgedAt) {
        throw conflict(
          'REPORT_RECEIPT_ALREADY_ACKNOWLEDGED',
          `unit ${delivery.unitId} already acknowledged receipt`,
          'Đơn vị đã xác nhận nhận văn bản.',
          { unitId: delivery.unitId, acknowledgedAt: delivery.acknowledgedAt },
        );
      }
      return [{ type: 'ReportReceiptAcknowledged', data: { cycleId, unitId: delivery.unitId, at, by } }];
    }
    case 'RecallReport': {
      requireStatus(state, ['numbered', 'distributed'], command.type);
      const reason = cleanText(requireNonBlank(command.data.reason, 'reason', 'Lý do thu hồi', 'REPORT_RECALL_REASON_REQUIRED'));
      return [{ type: 'ReportRecalled', data: { cycleId, reason, at, by } }];
    }
    default:
      return assertNever(command, 'report command');
  }
}

export function evolveReport(state: ReportState, event: ReportEvent): ReportState {
  switch (event.type) {
    case 'ReportDrafted':
      return {
        ...state,
        status: 'drafting',
        cycleId: event.data.cycleId,
        versions: [
          ...state.versions,
          {
            version: event.data.version,
            // Stored before the source table: upcast on read.
            document: withSourceTable(event.data.document),
            createdAt: event.data.at,
            createdBy: event.data.by,
            origin: 'consolidation',
            ...(event.data.note ? { note: event.data.note } : {}),
          },
        ],
      };
    case 'ReportRevised':
      return {
        ...state,
        versions: [
          ...state.versions,
          {
            version: event.data.version,
            // Stored before the source table: upcast on read.
            document: withSourceTable(event.data.document),
            createdAt: event.data.at,
            createdBy: event.data.by,
            origin: 'revision',
            ...(event.data.note ? { note: event.data.note } : {}),
          },
        ],
      };
    case 'ReportCommentAdded':
      return {
        ...state,
        comments: [
          ...state.comments,
          {
            commentId: event.data.commentId,
            version: event.data.version,
            anchor: event.data.anchor,
            text: event.data.text,
            author: event.data.by,
            at: event.data.at,
            status: 'open',
          },
        ],
      };
    case 'ReportCommentResolved':
      return {
        ...state,
        comments: state.comments.map((c) =>
          c.commentId === event.data.commentId
            ? {
                ...c,
                status: 'resolved',
                resolution: {
                  by: event.data.by,
                  at: event.data.at,
                  inVersion: event.data.inVersion,
                  ...(event.data.note ? { note: event.data.note } : {}),
                },
              }
            : c,
        ),
      };
    case 'ReportChecksOverridden':
      // Recorded for the audit trail; the signature that follows it is what changes the state.
      return state;
    case 'ReportSigned': {
      const versions = state.versions.map((v) =>
        v.version === event.data.version
          ? { ...v, document: { ...v.document, signature: event.data.signature, signedAt: event.data.signedAt } }
          : v,
      );
      return {
        ...state,
        status: 'signed',
        versions,
        signed: { version: event.data.version, signedAt: event.data.signedAt, signedBy: event.data.by },
      };
    }
    case 'ReportNumbered':
      return {
        ...state,
        status: 'numbered',
        numbered: {
          number: event.data.number,
          numberText: event.data.numberText,
          date: event.data.date,
          by: event.data.by,
          at: event.data.at,
        },
      };
    case 'ReportRecipientsAmended':
      return {
        ...state,
        recipientsAmended: {
          recipients: event.data.recipients,
          archive: event.data.archive,
          at: event.data.at,
          by: event.data.by,
          ...(event.data.reason ? { reason: event.data.reason } : {}),
        },
      };
    case 'ReportDistributed':
      return {
        ...state,
        status: 'distributed',
        distribution: {
          at: event.data.at,
          by: event.data.by,
          deliveries: event.data.recipients.map((r) => ({ ...r, deliveredAt: event.data.at })),
        },
      };
    case 'ReportDelivered':
      return {
        ...state,
        distribution: state.distribution && {
          ...state.distribution,
          deliveries: state.distribution.deliveries.map((d) => (d.unitId === event.data.unitId ? { ...d, deliveredAt: event.data.at } : d)),
        },
      };
    case 'ReportReceiptAcknowledged':
      return {
        ...state,
        distribution: state.distribution && {
          ...state.distribution,
          deliveries: state.distribution.deliveries.map((d) =>
            d.unitId === event.data.unitId ? { ...d, acknowledgedAt: event.data.at, acknowledgedBy: event.data.by } : d,
          ),
        },
      };
    case 'ReportRecalled':
      return { ...state, status: 'recalled', recall: { reason: event.data.reason, at: event.data.at, by: event.data.by } };
    default:
      return assertNever(event, 'report event');
  }
}

type DeliveryEvent = Extract<ReportEvent, { type: 'ReportDelivered' | 'ReportReceiptAcknowledged' }>;
const isDeliveryEvent = (e: ReportEvent): e is DeliveryEvent => e.type === 'ReportDelivered' || e.type === 'ReportReceiptAcknowledged';

/**
 * The report's events folded onto `state`: the same state as `events.reduce(evolveReport, state)`, but each run of
 * deliveries and receipts (a distribution's one event per receiving unit, the receipts after it) applied in one pass
 * over the deliveries — evolveReport alone copies the whole list for each of them, quadratic in the units (20,000
 * receiving units: 400 million copied entries for the distribution alone).
 */
export function evolveReportAll(state: ReportState, events: readonly ReportEvent[]): ReportState {
  let s = state;
  for (let i = 0; i < events.length; ) {
    if (!isDeliveryEvent(events[i])) {
      s = evolveReport(s, events[i++]);
      continue;
    }
    let j = i;
    while (j < events.length && isDeliveryEvent(events[j])) j++;
    s = applyDeliveryEvents(s, events.slice(i, j) as DeliveryEvent[]);
    i = j;
  }
  return s;
}

/** A run of deliveries and receipts, as evolveReport applies them one by one: each matching delivery updated. */
function applyDeliveryEvents(state: ReportState, run: readonly DeliveryEvent[]): ReportState {
  if (!state.distribution) return { ...state, distribution: state.distribution };
  const deliveries = [...state.distribution.deliveries];
  const at = new Map<string, number[]>();
  deliveries.forEach((d, k) => at.set(d.unitId, [...(at.get(d.unitId) ?? []), k]));
  for (const e of run) {
    for (const k of at.get(e.data.unitId) ?? []) {
      deliveries[k] =
        e.type === 'ReportDelivered'
          ? { ...deliveries[k], deliveredAt: e.data.at }
          : { ...deliveries[k], acknowledgedAt: e.data.at, acknowledgedBy: e.data.by };
    }
  }
  return { ...state, distribution: { ...state.distribution, deliveries } };
}

export const reportDecider: Decider<ReportCommand, ReportEvent, ReportState> = {
  decide: decideReport,
  evolve: evolveReport,
  evolveAll: evolveReportAll,
  initialState: initialReportState,
};

function requireStatus(state: ReportState, allowed: ReportState['status'][], command: string): void {
  if (allowed.includes(state.status)) return;
  if (state.status === 'signed' || state.status === 'numbered' || state.status === 'distributed') {
    if (command === 'ReviseReport' || command === 'DraftReport' || command === 'AddComment' || command === 'ResolveComment') {
      throw conflict(
        'DOCUMENT_SIGNED',
        `${command}: the report is signed and frozen`,
        'Văn bản đã ký, không thể sửa nội dung; mọi thay đổi phải là một văn bản mới.',
        { status: state.status },
      );
    }
  }
  throw conflict(
    'REPORT_WRONG_STATUS',
    `${command} is not allowed when the report is ${state.status}`,
    `Không thực hiện được thao tác này khi báo cáo ${STATUS_VI[state.status]}.`,
    { command, status: state.status, allowed },
  );
}

function optionalText(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const cleaned = cleanText(value);
  return cleaned === '' ? undefined : cleaned;
}
