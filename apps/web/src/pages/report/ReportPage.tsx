import { CheckOutlined, CommentOutlined, DownloadOutlined, EditOutlined, FilePdfOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import type { OfficialDocument } from '@domain/document/document.model';
import type { Passage } from '@domain/report/passages';
import { messageOf } from '../../api/client';
import { PageTitle } from '../../components/PageTitle';
import { ErrorNotice, Loading } from '../../components/QueryState';
import { formatDateTime } from '../../format';
import { PhaseTag } from '../board/CyclePhase';
import { ClerkPanel } from '../cycles/ClerkPanel';
import { onActivate, ReportDocument, type PassageSlot } from './ReportDocument';
import {
  docxUrl, useAddComment, useDownloadPdf, useReport, useReportChecks, useReportVersion, useResolveComment, useSign, type ChecksView, type ReportCommentView,
  type ReportView, type SignatureView, type VersionView,
} from './report.hooks';
import './report.css';

const REPORT_STATUS: Record<string, { label: string; color: string }> = {
  none: { label: 'Chưa có dự thảo', color: 'default' }, drafting: { label: 'Đang dự thảo', color: 'blue' }, signed: { label: 'Đã ký', color: '#237804' },
  numbered: { label: 'Đã cấp số', color: '#237804' }, distributed: { label: 'Đã phát hành', color: '#237804' }, recalled: { label: 'Đã thu hồi', color: 'red' },
};
const ORIGIN: Record<string, string> = { consolidation: 'tổng hợp từ báo cáo của đơn vị', revision: 'đã chỉnh sửa' };
const PARTY_AUTHORITIES = ['T/M', 'K/T', 'T/L', 'T/UQ'];
const STATE_AUTHORITIES = ['TM.', 'KT.', 'TL.', 'TUQ.'];

/**
 * The cycle's report (/cycles/:cycleId/report): the version as the document reads; Thường trực click (or
 * select words in) a passage to comment; comments stand beside their passage with author and time; the office
 * marks them resolved; the signer's button says why it is disabled; DOCX and PDF downloads.
 */
export function ReportPage() {
  const { cycleId = '' } = useParams();
  const report = useReport(cycleId);
  const [picked, setPicked] = useState<number | null>(null);
  const r = report.data;
  const shownVersion = picked ?? r?.signed?.version ?? r?.latestVersion ?? null;
  const version = useReportVersion(cycleId, shownVersion);

  if (report.isPending || (shownVersion !== null && version.isPending)) return <Loading label="Đang tải báo cáo…" />;
  if (report.error || !r) return <ErrorNotice error={report.error} onRetry={() => report.refetch()} />;
  if (shownVersion !== null && (version.error || !version.data)) return <ErrorNotice error={version.error} onRetry={() => version.refetch()} />;
  // Both answers are in: the page changes in one go (never a new status over an old document, or the reverse).
  return <ReportContent cycleId={cycleId} report={r} version={version.data ?? null} onPickVersion={setPicked} />;
}

function ReportContent({ cycleId, report, version, onPickVersion }: {
  cycleId: string; report: ReportView; version: VersionView | null; onPickVersion: (v: number) => void;
}) {
  const actions = report.allowedActions ?? [];
  const latest = version !== null && version.version === report.latestVersion;
  const status = REPORT_STATUS[report.status] ?? REPORT_STATUS.none;
  const title = version ? `Báo cáo ${version.document.title}` : 'Báo cáo tổng hợp của kỳ';
  return (
    <div className="report-page">
      <p className="no-margin"><Link to={`/cycles/${cycleId}`}>← Bảng theo dõi</Link></p>
      <PageTitle extra={<Space wrap><Tag color={status.color}>{status.label}</Tag><PhaseTag status={report.cyclePhase} /></Space>}>{title}</PageTitle>
      {version && (
        <Typography.Paragraph type="secondary">
          {`Phiên bản ${version.version} · ${ORIGIN[version.origin] ?? ''} · ${formatDateTime(version.createdAt)} · ${version.createdBy.name}`}
          {report.numbered ? ` · ${report.numbered.numberText}` : ''}
        </Typography.Paragraph>
      )}
      {!version ? <Alert type="info" showIcon title="Kỳ báo cáo chưa có dự thảo." /> : (
        <>
          <Toolbar cycleId={cycleId} report={report} version={version} onPickVersion={onPickVersion} />
          <ClerkPanel cycleId={cycleId} report={report} />
          {actions.includes('sign') && report.status === 'drafting' && <SignBar cycleId={cycleId} report={report} version={version} latest={latest} />}
          {actions.includes('comment') && latest && (
            <Alert className="block-gap" type="info" showIcon icon={<CommentOutlined aria-hidden />}
              title="Bấm vào một đoạn văn (hoặc bôi đen một cụm từ trong đoạn) để ghi ý kiến; ý kiến hiện bên cạnh đoạn văn đó." />
          )}
          <Passages cycleId={cycleId} report={report} version={version} commentable={actions.includes('comment') && latest} resolvable={actions.includes('resolve')} />
          <OtherVersionComments report={report} version={version} cycleId={cycleId} resolvable={actions.includes('resolve')} />
        </>
      )}
    </div>
  );
}

function Toolbar({ cycleId, report, version, onPickVersion }: { cycleId: string; report: ReportView; version: VersionView; onPickVersion: (v: number) => void }) {
  const pdf = useDownloadPdf(cycleId);
  const pinned = version.version === (report.signed?.version ?? report.latestVersion) ? undefined : version.version;
  return (
    <Card size="small" className="block-gap">
      <Space wrap>
        {report.versions.length > 1 && (
          <>
            <label htmlFor="report-version">Phiên bản</label>
            <Select
              id="report-version"
              value={version.version}
              onChange={onPickVersion}
              options={report.versions.map((v) => ({
                value: v.version,
                label: `Phiên bản ${v.version} (${formatDateTime(v.createdAt)})${v.version === report.latestVersion ? ' — mới nhất' : ''}${v.version === report.signed?.version ? ' — đã ký' : ''}`,
              }))}
              popupMatchSelectWidth={false}
            />
          </>
        )}
        <Button icon={<DownloadOutlined aria-hidden />} href={docxUrl(cycleId, pinned)}>Tải DOCX</Button>
        <Button icon={<FilePdfOutlined aria-hidden />} loading={pdf.isPending} onClick={() => pdf.mutate(pinned)}>Tải PDF</Button>
      </Space>
      {pdf.error && (
        <Alert
          className="block-gap-top"
          type="warning"
          showIcon
          role="alert"
          title="Chưa tải được bản PDF"
          description={messageOf(pdf.error)}
          action={<Button size="small" icon={<DownloadOutlined aria-hidden />} href={docxUrl(cycleId, pinned)}>Tải bản DOCX</Button>}
        />
      )}
    </Card>
  );
}

/** The signer's button, disabled with the reasons beside it: open comments, not the latest version, failed checks. */
function SignBar({ cycleId, report, version, latest }: { cycleId: string; report: ReportView; version: VersionView; latest: boolean }) {
  const checks = useReportChecks(cycleId, true);
  const sign = useSign(cycleId, report);
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<SignatureView>();
  const openComments = report.comments.filter((c) => c.status === 'open').length;
  const failed = failedChecks(checks.data);
  const reasons: string[] = [];
  if (openComments > 0) reasons.push(`Còn ${openComments} ý kiến của Thường trực chưa được giải quyết.`);
  if (!latest) reasons.push(`Đang xem phiên bản ${version.version}; chỉ ký được phiên bản mới nhất (phiên bản ${report.latestVersion}).`);
  if (failed > 0) reasons.push(`Còn ${failed} điểm chưa đạt khi kiểm tra số liệu của dự thảo.`);
  if (checks.isPending) reasons.push('Đang kiểm tra số liệu của dự thảo…');
  const party = version.document.number.scheme === 'party';

  return (
    <Card size="small" className="block-gap sign-bar" title={<h2 className="card-heading">Ký ban hành</h2>}>
      <div className="sign-row">
        <Button
          type="primary"
          icon={<EditOutlined aria-hidden />}
          disabled={reasons.length > 0}
          aria-describedby={reasons.length > 0 ? 'sign-blockers' : undefined}
          onClick={() => { form.setFieldsValue(version.document.signature); setOpen(true); }}
        >
          Ký ban hành
        </Button>
        {reasons.length > 0 ? (
          <div id="sign-blockers" className="sign-blockers" role="status">
            <strong>Chưa ký được:</strong>
            <ul>{reasons.map((t) => <li key={t}>{t}</li>)}</ul>
          </div>
        ) : <span>{`Phiên bản ${version.version} đã sẵn sàng để ký.`}</span>}
      </div>
      <Modal
        title={`Ký ban hành phiên bản ${version.version}`}
        open={open}
        okText="Ký ban hành"
        cancelText="Hủy"
        confirmLoading={sign.isPending}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        forceRender
      >
        <p>Sau khi ký, văn bản không thể sửa.</p>
        <Form<SignatureView>
          form={form}
          layout="vertical"
          onFinish={(values) => sign.mutate({ version: version.version, ...values }, {
            onSuccess: () => { setOpen(false); message.success('Đã ký ban hành văn bản.'); },
          })}
        >
          <Form.Item name="authority" label="Thẩm quyền ký">
            <Select allowClear options={(party ? PARTY_AUTHORITIES : STATE_AUTHORITIES).map((a) => ({ value: a, label: a }))} />
          </Form.Item>
          <Form.Item name="onBehalfOf" label="Thay mặt (tập thể hoặc người đứng đầu)"><Input /></Form.Item>
          <Form.Item name="title" label="Chức vụ người ký" rules={[{ required: true, whitespace: true, message: 'Nhập chức vụ người ký.' }]}><Input /></Form.Item>
          <Form.Item name="name" label="Họ và tên người ký" rules={[{ required: true, whitespace: true, message: 'Nhập họ và tên người ký.' }]}><Input /></Form.Item>
        </Form>
        {sign.error && <Alert type="error" showIcon title={messageOf(sign.error)} />}
      </Modal>
    </Card>
  );
}

function failedChecks(c: ChecksView | undefined): number {
  if (!c) return 0;
  return c.draftFindings.length + c.findings.filter((f) => (f.severity ?? f.violation?.severity) === 'error').length;
}

function Passages({ cycleId, report, version, commentable, resolvable }: {
  cycleId: string; report: ReportView; version: VersionView; commentable: boolean; resolvable: boolean;
}) {
  const [selected, setSelected] = useState<{ passageId: string; quote?: string } | null>(null);
  const byPassage = new Map<string, ReportCommentView[]>();
  for (const c of report.comments.filter((x) => x.version === version.version)) {
    byPassage.set(c.anchor.passageId, [...(byPassage.get(c.anchor.passageId) ?? []), c]);
  }

  const pick = (passageId: string, text: string) => {
    const chosen = window.getSelection()?.toString().trim();
    setSelected({ passageId, ...(chosen && text.includes(chosen) && chosen !== text ? { quote: chosen } : {}) });
  };

  const render = ({ passage, content, footnoteNo }: PassageSlot): ReactNode => {
    const comments = passage.id ? byPassage.get(passage.id) ?? [] : [];
    const isSelected = selected?.passageId === passage.id && passage.id !== '';
    const clickable = commentable && passage.id !== '';
    return (
      <div className={`passage-row${isSelected ? ' selected' : ''}${comments.length ? ' has-comments' : ''}`}>
        <div
          className={`passage${clickable ? ' clickable' : ''}`}
          {...(clickable ? {
            // A heading keeps its role (a button's content is presentational); it is still focusable and clickable.
            ...(passage.kind === 'heading' ? {} : {
              role: 'button', 'aria-pressed': isSelected, 'aria-label': `${footnoteNo ? `Chú thích ${footnoteNo}: ` : ''}${passage.text}`,
            }),
            tabIndex: 0, onClick: () => pick(passage.id, passage.text), onKeyDown: onActivate(() => pick(passage.id, passage.text)),
          } : {})}
        >
          {content}
        </div>
        <aside className="passage-notes" aria-label={comments.length || isSelected ? 'Ý kiến về đoạn này' : undefined}>
          {comments.map((c) => <CommentCard key={c.commentId} cycleId={cycleId} report={report} comment={c} resolvable={resolvable} />)}
          {isSelected && <CommentForm cycleId={cycleId} report={report} version={version.version} target={selected!} onDone={() => setSelected(null)} />}
        </aside>
      </div>
    );
  };

  return (
    <div className="report-sheet">
      {/* The API's document and passages are the domain's own (OfficialDocument, passagesOf), read by its layout functions. */}
      <ReportDocument document={version.document as OfficialDocument} passages={version.passages as Passage[]} renderPassage={render} />
    </div>
  );
}

function CommentCard({ cycleId, report, comment: c, resolvable, versionNote }: {
  cycleId: string; report: ReportView; comment: ReportCommentView; resolvable: boolean; versionNote?: string;
}) {
  const resolve = useResolveComment(cycleId, report);
  const open = c.status === 'open';
  return (
    <div className={`comment-card${open ? '' : ' resolved'}`} role="note" aria-label={`Ý kiến của ${c.author.name}`}>
      <div className="comment-head">
        <strong>{c.author.name}</strong>
        <span className="comment-time">{formatDateTime(c.at)}</span>
        {open ? <Tag color="#ad4e00">Chưa giải quyết</Tag> : <Tag color="#237804" icon={<CheckOutlined aria-hidden />}>Đã giải quyết</Tag>}
      </div>
      {versionNote && <div className="comment-quote">{versionNote}</div>}
      {c.anchor.quote && <div className="comment-quote">{`“${c.anchor.quote}”`}</div>}
      <div className="comment-text">{c.text}</div>
      {!open && c.resolution && (
        <div className="comment-resolution">
          {`Đã giải quyết bởi ${c.resolution.by.name} lúc ${formatDateTime(c.resolution.at)}${c.resolution.note ? `: ${c.resolution.note}` : ''}`}
        </div>
      )}
      {open && resolvable && (
        <Button size="small" icon={<CheckOutlined aria-hidden />} loading={resolve.isPending} onClick={() => resolve.mutate({ commentId: c.commentId })}>
          Đánh dấu đã giải quyết
        </Button>
      )}
      {resolve.error && <Alert type="error" showIcon title={messageOf(resolve.error)} />}
    </div>
  );
}

function CommentForm({ cycleId, report, version, target, onDone }: {
  cycleId: string; report: ReportView; version: number; target: { passageId: string; quote?: string }; onDone: () => void;
}) {
  const add = useAddComment(cycleId, report);
  const [text, setText] = useState('');
  const send = () => add.mutate({ version, passageId: target.passageId, ...(target.quote ? { quote: target.quote } : {}), text: text.trim() }, { onSuccess: onDone });
  return (
    <div className="comment-form">
      {target.quote && <div className="comment-quote">{`Về cụm từ: “${target.quote}”`}</div>}
      <label htmlFor="comment-text" className="comment-label">Ý kiến về đoạn đã chọn</label>
      <Input.TextArea id="comment-text" rows={3} value={text} onChange={(e) => setText(e.target.value)} maxLength={4000} autoFocus />
      <Space className="block-gap-top">
        <Button type="primary" disabled={text.trim() === ''} loading={add.isPending} onClick={send}>Gửi ý kiến</Button>
        <Button onClick={onDone}>Hủy</Button>
      </Space>
      {add.error && <Alert className="block-gap-top" type="error" showIcon title={messageOf(add.error)} />}
    </div>
  );
}

/** Comments made on other versions than the one shown (their passages belong to that version's text). */
function OtherVersionComments({ cycleId, report, version, resolvable }: { cycleId: string; report: ReportView; version: VersionView; resolvable: boolean }) {
  const others = report.comments.filter((c) => c.version !== version.version);
  if (others.length === 0) return null;
  return (
    <Card size="small" className="block-gap-top" title={<h2 className="card-heading">Ý kiến về các phiên bản khác</h2>}>
      {others.map((c) => (
        <CommentCard key={c.commentId} cycleId={cycleId} report={report} comment={c} resolvable={resolvable} versionNote={`Về phiên bản ${c.version}`} />
      ))}
    </Card>
  );
}
