import { Alert, Modal, Typography } from 'antd';
import type { FigureValue } from '@domain/templates/report-template';
import { describeFigure, narrativeSections, type ReportTemplate, type SubmissionContent, type Violation } from './form/form-model';
import { reportName } from '../../format';
import type { Submission } from './submission.hooks';

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** The confirmation before sending: what goes out (figures, sections with text) and the warnings to accept. */
export function SubmitConfirm(props: {
  open: boolean;
  submitting: boolean;
  resubmit: boolean;
  submission: Submission;
  template: ReportTemplate;
  content: SubmissionContent;
  warnings: Violation[];
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const { template, content, warnings, submission } = props;
  const figures = template.indicators.filter((i) => content.figures[i.code] !== undefined);
  const sections = narrativeSections(template);
  const written = sections.filter((s) => content.narrative[s.code]);
  const verb = props.resubmit ? 'Nộp lại' : 'Nộp';
  return (
    <Modal
      open={props.open}
      title={`${verb} ${lowerFirst(reportName(submission.reportTitle, submission.periodLabel))}?`}
      okText={warnings.length > 0 ? `Vẫn ${verb.toLowerCase()} báo cáo` : `${verb} báo cáo`}
      cancelText="Quay lại sửa"
      onOk={props.onConfirm}
      onCancel={props.onCancel}
      confirmLoading={props.submitting}
      width={720}
    >
      <Typography.Paragraph>
        Báo cáo của <strong>{submission.unitName}</strong> sẽ được gửi đến cơ quan thẩm định. Sau khi gửi, bạn không sửa được nữa trừ khi
        báo cáo bị trả lại.
      </Typography.Paragraph>
      {warnings.length > 0 && (
        <Alert
          type="warning"
          showIcon
          className="block-gap"
          title="Xin kiểm tra lại các lưu ý sau (báo cáo vẫn gửi được, người thẩm định sẽ thấy các lưu ý này):"
          description={
            <ul className="plain-list-bullets">
              {warnings.map((w) => (
                <li key={w.code}>{w.messageVi}</li>
              ))}
            </ul>
          }
        />
      )}
      <Typography.Title level={3} className="confirm-heading">
        Số liệu ({figures.length}/{template.indicators.length} chỉ tiêu)
      </Typography.Title>
      {figures.length === 0 ? (
        <Typography.Paragraph type="secondary">Không có số liệu.</Typography.Paragraph>
      ) : (
        <ul className="confirm-figures">
          {figures.map((i) => (
            <li key={i.code}>
              <span>{i.name}</span>
              <strong>{describeFigure(i, content.figures[i.code] as FigureValue)}</strong>
            </li>
          ))}
        </ul>
      )}
      <Typography.Title level={3} className="confirm-heading">
        Nội dung ({written.length}/{sections.length} mục có nội dung)
      </Typography.Title>
      {written.length < sections.length && (
        <Typography.Paragraph type="secondary">
          Chưa có nội dung:{' '}
          {sections
            .filter((s) => !content.narrative[s.code])
            .map((s) => `${s.code}. ${s.title}`)
            .join('; ')}
          .
        </Typography.Paragraph>
      )}
    </Modal>
  );
}
