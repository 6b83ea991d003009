import { CommentOutlined, DiffOutlined, DownloadOutlined, EditOutlined, FilePdfOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { messageOf } from '../../api/client';
import { PageTitle } from '../../components/PageTitle';
import { ErrorNotice, Loading } from '../../components/QueryState';
import { formatDateTime } from '../../format';
import { useMe } from '../../hooks/session';
import { PhaseTag } from '../board/CyclePhase';
import { ClerkPanel } from '../cycles/ClerkPanel';
import { CompareVersions } from './CompareVersions';
import { FigureSourceDialog } from './FigureSourceDialog';
import { MissingUnits } from './MissingUnits';
import { OtherVersionComments } from './ReportComments';
import { Passages } from './ReportPassages';
import { ChecksPanel } from './ChecksPanel';
import { ReviseBar } from './ReviseBar';
import { SignBar } from './SignBar';
import { keyboardScrollable } from '../../components/keyboard-scrollable';
import { docxUrl, useDownloadPdf, useReport, useReportChecks, useReportVersion, type ReportView, type VersionView } from './report.hooks';
import './report.css';

const REPORT_STATUS: Record<string, { label: string; color: string }> = {
  none: { label: 'Chưa có dự thảo', color: 'default' },
  drafting: { label: 'Đang dự thảo', color: 'blue' },
  signed: { label: 'Đã ký', color: '#237804' },
  numbered: { label: 'Đã cấp số', color: '#237804' },
  distributed: { label: 'Đã phát hành', color: '#237804' },
  recalled: { label: 'Đã thu hồi', color: 'red' },
};
const ORIGIN: Record<string, string> = { consolidation: 'tổng hợp từ báo cáo của đơn vị', revision: 'đã chỉnh sửa' };
/** Roles that read the checks and the figures' sources (report.checks). */
const OFFICE = ['admin', 'coordinator', 'reviewer', 'standing', 'signer', 'clerk'];

/**
 * The cycle's report (/cycles/:cycleId/report): the version as the document reads; Thường trực comment on a
 * passage; the office resolves comments, edits passages in place and saves a new version, opens a marked
 * figure's sources and compares any two versions; the signer's button says why it is disabled; downloads.
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
  if (shownVersion !== null && (version.error || !version.data))
    return <ErrorNotice error={version.error} onRetry={() => version.refetch()} />;
  // Both answers are in: the page changes in one go (never a new status over an old document, or the reverse).
  return <ReportContent cycleId={cycleId} report={r} version={version.data ?? null} onPickVersion={setPicked} />;
}

function ReportContent({
  cycleId,
  report,
  version,
  onPickVersion,
}: {
  cycleId: string;
  report: ReportView;
  version: VersionView | null;
  onPickVersion: (v: number | null) => void;
}) {
  const me = useMe();
  const office = (me.data?.roles ?? []).some((role) => OFFICE.includes(role));
  const checks = useReportChecks(cycleId, office && report.status !== 'none');
  const [edits, setEdits] = useState<Map<string, string> | null>(null);
  const [comparing, setComparing] = useState(false);
  const [figure, setFigure] = useState<{ passageId: string; figure: string } | null>(null);
  const actions = report.allowedActions ?? [];
  const latest = version !== null && version.version === report.latestVersion;
  const status = REPORT_STATUS[report.status] ?? REPORT_STATUS.none;
  const title = version ? `Báo cáo ${version.document.title}` : 'Báo cáo tổng hợp của kỳ';
  const page = useRef<HTMLDivElement>(null);
  useEffect(() => keyboardScrollable(page.current));
  const warnings = new Map<string, string[]>();
  if (version && checks.data?.checkedVersion === version.version) {
    for (const f of checks.data.draftFindings) warnings.set(f.passageId, [...(warnings.get(f.passageId) ?? []), f.messageVi]);
  }
  return (
    <div className="report-page" ref={page}>
      <p className="no-margin">
        {office ? <Link to={`/cycles/${cycleId}`}>← Bảng theo dõi</Link> : <Link to="/received">← Văn bản đến</Link>}
      </p>
      <PageTitle
        extra={
          <Space wrap>
            <Tag color={status.color}>{status.label}</Tag>
            <PhaseTag status={report.cyclePhase} />
          </Space>
        }
      >
        {title}
      </PageTitle>
      {version && (
        <Typography.Paragraph type="secondary">
          {`Phiên bản ${version.version} · ${ORIGIN[version.origin] ?? ''} · ${formatDateTime(version.createdAt)} · ${version.createdBy.name}`}
          {version.note ? ` · ${version.note}` : ''}
          {report.numbered ? ` · ${report.numbered.numberText}` : ''}
        </Typography.Paragraph>
      )}
      {!version ? (
        <Alert type="info" showIcon title="Kỳ báo cáo chưa có dự thảo." />
      ) : (
        <>
          <Toolbar
            cycleId={cycleId}
            report={report}
            version={version}
            onPickVersion={onPickVersion}
            onEdit={actions.includes('revise') && latest && !edits ? () => setEdits(new Map()) : undefined}
            comparing={comparing}
            onCompare={() => setComparing((c) => !c)}
          />
          {comparing && <CompareVersions cycleId={cycleId} report={report} initialTo={version.version} />}
          <ClerkPanel cycleId={cycleId} report={report} />
          {actions.includes('sign') && report.status === 'drafting' && (
            <SignBar cycleId={cycleId} report={report} version={version} latest={latest} />
          )}
          {actions.includes('revise') && <ChecksPanel cycleId={cycleId} checks={checks.data} version={version} />}
          {actions.includes('revise') && checks.data && <MissingUnits cycleId={cycleId} total={checks.data.missingUnitsTotal} />}
          {edits && (
            <ReviseBar
              cycleId={cycleId}
              report={report}
              version={version}
              edits={edits}
              onDone={() => {
                setEdits(null);
                onPickVersion(null);
              }}
            />
          )}
          {actions.includes('comment') && latest && !edits && (
            <Alert
              className="block-gap"
              type="info"
              showIcon
              icon={<CommentOutlined aria-hidden />}
              title="Bấm vào một đoạn văn (hoặc bôi đen một cụm từ trong đoạn) để ghi ý kiến; ý kiến hiện bên cạnh đoạn văn đó."
            />
          )}
          <Passages
            cycleId={cycleId}
            report={report}
            version={version}
            commentable={actions.includes('comment') && latest}
            resolvable={actions.includes('resolve')}
            editing={edits ? { edits, onEdit: (id, text) => setEdits((m) => new Map(m ?? []).set(id, text)) } : null}
            onFigure={office ? (passageId, f) => setFigure({ passageId, figure: f }) : undefined}
            warnings={warnings}
          />
          <OtherVersionComments report={report} version={version} cycleId={cycleId} resolvable={actions.includes('resolve')} />
          <FigureSourceDialog cycleId={cycleId} version={version.version} target={figure} onClose={() => setFigure(null)} />
        </>
      )}
    </div>
  );
}

function Toolbar({
  cycleId,
  report,
  version,
  onPickVersion,
  onEdit,
  comparing,
  onCompare,
}: {
  cycleId: string;
  report: ReportView;
  version: VersionView;
  onPickVersion: (v: number) => void;
  onEdit?: () => void;
  comparing: boolean;
  onCompare: () => void;
}) {
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
            <Button icon={<DiffOutlined aria-hidden />} aria-pressed={comparing} onClick={onCompare}>
              So sánh phiên bản
            </Button>
          </>
        )}
        {onEdit && (
          <Button icon={<EditOutlined aria-hidden />} onClick={onEdit}>
            Sửa dự thảo
          </Button>
        )}
        <Button icon={<DownloadOutlined aria-hidden />} href={docxUrl(cycleId, pinned)}>
          Tải DOCX
        </Button>
        <Button icon={<FilePdfOutlined aria-hidden />} loading={pdf.isPending} onClick={() => pdf.mutate(pinned)}>
          Tải PDF
        </Button>
      </Space>
      {pdf.error && (
        <Alert
          className="block-gap-top"
          type="warning"
          showIcon
          role="alert"
          title="Chưa tải được bản PDF"
          description={messageOf(pdf.error)}
          action={
            <Button size="small" icon={<DownloadOutlined aria-hidden />} href={docxUrl(cycleId, pinned)}>
              Tải bản DOCX
            </Button>
          }
        />
      )}
    </Card>
  );
}
