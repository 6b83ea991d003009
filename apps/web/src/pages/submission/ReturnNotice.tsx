import { Alert } from 'antd';
import type { ReportTemplate } from './form/form-model';
import { sectionTitle } from './form/form-model';
import type { Submission } from './submission.hooks';

/** At the top of a returned submission: every reason, each with the section it concerns (a link to it). */
export function ReturnNotice({ ret, template }: { ret: Submission['returns'][number]; template: ReportTemplate }) {
  return (
    <Alert
      type="error"
      showIcon
      className="block-gap"
      title={`Báo cáo lần ${ret.version} đã bị trả lại. Đề nghị sửa theo ${ret.reasons.length} ý kiến dưới đây rồi nộp lại.`}
      description={
        <ul className="return-reasons">
          {ret.reasons.map((r, i) => {
            const title = sectionTitle(template, r.sectionCode);
            return (
              <li key={i}>
                {title ? <a href={`#muc-${r.sectionCode}`}>Mục {title}</a> : <strong>Chung</strong>}: {r.reason}
              </li>
            );
          })}
        </ul>
      }
    />
  );
}
