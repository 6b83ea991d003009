import { Collapse, Typography } from 'antd';
import { ToneTag } from '../../components/ToneTag';
import { useMemo } from 'react';
import { formatDateTime } from '../../format';
import { check, entriesOf, sectionTitle, type FormState, type ReportTemplate } from './form/form-model';
import { SubmissionForm } from './form/SubmissionForm';
import type { Submission, SubmissionVersion } from './submission.hooks';

function VersionBody({ v, template, submission }: { v: SubmissionVersion; template: ReportTemplate; submission: Submission }) {
  const state: FormState = useMemo(
    () => ({ entries: entriesOf(v.figures as Record<string, unknown>), narrative: v.narrative as Record<string, string> }),
    [v],
  );
  const checked = useMemo(() => check(template, state), [template, state]);
  const ret = submission.returns.find((r) => r.version === v.version);
  return (
    <>
      {ret && (
        <div className="block-gap">
          <Typography.Text strong>Ý kiến khi trả lại:</Typography.Text>
          <ul className="return-reasons">
            {ret.reasons.map((r, i) => (
              <li key={i}>
                {sectionTitle(template, r.sectionCode) ? `Mục ${sectionTitle(template, r.sectionCode)}` : 'Chung'}: {r.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
      <SubmissionForm template={template} state={state} checked={checked} readOnly />
    </>
  );
}

/** The unit's own history: each version sent, when, whether late, and what became of it. */
export function SubmissionHistory({ submission, template }: { submission: Submission; template: ReportTemplate }) {
  const outcome = (v: SubmissionVersion) =>
    submission.approvedVersion === v.version ? (
      <ToneTag tone="success">Đã duyệt</ToneTag>
    ) : submission.returns.some((r) => r.version === v.version) ? (
      <ToneTag tone="danger">Bị trả lại</ToneTag>
    ) : v.version === submission.versions.length ? (
      <ToneTag tone="info">Chờ duyệt</ToneTag>
    ) : null;
  return (
    <section className="history" aria-labelledby="history-heading">
      <h2 id="history-heading" className="section-heading">
        Các lần đã nộp
      </h2>
      <Collapse
        items={[...submission.versions].reverse().map((v) => ({
          key: String(v.version),
          label: (
            <span className="history-label">
              <strong>
                Lần {v.version}
                {v.kind === 'correction' ? ' (đính chính)' : ''}
              </strong>
              <span>gửi lúc {formatDateTime(v.submittedAt)}</span>
              {v.late && <ToneTag tone="warning">Nộp muộn {v.daysLate} ngày</ToneTag>}
              {outcome(v)}
            </span>
          ),
          children: <VersionBody v={v} template={template} submission={submission} />,
        }))}
      />
    </section>
  );
}
