import { Alert, ConfigProvider, Typography } from 'antd';
import { Link } from 'react-router';
import { checkFigures } from '@domain/templates/figure-check';
import { flattenSections, type ReportTemplate } from '@domain/templates/report-template';
import { messageOf } from '../../api/client';
import { Loading } from '../../components/QueryState';
import { formatDateTime } from '../../format';
import { useSubmissionDiff, type Submission, type VersionDiff } from './review.hooks';
import './review.css';
import { FigureTable, figureChanges, sectionTitle, type Figures } from './FigureTable';
import { Block, RuleFindings } from './ReviewBlocks';
import { Narrative } from './Narrative';
import { Decision } from './Decision';

type Version = Submission['versions'][number];

/**
 * The reviewer's page of a unit's submission (shown at /cycles/:cycleId/units/:unitId when the submission's
 * allowedActions hold approve/return): figures as a table with the template's names and units, narrative by
 * section, for a resubmission the previous version beside it with the changes marked, the template's rule
 * findings, approve, and return with reasons tied to sections. After a decision the next waiting one opens.
 */
export function SubmissionReview({ submission, template }: { submission: Submission; template: ReportTemplate }) {
  const current = submission.versions.at(-1);
  const diff = useSubmissionDiff(submission.cycleId, submission.unitId, current && current.version > 1 ? current.version : undefined);
  if (!current) return <Alert type="info" title="Đơn vị chưa nộp báo cáo." />;
  if (diff.isLoading) return <Loading label="Đang so sánh với phiên bản trước…" />;
  return <ReviewBody submission={submission} template={template} current={current} diff={diff.data} diffError={diff.error} />;
}

function ReviewBody({
  submission,
  template,
  current,
  diff,
  diffError,
}: {
  submission: Submission;
  template: ReportTemplate;
  current: Version;
  diff: VersionDiff | undefined;
  diffError: unknown;
}) {
  const previous = submission.versions.find((v) => v.version === current.version - 1);
  const resubmission = previous !== undefined;
  const figures = current.figures as unknown as Figures;
  const before = (previous?.figures ?? {}) as unknown as Figures;
  const changes = figureChanges(diff);
  const narrativeChanged = new Set(diff?.narrative.map((n) => n.sectionCode) ?? []);
  const violations = checkFigures(template, figures);
  const lastReturn = submission.returns.at(-1);
  const sections = flattenSections(template.sections);
  const byCode = new Map(sections.map((s) => [s.code, s] as const));
  const canDecide = submission.allowedActions.includes('approve') || submission.allowedActions.includes('return');

  const shown = sections.filter(
    (s) =>
      template.indicators.some((i) => i.sectionCode === s.code && (figures[i.code] || before[i.code])) ||
      current.narrative[s.code] ||
      previous?.narrative[s.code],
  );

  return (
    <div className="review-page">
      <p className="no-margin">
        <Link to="/reviews">← Chờ duyệt</Link>
      </p>
      <Typography.Paragraph type="secondary">
        {`${resubmission ? 'Nộp lại' : 'Nộp lần đầu'}: phiên bản ${current.version} nhận lúc ${formatDateTime(current.submittedAt)}`}
        {current.late ? ` · nộp trễ ${current.daysLate} ngày` : ' · đúng hạn'}
      </Typography.Paragraph>

      {resubmission && (
        <Alert
          className="block-gap"
          type="info"
          showIcon
          title="Đơn vị đã nộp lại sau khi bị trả lại"
          description={
            diffError
              ? messageOf(diffError)
              : diff?.unchanged
                ? 'Phiên bản này không thay đổi gì so với phiên bản trước.'
                : 'Phiên bản trước được đặt bên cạnh; những chỗ thay đổi được đánh dấu.'
          }
        />
      )}
      {resubmission && lastReturn && (
        <Block id="last-return" title="Lý do đã trả lại lần trước">
          <ul className="reason-list">
            {lastReturn.reasons.map((r, i) => (
              <li key={i}>
                <strong>{r.sectionCode && byCode.get(r.sectionCode) ? sectionTitle(byCode.get(r.sectionCode)!) : 'Chung'}:</strong>{' '}
                {r.reason}
              </li>
            ))}
          </ul>
        </Block>
      )}

      <RuleFindings violations={violations} template={template} />

      {shown.length === 0 && <Alert className="block-gap" type="warning" title="Báo cáo không có số liệu và nội dung nào." />}
      {shown.map((s) => (
        <Block key={s.code} id={`section-${s.code.replace(/\W/g, '-')}`} title={sectionTitle(s)}>
          <FigureTable
            indicators={template.indicators.filter((i) => i.sectionCode === s.code && (figures[i.code] || before[i.code]))}
            figures={figures}
            before={resubmission ? before : undefined}
            changes={changes}
          />
          <Narrative
            now={current.narrative[s.code]}
            before={resubmission ? previous?.narrative[s.code] : undefined}
            changed={narrativeChanged.has(s.code)}
            resubmission={resubmission}
          />
        </Block>
      ))}

      {canDecide && (
        // Ant Design's default red (#ff4d4f) reads at 3.3:1 on white; a darker one keeps 4.5:1 for "Trả lại".
        <ConfigProvider theme={{ token: { colorError: '#cf1322' } }}>
          <Decision submission={submission} sections={sections} />
        </ConfigProvider>
      )}
    </div>
  );
}
