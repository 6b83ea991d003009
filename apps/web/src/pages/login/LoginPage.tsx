import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useEffect } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { messageOf } from '../../api/client';
import { homePath, safeNext, useLogin } from '../../hooks/session';

interface Credentials {
  username: string;
  password: string;
}

export function LoginPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const login = useLogin();
  const next = safeNext(params.get('next'));
  const expired = next !== null;

  useEffect(() => {
    document.title = 'Đăng nhập · Kỳ báo cáo';
  }, []);

  const onFinish = (values: Credentials) => {
    login.mutate(
      { username: values.username.trim(), password: values.password },
      {
        onSuccess: (result) => navigate(next ?? homePath(result.user), { replace: true }),
      },
    );
  };

  return (
    <main className="login-page">
      <Card className="login-card">
        <Typography.Title level={1} className="login-title">
          Kỳ báo cáo
        </Typography.Title>
        <Typography.Paragraph type="secondary">Hệ thống theo dõi, tổng hợp báo cáo định kỳ</Typography.Paragraph>
        {expired && !login.error && <Alert type="info" showIcon title="Vui lòng đăng nhập để tiếp tục." className="block-gap" />}
        {login.error && <Alert type="error" showIcon role="alert" title={messageOf(login.error)} className="block-gap" />}
        <Form<Credentials> layout="vertical" onFinish={onFinish} requiredMark={false}>
          <Form.Item label="Tên đăng nhập" name="username" rules={[{ required: true, whitespace: true, message: 'Nhập tên đăng nhập.' }]}>
            <Input autoComplete="username" autoFocus size="large" />
          </Form.Item>
          <Form.Item label="Mật khẩu" name="password" rules={[{ required: true, message: 'Nhập mật khẩu.' }]}>
            <Input.Password autoComplete="current-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" size="large" block loading={login.isPending}>
            Đăng nhập
          </Button>
        </Form>
      </Card>
    </main>
  );
}
