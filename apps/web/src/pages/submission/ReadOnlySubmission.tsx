import { Alert } from 'antd';
import { useMemo } from 'react';
import { formatDateTime } from '../../format';
import { check, entriesOf, type FormState, type ReportTemplate } from './form/form-model';
import { SubmissionForm } from './form/SubmissionForm';
import { SubmissionHistory } from './SubmissionHistory';
import type { Submission } from './submission.hooks';

/** A submission the user may only read: the latest version sent (or the draft), and the history. */
export function ReadOnlySubmission({ submission, template }: { submission: Submission; template: ReportTemplate }) {
  const latest = submission.versions[submission.versions.length - 1];
  const state: FormState = useMemo(() => {
    const from = latest ?? submission.draft;
    return {
      entries: entriesOf(from?.figures as Record<string, unknown> | undefined),
      narrative: (from?.narrative ?? {}) as Record<string, string>,
    };
  }, [latest, submission.draft]);
  const checked = useMemo(() => check(template, state), [template, state]);
  let notice: string;
  if (submission.status === 'approved') notice = `Báo cáo đã được duyệt (lần ${submission.approvedVersion}).`;
  else if (latest && (submission.status === 'submitted' || submission.status === 'resubmitted'))
    notice = `Báo cáo lần ${latest.version} đã được gửi lúc ${formatDateTime(latest.submittedAt)} và đang chờ thẩm định.`;
  else if (!latest) notice = 'Đơn vị chưa nộp báo cáo này.';
  else notice = 'Báo cáo hiện không sửa được.';
  return (
    <>
      <Alert type={submission.status === 'approved' ? 'success' : 'info'} showIcon className="block-gap" title={notice} />
      {(latest || submission.draft) && <SubmissionForm template={template} state={state} checked={checked} readOnly />}
      {submission.versions.length > 0 && <SubmissionHistory submission={submission} template={template} />}
    </>
  );
}
