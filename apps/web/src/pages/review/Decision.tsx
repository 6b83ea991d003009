import { CheckOutlined, MinusCircleOutlined, PlusOutlined, RollbackOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { type Section } from '@domain/templates/report-template';
import { messageOf } from '../../api/client';
import { nextWaiting, useDecide, type ReturnReason, type Submission } from './review.hooks';
import { sectionTitle } from './FigureTable';

interface ReturnForm {
  reasons: { sectionCode?: string; reason?: string }[];
}

export function Decision({ submission, sections }: { submission: Submission; sections: Section[] }) {
  const decide = useDecide(submission);
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [returning, setReturning] = useState(false);
  const [confirmApprove, setConfirmApprove] = useState(false);
  const [form] = Form.useForm<ReturnForm>();
  const { cycleId, unitId, unitName } = submission;

  const afterDecision = async (done: string) => {
    message.success(done);
    const next = await nextWaiting({ cycleId, unitId }).catch(() => null);
    navigate(next ? `/cycles/${next.cycleId}/units/${next.unitId}` : '/reviews');
  };
  const approve = () =>
    decide.mutate(
      { kind: 'approve' },
      {
        onSuccess: () => {
          setConfirmApprove(false);
          void afterDecision(`Đã duyệt báo cáo của ${unitName}.`);
        },
      },
    );
  const sendReturn = (values: ReturnForm) => {
    const reasons: ReturnReason[] = values.reasons.map((r) => ({
      ...(r.sectionCode ? { sectionCode: r.sectionCode } : {}),
      reason: (r.reason ?? '').trim(),
    }));
    decide.mutate(
      { kind: 'return', reasons },
      {
        onSuccess: () => {
          setReturning(false);
          form.resetFields();
          void afterDecision(`Đã trả lại báo cáo của ${unitName}.`);
        },
      },
    );
  };

  return (
    <Card className="decision-bar" size="small">
      {decide.error && !returning && !confirmApprove && (
        <Alert className="block-gap" type="error" showIcon title={messageOf(decide.error)} />
      )}
      <Space wrap>
        {submission.allowedActions.includes('approve') && (
          <Button type="primary" icon={<CheckOutlined aria-hidden />} onClick={() => setConfirmApprove(true)}>
            Duyệt báo cáo
          </Button>
        )}
        {submission.allowedActions.includes('return') && (
          <Button danger icon={<RollbackOutlined aria-hidden />} onClick={() => setReturning(true)}>
            Trả lại
          </Button>
        )}
      </Space>

      <Modal
        title="Duyệt báo cáo"
        open={confirmApprove}
        okText="Duyệt"
        cancelText="Hủy"
        confirmLoading={decide.isPending}
        onOk={approve}
        onCancel={() => setConfirmApprove(false)}
      >
        <p>{`Duyệt phiên bản ${submission.versions.at(-1)?.version} báo cáo của ${unitName}? Số liệu đã duyệt sẽ được đưa vào báo cáo tổng hợp.`}</p>
        {decide.error && <Alert type="error" showIcon title={messageOf(decide.error)} />}
      </Modal>

      <Modal
        title="Trả lại báo cáo"
        open={returning}
        okText="Gửi trả lại"
        okButtonProps={{ danger: true }}
        cancelText="Hủy"
        confirmLoading={decide.isPending}
        onOk={() => form.submit()}
        onCancel={() => setReturning(false)}
        width={640}
        forceRender
      >
        <p>Nêu từng lý do và mục của báo cáo mà lý do đó nói đến; đơn vị sẽ thấy lý do ngay tại mục tương ứng.</p>
        <Form<ReturnForm> form={form} layout="vertical" onFinish={sendReturn} initialValues={{ reasons: [{}] }} requiredMark={false}>
          <Form.List name="reasons">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, index) => (
                  <fieldset key={field.key} className="reason-fieldset">
                    <legend>{`Lý do ${index + 1}`}</legend>
                    <Form.Item
                      name={[field.name, 'sectionCode']}
                      label="Mục"
                      rules={[{ required: true, message: 'Chọn mục của báo cáo.' }]}
                    >
                      <Select
                        aria-label={`Mục của lý do ${index + 1}`}
                        placeholder="Chọn mục"
                        showSearch={{ optionFilterProp: 'label' }}
                        options={sections.map((s) => ({ value: s.code, label: sectionTitle(s) }))}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'reason']}
                      label="Lý do"
                      rules={[{ required: true, whitespace: true, message: 'Nhập lý do trả lại.' }]}
                    >
                      <Input.TextArea aria-label={`Lý do ${index + 1}`} rows={3} maxLength={4000} />
                    </Form.Item>
                    {fields.length > 1 && (
                      <Button
                        type="link"
                        danger
                        icon={<MinusCircleOutlined aria-hidden />}
                        onClick={() => remove(field.name)}
                      >{`Bỏ lý do ${index + 1}`}</Button>
                    )}
                  </fieldset>
                ))}
                <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({})}>
                  Thêm lý do
                </Button>
              </>
            )}
          </Form.List>
        </Form>
        {decide.error && <Alert className="block-gap-top" type="error" showIcon title={messageOf(decide.error)} />}
      </Modal>
    </Card>
  );
}
