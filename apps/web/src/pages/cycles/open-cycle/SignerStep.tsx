import { Alert, Descriptions, Form, Input, Select, Typography } from 'antd';
import { messageOf } from '../../../api/client';
import { formatDate } from '../../../format';
import { AUTHORITIES, toIso } from '../open-cycle.model';
import { STEP_TITLES, type FormValues } from './open-cycle.form';

type Props = { hidden: boolean; issuerName: string | undefined; unitCount: number; error: unknown };

/** Step 5: the number's symbol, who signs and on whose behalf, the summary of the whole form. */
export function SignerStep({ hidden, issuerName, unitCount, error }: Props) {
  return (
    <section hidden={hidden} aria-label={STEP_TITLES[4]}>
      <Typography.Title level={2}>{STEP_TITLES[4]}</Typography.Title>
      <Form.Item label="Cơ quan ban hành báo cáo" htmlFor="open-cycle-issuing-body">
        <Input id="open-cycle-issuing-body" value={issuerName ?? ''} readOnly />
      </Form.Item>
      <Form.Item
        name="issuingSymbol"
        label="Ký hiệu cơ quan trong số văn bản (ví dụ HU trong “Số 456-BC/HU”)"
        rules={[{ required: true, whitespace: true, message: 'Nhập ký hiệu cơ quan ban hành.' }]}
      >
        <Input maxLength={40} className="w-8" />
      </Form.Item>
      <Form.Item name="signerAuthority" label="Thẩm quyền ký" rules={[{ required: true, message: 'Chọn thẩm quyền ký.' }]}>
        <Select className="w-20" options={AUTHORITIES} />
      </Form.Item>
      <Form.Item
        name="signerTitle"
        label="Chức vụ người ký"
        rules={[{ required: true, whitespace: true, message: 'Nhập chức vụ người ký.' }]}
      >
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item
        name="signerName"
        label="Họ và tên người ký"
        rules={[{ required: true, whitespace: true, message: 'Nhập họ và tên người ký.' }]}
      >
        <Input maxLength={200} />
      </Form.Item>
      <Summary unitCount={unitCount} />
      {error ? <Alert type="error" showIcon role="alert" title="Chưa mở được kỳ báo cáo" description={messageOf(error)} /> : null}
    </section>
  );
}

function Summary({ unitCount }: { unitCount: number }) {
  const form = Form.useFormInstance<FormValues>();
  const v = Form.useWatch([], form) as Partial<FormValues> | undefined;
  const all = { ...(form.getFieldsValue(true) as Partial<FormValues>), ...(v ?? {}) };
  return (
    <Descriptions
      title="Tóm tắt"
      size="small"
      column={1}
      bordered
      items={[
        { key: 'period', label: 'Kỳ báo cáo', children: all.label ?? '' },
        { key: 'window', label: 'Số liệu', children: `${formatDate(toIso(all.dataFrom))} – ${formatDate(toIso(all.dataTo))}` },
        { key: 'deadline', label: 'Hạn nộp chung', children: formatDate(toIso(all.submissionDeadline)) },
        { key: 'units', label: 'Số đơn vị báo cáo', children: String(unitCount) },
        ...(all.hasRequest
          ? [
              {
                key: 'request',
                label: 'Văn bản yêu cầu',
                children: `${all.requestReference ?? ''} ngày ${formatDate(toIso(all.requestDate))} của ${all.requestIssuer ?? ''}`,
              },
            ]
          : []),
      ]}
    />
  );
}
