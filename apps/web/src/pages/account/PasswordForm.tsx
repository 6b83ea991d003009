import { Alert, Button, Form, Input } from 'antd';
import { messageOf } from '../../api/client';
import { useChangePassword } from '../../hooks/session';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Change the password: current one, new one twice. */
export function PasswordForm({ onDone, currentLabel = 'Mật khẩu hiện tại' }: { onDone?: () => void; currentLabel?: string }) {
  const [form] = Form.useForm<Values>();
  const change = useChangePassword();
  const onFinish = (v: Values) =>
    change.mutate(
      { currentPassword: v.currentPassword, newPassword: v.newPassword },
      {
        onSuccess: () => {
          form.resetFields();
          onDone?.();
        },
      },
    );
  return (
    <Form<Values> form={form} layout="vertical" onFinish={onFinish} requiredMark={false} className="form-narrow">
      {change.error && <Alert type="error" showIcon role="alert" title={messageOf(change.error)} className="block-gap" />}
      {change.isSuccess && <Alert type="success" showIcon role="status" title="Đã đổi mật khẩu." className="block-gap" />}
      <Form.Item label={currentLabel} name="currentPassword" rules={[{ required: true, message: 'Nhập mật khẩu hiện tại.' }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        label="Mật khẩu mới"
        name="newPassword"
        extra="Ít nhất 10 ký tự."
        rules={[
          { required: true, message: 'Nhập mật khẩu mới.' },
          { min: 10, message: 'Mật khẩu mới phải có ít nhất 10 ký tự.' },
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        label="Nhập lại mật khẩu mới"
        name="confirm"
        dependencies={['newPassword']}
        rules={[
          { required: true, message: 'Nhập lại mật khẩu mới.' },
          ({ getFieldValue }) => ({
            validator: (_, value) =>
              !value || getFieldValue('newPassword') === value
                ? Promise.resolve()
                : Promise.reject(new Error('Hai lần nhập mật khẩu mới không khớp.')),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={change.isPending}>
        Đổi mật khẩu
      </Button>
    </Form>
  );
}
