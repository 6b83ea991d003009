import { Checkbox, DatePicker, Form, Input, Typography } from 'antd';
import { DATE_FORMAT, STEP_TITLES } from './open-cycle.form';

/** Step 2: the requesting document from above, when the cycle answers one (quoted in the report's opening). */
export function RequestStep({ hidden, hasRequest }: { hidden: boolean; hasRequest: boolean | undefined }) {
  return (
    <section hidden={hidden} aria-label={STEP_TITLES[1]}>
      <Typography.Title level={2}>{STEP_TITLES[1]}</Typography.Title>
      <Form.Item name="hasRequest" valuePropName="checked">
        <Checkbox>Kỳ báo cáo này thực hiện theo văn bản yêu cầu của cơ quan cấp trên</Checkbox>
      </Form.Item>
      {hasRequest && (
        <>
          <Form.Item
            name="requestReference"
            label="Số, ký hiệu văn bản"
            rules={[{ required: true, whitespace: true, message: 'Nhập số, ký hiệu văn bản yêu cầu.' }]}
          >
            <Input maxLength={200} placeholder="Ví dụ: 1257/SNV-XDCQ&TCBM" />
          </Form.Item>
          <Form.Item name="requestDate" label="Ngày văn bản" rules={[{ required: true, message: 'Chọn ngày của văn bản yêu cầu.' }]}>
            <DatePicker format={DATE_FORMAT} placeholder="dd/mm/yyyy" />
          </Form.Item>
          <Form.Item
            name="requestIssuer"
            label="Cơ quan ban hành"
            rules={[{ required: true, whitespace: true, message: 'Nhập cơ quan ban hành văn bản yêu cầu.' }]}
          >
            <Input maxLength={200} placeholder="Ví dụ: Ban Dân vận Tỉnh ủy" />
          </Form.Item>
        </>
      )}
    </section>
  );
}
