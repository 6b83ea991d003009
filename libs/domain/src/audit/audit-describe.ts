import { formatNumberVi } from '../format/vietnamese-format';
import { PHASE_LABELS_VI } from '../permissions';

/** Kinds of events the audit timeline can be filtered by, each with the event types it covers. */
export const AUDIT_KINDS = {
  phase: ['CycleOpened', 'SubmissionWindowClosed', 'CyclePhaseAdvanced', 'CycleCancelled'],
  units: ['UnitsAssigned', 'UnitUnassigned', 'UnitDeadlineExtended', 'RemindersSentByHand'],
  submission: ['SubmissionDraftSaved', 'SubmissionSubmitted', 'SubmissionReturned', 'SubmissionApproved', 'SubmissionCorrected'],
  report: ['ReportDrafted', 'ReportRevised', 'ReportCommentAdded', 'ReportCommentResolved', 'ReportChecksOverridden', 'ReportSigned'],
  distribution: [
    'ReportNumbered',
    'ReportRecipientsAmended',
    'ReportDistributed',
    'ReportDelivered',
    'ReportReceiptAcknowledged',
    'ReportRecalled',
  ],
} as const;
export type AuditKind = keyof typeof AUDIT_KINDS;
export const AUDIT_KIND_KEYS = Object.keys(AUDIT_KINDS) as AuditKind[];

export function kindOf(type: string): AuditKind | null {
  for (const k of AUDIT_KIND_KEYS) if ((AUDIT_KINDS[k] as readonly string[]).includes(type)) return k;
  return null;
}

const dmy = (iso: string | undefined): string => {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? '');
  return m ? `${m[3]}/${m[2]}/${m[1]}` : '';
};
const phase = (p: string | undefined): string =>
  p ? (PHASE_LABELS_VI[p as keyof typeof PHASE_LABELS_VI] ?? 'giai đoạn khác') : 'giai đoạn khác';
const count = (a: unknown): number => (Array.isArray(a) ? a.length : 0);

/** What happened, in the words an official uses (never an event type name, never an id). */
export function describeEvent(type: string, d: any): string {
  switch (type) {
    case 'CycleOpened':
      return `Mở kỳ báo cáo ${d?.period?.label ?? ''} cho ${count(d?.units)} đơn vị, hạn nộp ${dmy(d?.milestones?.submissionDeadline)}`;
    case 'UnitsAssigned':
      return `Giao thêm ${count(d?.units)} đơn vị báo cáo`;
    case 'UnitUnassigned':
      return `Thôi giao báo cáo cho đơn vị${d?.reason ? `. Lý do: ${d.reason}` : ''}`;
    case 'UnitDeadlineExtended':
      return `Gia hạn nộp từ ${dmy(d?.previousDeadline)} đến ${dmy(d?.newDeadline)}. Lý do: ${d?.reason ?? ''}`;
    case 'RemindersSentByHand':
      return `Nhắc ${count(d?.unitIds)} đơn vị chưa nộp báo cáo`;
    case 'SubmissionWindowClosed':
      return d?.closedBy?.kind === 'deadline'
        ? 'Hết hạn nộp: tự động khóa sổ tiếp nhận, chuyển sang thẩm định'
        : 'Khóa sổ tiếp nhận báo cáo, chuyển sang thẩm định';
    case 'CyclePhaseAdvanced':
      return `Chuyển giai đoạn từ "${phase(d?.from)}" sang "${phase(d?.to)}"`;
    case 'CycleCancelled':
      return `Hủy kỳ báo cáo. Lý do: ${d?.reason ?? ''}`;
    case 'SubmissionDraftSaved':
      return 'Lưu bản nháp báo cáo';
    case 'SubmissionSubmitted':
      return `${d?.resubmission ? 'Nộp lại' : 'Nộp'} báo cáo (lần ${d?.version ?? 1})${d?.late ? `, trễ hạn ${d?.daysLate ?? ''} ngày` : ''}`;
    case 'SubmissionReturned':
      return `Trả lại báo cáo để bổ sung (${count(d?.reasons)} nội dung cần sửa)`;
    case 'SubmissionApproved':
      return 'Duyệt báo cáo';
    case 'SubmissionCorrected':
      return `Đính chính số liệu đã duyệt. Lý do: ${d?.reason ?? ''}`;
    case 'ReportDrafted':
      return 'Dựng dự thảo báo cáo tổng hợp';
    case 'ReportRevised':
      return `Sửa dự thảo báo cáo (bản ${d?.version ?? ''})`;
    case 'ReportCommentAdded':
      return `Cho ý kiến vào dự thảo: "${String(d?.text ?? '').slice(0, 120)}"`;
    case 'ReportCommentResolved':
      return 'Đánh dấu một ý kiến đã giải quyết';
    case 'ReportChecksOverridden':
      return `Ký dù còn ${formatNumberVi(typeof d?.findingsTotal === 'number' ? d.findingsTotal : count(d?.findings))} lỗi kiểm tra. Lý do: ${d?.reason ?? ''}`;
    case 'ReportSigned':
      return `Ký ban hành báo cáo (bản ${d?.version ?? ''})`;
    case 'ReportNumbered':
      return `Cấp số văn bản ${d?.numberText ?? ''}, ngày ${dmy(d?.date)}`;
    case 'ReportRecipientsAmended':
      return `Hoàn thiện nơi nhận của văn bản (${count(d?.recipients)} nơi nhận)${d?.reason ? `. Lý do: ${d.reason}` : ''}`;
    case 'ReportDistributed':
      return `Phát hành báo cáo đến ${count(d?.recipients)} nơi nhận`;
    case 'ReportDelivered':
      return 'Gửi báo cáo đến đơn vị';
    case 'ReportReceiptAcknowledged':
      return 'Xác nhận đã nhận báo cáo';
    case 'ReportRecalled':
      return `Thu hồi báo cáo. Lý do: ${d?.reason ?? ''}`;
    default:
      return 'Thao tác khác trên kỳ báo cáo';
  }
}

export const KIND_LABELS_VI: Record<AuditKind, string> = {
  phase: 'Giai đoạn',
  units: 'Đơn vị và thời hạn',
  submission: 'Báo cáo của đơn vị',
  report: 'Dự thảo và ký',
  distribution: 'Cấp số và phát hành',
};

export const ROLE_LABELS_VI: Record<string, string> = {
  admin: 'Quản trị hệ thống',
  coordinator: 'Chuyên viên điều phối',
  reporter: 'Cán bộ báo cáo của đơn vị',
  reviewer: 'Lãnh đạo thẩm định',
  standing: 'Thường trực cấp ủy',
  signer: 'Ủy viên Ban Thường vụ',
  clerk: 'Văn thư',
};
