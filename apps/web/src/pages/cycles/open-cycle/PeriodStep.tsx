import { Alert, DatePicker, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { messageOf } from '../../../api/client';
import { formatDate } from '../../../format';
import type { PeriodSuggestion } from '../open-cycle.hooks';
import { PERIOD_KINDS, QUARTERS } from '../open-cycle.model';
import { DATE_FORMAT, STEP_TITLES } from './open-cycle.form';
import { PreviousCycleField } from './PreviousCycleField';

type Props = {
  hidden: boolean;
  templates: { id: string; title: string }[];
  kind: string | undefined;
  suggestion: { data?: PeriodSuggestion; error: unknown };
  issuerId: string | undefined;
};

/** Step 1: the template, the kind of period and its year (the ND 09/2019 window filled in), the cycle compared with. */
export function PeriodStep({ hidden, templates, kind, suggestion, issuerId }: Props) {
  return (
    <section hidden={hidden} aria-label={STEP_TITLES[0]}>
      <Typography.Title level={2}>{STEP_TITLES[0]}</Typography.Title>
      <Form.Item name="templateId" label="Mẫu báo cáo" rules={[{ required: true, message: 'Chọn mẫu báo cáo.' }]}>
        <Select options={templates.map((t) => ({ value: t.id, label: t.title }))} />
      </Form.Item>
      <Space wrap size="middle" align="start">
        <Form.Item name="kind" label="Loại kỳ báo cáo" rules={[{ required: true, message: 'Chọn loại kỳ báo cáo.' }]}>
          <Select className="w-12" options={PERIOD_KINDS} />
        </Form.Item>
        {kind === 'quarter' && (
          <Form.Item name="index" label="Quý" rules={[{ required: true, message: 'Chọn quý.' }]}>
            <Select className="w-8" options={QUARTERS} />
          </Form.Item>
        )}
        <Form.Item
          name="year"
          label="Năm"
          rules={[
            { required: true, message: 'Nhập năm báo cáo.' },
            { type: 'number', min: 2000, max: 2100, message: 'Năm từ 2000 đến 2100.' },
          ]}
        >
          <InputNumber className="w-8" min={2000} max={2100} controls={false} />
        </Form.Item>
      </Space>
      {suggestion.error ? <Alert type="warning" showIcon title={messageOf(suggestion.error)} /> : null}
      {suggestion.data && (
        <Alert
          type="info"
          showIcon
          className="suggestion-note"
          title={`Theo Nghị định 09/2019/NĐ-CP: số liệu từ ngày ${formatDate(suggestion.data.dataFrom)} đến ngày ${formatDate(suggestion.data.dataTo)}; hạn nộp sớm nhất ngày ${formatDate(suggestion.data.earliestDeadline)}. Các ngày đã được điền sẵn, có thể sửa.`}
        />
      )}
      <Form.Item
        name="label"
        label="Tên kỳ báo cáo"
        rules={[{ required: true, whitespace: true, message: 'Nhập tên kỳ báo cáo, ví dụ "năm 2026".' }]}
      >
        <Input maxLength={200} />
      </Form.Item>
      <Space wrap size="middle" align="start">
        <Form.Item name="dataFrom" label="Số liệu từ ngày" rules={[{ required: true, message: 'Chọn ngày bắt đầu lấy số liệu.' }]}>
          <DatePicker format={DATE_FORMAT} placeholder="dd/mm/yyyy" />
        </Form.Item>
        <Form.Item
          name="dataTo"
          label="Đến ngày (chốt số liệu)"
          dependencies={['dataFrom']}
          rules={[
            { required: true, message: 'Chọn ngày chốt số liệu.' },
            ({ getFieldValue }) => ({
              validator: (_, value: Dayjs | undefined) =>
                !value || !getFieldValue('dataFrom') || !value.isBefore(getFieldValue('dataFrom'), 'day')
                  ? Promise.resolve()
                  : Promise.reject(new Error('Ngày chốt số liệu không được trước ngày bắt đầu.')),
            }),
          ]}
        >
          <DatePicker format={DATE_FORMAT} placeholder="dd/mm/yyyy" />
        </Form.Item>
      </Space>
      <PreviousCycleField issuerId={issuerId} />
    </section>
  );
}
