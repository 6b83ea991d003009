import { Alert, Button, Card, Form, Switch, TimePicker, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { messageOf } from '../../api/client';
import { PageTitle } from '../../components/PageTitle';
import { QueryState } from '../../components/QueryState';
import { usePreferences, useUpdatePreferences } from '../../hooks/notifications';
import { useMe } from '../../hooks/session';
import { PasswordForm } from './PasswordForm';

interface PrefValues {
  emailEnabled: boolean;
  digestTime: Dayjs;
}

const ROLE_LABELS: Record<string, string> = {
  admin: 'Quản trị hệ thống',
  coordinator: 'Chuyên viên điều phối',
  reporter: 'Cán bộ báo cáo của đơn vị',
  reviewer: 'Lãnh đạo thẩm định',
  standing: 'Thường trực cấp ủy',
  signer: 'Ủy viên Ban Thường vụ',
  clerk: 'Văn thư',
};

export function AccountPage() {
  const me = useMe();
  const prefs = usePreferences();
  const update = useUpdatePreferences();
  return (
    <>
      <PageTitle>Tài khoản</PageTitle>
      {me.data && (
        <Card className="block-gap">
          <Typography.Paragraph>
            <strong>Họ và tên:</strong> {me.data.displayName}
          </Typography.Paragraph>
          <Typography.Paragraph>
            <strong>Tên đăng nhập:</strong> {me.data.username}
          </Typography.Paragraph>
          <Typography.Paragraph className="no-margin">
            <strong>Vai trò:</strong> {me.data.roles.map((r) => ROLE_LABELS[r] ?? 'Khác').join(', ')}
          </Typography.Paragraph>
        </Card>
      )}
      <Card title={<h2 className="card-heading">Nhận thông báo</h2>} className="block-gap">
        <QueryState query={prefs}>
          {(p) => (
            <Form<PrefValues>
              layout="vertical"
              initialValues={{ emailEnabled: p.emailEnabled, digestTime: dayjs(`2000-01-01T${p.digestTime}`) }}
              onFinish={(v) => update.mutate({ emailEnabled: v.emailEnabled, digestTime: v.digestTime.format('HH:mm') })}
              className="form-narrow"
            >
              {update.error && <Alert type="error" showIcon role="alert" title={messageOf(update.error)} className="block-gap" />}
              {update.isSuccess && (
                <Alert type="success" showIcon role="status" title="Đã lưu cách nhận thông báo." className="block-gap" />
              )}
              <Form.Item
                label="Gửi thông báo qua thư điện tử"
                name="emailEnabled"
                valuePropName="checked"
                extra="Khi tắt, thông báo chỉ hiện trong mục Thông báo của hệ thống."
              >
                <Switch checkedChildren="Bật" unCheckedChildren="Tắt" />
              </Form.Item>
              <Form.Item
                label="Giờ gửi thư tổng hợp hằng ngày"
                name="digestTime"
                rules={[{ required: true, message: 'Chọn giờ gửi thư tổng hợp.' }]}
              >
                <TimePicker format="HH:mm" minuteStep={5} allowClear={false} inputReadOnly />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={update.isPending}>
                Lưu
              </Button>
            </Form>
          )}
        </QueryState>
      </Card>
      <Card title={<h2 className="card-heading">Đổi mật khẩu</h2>}>
        <PasswordForm />
      </Card>
    </>
  );
}
