import { Alert, Space, Typography } from 'antd';
import { statusTone, ToneTag } from '../../components/ToneTag';
import { useMemo, type ReactNode } from 'react';
import { useParams } from 'react-router';
import { PageTitle } from '../../components/PageTitle';
import { ErrorNotice, Loading } from '../../components/QueryState';
import { formatDate, reportName } from '../../format';
import { EditSubmission } from './EditSubmission';
import { ReadOnlySubmission } from './ReadOnlySubmission';
import { STATUS_LABELS, useSubmission, useTemplate, type Submission } from './submission.hooks';
import { templateForUnitKind } from '@domain/templates/report-template';
import type { ReportTemplate } from './form/form-model';

export interface ReviewViewProps {
  submission: Submission;
  template: ReportTemplate;
}

/**
 * /cycles/:cycleId/units/:unitId — a unit's submission: the form when the user may save or submit it, the
 * review page (given by the router, pages/review) when they may approve or return it, else read-only with
 * its history. What the user may do comes from the server (allowedActions), never from roles here.
 */
export function UnitSubmissionPage({ review }: { review?: (props: ReviewViewProps) => ReactNode }) {
  const { cycleId = '', unitId = '' } = useParams();
  const submission = useSubmission(cycleId, unitId);
  const template = useTemplate(submission.data?.templateId, submission.data?.templateVersion);
  // A unit sees only the sections its kind answers (the server refuses figures for the others).
  const unitKind = submission.data?.unitKind;
  const form = useMemo(
    () => (template.data && unitKind ? templateForUnitKind(template.data, unitKind) : template.data),
    [template.data, unitKind],
  );

  if (submission.isPending || (submission.data && template.isPending)) return <Loading label="Đang mở báo cáo…" />;
  if (submission.error || !submission.data) return <ErrorNotice error={submission.error} onRetry={() => submission.refetch()} />;
  if (template.error || !template.data || !form) return <ErrorNotice error={template.error} onRetry={() => template.refetch()} />;
  const s = submission.data;
  const t = form;
  const editable = s.allowedActions.includes('save-draft') || s.allowedActions.includes('submit');
  const reviewable = s.allowedActions.includes('approve') || s.allowedActions.includes('return');

  return (
    <>
      <PageTitle>{reportName(s.reportTitle, s.periodLabel)}</PageTitle>
      <Space wrap size={[16, 4]} className="block-gap submission-meta">
        <Typography.Text strong>{s.unitName}</Typography.Text>
        <span>Hạn nộp: {formatDate(s.deadline)}</span>
        <ToneTag tone={statusTone(s.status)}>{STATUS_LABELS[s.status] ?? 'Không rõ'}</ToneTag>
      </Space>
      {reviewable && review ? (
        review({ submission: s, template: t })
      ) : editable ? (
        <EditSubmission key={s.cycleId + s.unitId} submission={s} template={t} />
      ) : (
        <ReadOnlySubmission submission={s} template={t} />
      )}
      {reviewable && !review && !editable && (
        <Alert type="info" showIcon className="block-gap-top" title="Trang thẩm định báo cáo đang được xây dựng." />
      )}
    </>
  );
}
