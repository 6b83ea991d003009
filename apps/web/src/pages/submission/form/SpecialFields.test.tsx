import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { templateForUnitKind, type ReportTemplate } from '@domain/templates/report-template';
import { check, contentOf, entriesOf, type FormState } from './form-model';
import { SubmissionForm } from './SubmissionForm';

/** A section for communes only with a yes/no and a table indicator, and one for every unit. */
const TEMPLATE: ReportTemplate = {
  id: 't',
  version: 1,
  title: 'Mẫu thử',
  sections: [
    { code: 'I', title: 'Kết quả {period}' },
    { code: 'II', title: 'Ở xã', unitKinds: ['DANG_UY_XA'] },
  ],
  indicators: [
    { code: 'BUOI', name: 'Số buổi', unit: 'buổi', sectionCode: 'I', aggregation: 'sum', valueType: 'integer', allowedQualifiers: [] },
    {
      code: 'PBXH',
      name: 'Tổ chức hội nghị phản biện xã hội',
      unit: 'đơn vị',
      sectionCode: 'II',
      aggregation: 'ratio',
      valueType: 'boolean',
      allowedQualifiers: [],
      coverage: { noun: 'xã', activity: 'tổ chức' },
    },
    {
      code: 'HV',
      name: 'Hội viên',
      unit: '',
      sectionCode: 'II',
      aggregation: 'sum',
      valueType: 'table',
      allowedQualifiers: [],
      table: {
        rowSource: 'units',
        rowHeader: 'Đơn vị',
        columns: [
          { code: 'SO', label: 'Số hội viên', valueType: 'integer', aggregation: 'sum' },
          { code: 'TL', label: 'Tỷ lệ', valueType: 'percent', aggregation: 'none' },
        ],
      },
    },
  ],
  rules: [],
};

function Harness({ template, onContent }: { template: ReportTemplate; onContent: (c: ReturnType<typeof contentOf>) => void }) {
  const [state, setState] = useState<FormState>({ entries: {}, narrative: {} });
  return (
    <SubmissionForm
      template={template}
      state={state}
      checked={check(template, state)}
      onChange={(s) => {
        setState(s);
        onContent(contentOf(template, s));
      }}
    />
  );
}

describe('yes/no and table indicators in the form', () => {
  it('a commune answers Có/Không and fills its row of the table; the figures are { value: 1 } and { cells }', async () => {
    let content: ReturnType<typeof contentOf> | undefined;
    render(
      <Harness
        template={templateForUnitKind(TEMPLATE, 'DANG_UY_XA')}
        onContent={(c) => {
          content = c;
        }}
      />,
    );
    expect(screen.getByRole('heading', { name: 'I. Kết quả kỳ báo cáo này' })).toBeTruthy();
    await userEvent.click(screen.getByRole('radio', { name: 'Có' }));
    await userEvent.type(screen.getByLabelText('Hội viên: Đơn vị mình, Số hội viên'), '1.250');
    await userEvent.type(screen.getByLabelText('Hội viên: Đơn vị mình, Tỷ lệ'), '85,5');
    expect(content?.figures).toEqual({ PBXH: { value: 1 }, HV: { cells: { SO: 1250, TL: 85.5 } } });
  });

  it("an organisation does not see the communes' section", () => {
    render(<Harness template={templateForUnitKind(TEMPLATE, 'HND')} onContent={() => undefined} />);
    expect(screen.queryByRole('heading', { name: 'II. Ở xã' })).toBeNull();
    expect(screen.queryByRole('radio', { name: 'Có' })).toBeNull();
  });

  it('saved table figures come back into the form as text', () => {
    expect(entriesOf({ HV: { cells: { SO: 1250 } }, PBXH: { value: 0 } })).toEqual({
      HV: { cells: { SO: '1.250' } },
      PBXH: { value: '0' },
    });
  });
});
