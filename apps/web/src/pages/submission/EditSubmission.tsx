import { Alert, App, Button, Modal, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { messageOf } from '../../api/client';
import { formatTime } from '../../format';
import { check, contentOf, entriesOf, type FormState, type ReportTemplate } from './form/form-model';
import { SubmissionForm } from './form/SubmissionForm';
import { openReturn } from './returns';
import { ReturnNotice } from './ReturnNotice';
import { SubmissionHistory } from './SubmissionHistory';
import { SubmitConfirm } from './SubmitConfirm';
import { submissionKey, submitSubmission, useSetSubmission, type Submission } from './submission.hooks';
import { useAutosave, type SaveStatus } from './useAutosave';

/** What the form starts from: the saved draft, else the last version sent (a returned one is edited), else nothing. */
function initialState(s: Submission): FormState {
  const from = s.draft ?? s.versions[s.versions.length - 1];
  return {
    entries: entriesOf(from?.figures as Record<string, unknown> | undefined),
    narrative: { ...((from?.narrative ?? {}) as Record<string, string>) },
  };
}

function SaveLine({ status, onRetry }: { status: SaveStatus; onRetry: () => void }) {
  let text: React.ReactNode = null;
  switch (status.kind) {
    case 'pending':
      text = 'Có thay đổi chưa lưu…';
      break;
    case 'saving':
      text = 'Đang lưu…';
      break;
    case 'saved':
      text = `Đã lưu lúc ${formatTime(status.at)}`;
      break;
    case 'error':
      text = (
        <>
          Chưa lưu được: {messageOf(status.error)}{' '}
          <Button size="small" onClick={onRetry}>
            Thử lại
          </Button>
        </>
      );
      break;
    case 'conflict':
      text = 'Chưa lưu: báo cáo vừa được thay đổi ở nơi khác.';
      break;
    default:
      text = 'Bản nháp được tự động lưu khi bạn nhập.';
  }
  return (
    <div className="save-line" role="status" aria-live="polite">
      {text}
    </div>
  );
}

export function EditSubmission({ submission, template }: { submission: Submission; template: ReportTemplate }) {
  const [state, setState] = useState<FormState>(() => initialState(submission));
  const [showAll, setShowAll] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<unknown>(null);
  const setSubmission = useSetSubmission();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const autosave = useAutosave(submission, (s) =>
    qc.setQueryData(submissionKey(s.cycleId, s.unitId), (old: Submission | undefined) =>
      old ? { ...old, streamVersion: s.streamVersion, status: s.status, draft: s.draft } : s,
    ),
  );
  const checked = useMemo(() => check(template, state), [template, state]);
  const ret = openReturn(submission);
  const resubmit = submission.versions.length > 0;
  const canSubmit = submission.allowedActions.includes('submit');
  const canSave = submission.allowedActions.includes('save-draft');

  const onChange = (next: FormState) => {
    setState(next);
    if (canSave) autosave.schedule(contentOf(template, next));
  };

  const onSubmitClick = () => {
    setShowAll(true);
    setSubmitError(null);
    if (checked.errorCount > 0) {
      void message.error(`Còn ${checked.errorCount} lỗi cần sửa trước khi nộp.`);
      setTimeout(() => (document.querySelector('.indicator.has-error input') as HTMLInputElement | null)?.focus(), 0);
      return;
    }
    setConfirming(true);
  };

  const doSubmit = async () => {
    setSubmitting(true);
    try {
      const version = await autosave.settle();
      const sent = await submitSubmission(submission.cycleId, submission.unitId, version, contentOf(template, state));
      autosave.adopt(sent);
      setConfirming(false);
      setSubmission(sent);
      window.scrollTo({ top: 0 });
      void message.success(resubmit ? 'Đã nộp lại báo cáo.' : 'Đã nộp báo cáo.');
    } catch (err) {
      setSubmitError(err);
      setConfirming(false);
    } finally {
      setSubmitting(false);
    }
  };

  const reload = async () => {
    await qc.resetQueries({ queryKey: submissionKey(submission.cycleId, submission.unitId) });
    navigate(0);
  };

  return (
    <>
      {ret && <ReturnNotice ret={ret} template={template} />}
      <div className="form-toolbar">
        <SaveLine status={autosave.status} onRetry={() => void autosave.flush()} />
      </div>
      {submitError !== null && <Alert type="error" showIcon role="alert" className="block-gap" title={messageOf(submitError)} />}
      <SubmissionForm
        template={template}
        state={state}
        checked={checked}
        onChange={onChange}
        showAll={showAll}
        returnReasons={ret?.reasons}
      />
      <div className="submit-bar">
        <Space wrap>
          {showAll && checked.errorCount > 0 && (
            <Typography.Text type="danger">Còn {checked.errorCount} lỗi cần sửa trước khi nộp.</Typography.Text>
          )}
          {canSubmit && (
            <Button type="primary" size="large" onClick={onSubmitClick} disabled={autosave.status.kind === 'conflict'}>
              {resubmit ? 'Nộp lại báo cáo' : 'Nộp báo cáo'}
            </Button>
          )}
        </Space>
      </div>
      {submission.versions.length > 0 && <SubmissionHistory submission={submission} template={template} />}
      <SubmitConfirm
        open={confirming}
        submitting={submitting}
        resubmit={resubmit}
        submission={submission}
        template={template}
        content={contentOf(template, state)}
        warnings={checked.warnings}
        onCancel={() => setConfirming(false)}
        onConfirm={doSubmit}
      />
      <Modal
        open={autosave.status.kind === 'conflict'}
        title="Báo cáo vừa được thay đổi ở nơi khác"
        closable={false}
        maskClosable={false}
        keyboard={false}
        footer={
          <Button type="primary" onClick={reload}>
            Tải lại báo cáo
          </Button>
        }
      >
        <p>
          Trong lúc bạn nhập, báo cáo này đã được lưu từ một cửa sổ khác hoặc bởi một đồng nghiệp. Để không ghi đè lên nội dung đó, hệ thống
          đã dừng tự động lưu.
        </p>
        <p>Bấm “Tải lại báo cáo” để xem bản mới nhất; những gì bạn vừa nhập sau lần lưu cuối sẽ không được giữ.</p>
      </Modal>
    </>
  );
}
