import { Alert, Button, Card, Typography } from 'antd';
import { useNavigate } from 'react-router';
import type { Me } from '../../hooks/session';
import { useLogout } from '../../hooks/session';
import { PasswordForm } from './PasswordForm';

/** After an administrator's reset: only this form until the password is changed (every other call answers 403). */
export function ForcedPasswordChange({ me }: { me: Me }) {
  const logout = useLogout();
  const navigate = useNavigate();
  return (
    <main className="login-page">
      <Card className="login-card">
        <Typography.Title level={1} className="login-title">
          Đổi mật khẩu
        </Typography.Title>
        <Alert
          type="warning"
          showIcon
          className="block-gap"
          title={`Chào ${me.displayName}. Mật khẩu của bạn vừa được quản trị viên đặt lại.`}
          description="Vui lòng đặt mật khẩu mới trước khi tiếp tục làm việc."
        />
        <PasswordForm currentLabel="Mật khẩu tạm thời" />
        <Button
          type="link"
          className="block-gap-top"
          onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) })}
        >
          Đăng xuất
        </Button>
      </Card>
    </main>
  );
}
