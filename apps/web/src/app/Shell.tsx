import { BellOutlined, LogoutOutlined, MenuOutlined } from '@ant-design/icons';
import { Badge, Button, Drawer, Grid, Layout, Menu } from 'antd';
import { useState, type ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useInbox } from '../hooks/notifications';
import { menuFor, useLogout, type Me } from '../hooks/session';

/** Header (name, role's menu, bell with the unread count, logout) and the page below it. Phone: the menu in a drawer. */
export function Shell({ me, children }: { me: Me; children: ReactNode }) {
  const screens = Grid.useBreakpoint();
  const phone = !screens.md;
  const location = useLocation();
  const navigate = useNavigate();
  const logout = useLogout();
  const inbox = useInbox();
  const [drawer, setDrawer] = useState(false);
  const entries = menuFor(me);
  const selected = entries.filter((e) => location.pathname === e.path || location.pathname.startsWith(`${e.path}/`)).map((e) => e.path);
  const items = entries.map((e) => ({
    key: e.path,
    label: (
      <Link to={e.path} onClick={() => setDrawer(false)}>
        {e.label}
      </Link>
    ),
  }));
  const unread = inbox.data?.unreadCount ?? 0;

  const onLogout = () => logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) });

  return (
    <Layout className="shell">
      <a className="skip-link" href="#main">
        Bỏ qua, đến nội dung chính
      </a>
      <Layout.Header className="shell-header">
        {phone && (
          <Button type="text" className="header-button" icon={<MenuOutlined />} aria-label="Mở danh mục" onClick={() => setDrawer(true)} />
        )}
        <Link to="/" className="brand">
          Kỳ báo cáo
        </Link>
        {!phone && (
          <nav aria-label="Danh mục chính" className="top-nav">
            <Menu mode="horizontal" theme="dark" selectedKeys={selected} items={items} className="top-menu" />
          </nav>
        )}
        <div className="header-right">
          <Link
            to="/inbox"
            className="bell"
            aria-label={unread > 0 ? `Thông báo: ${unread} chưa đọc` : 'Thông báo: không có thông báo mới'}
          >
            <Badge count={unread} overflowCount={99} size="small">
              <BellOutlined className="bell-icon" aria-hidden />
            </Badge>
          </Link>
          {!phone && (
            <span className="who" aria-label="Người đang đăng nhập">
              {me.displayName}
            </span>
          )}
          <Button
            className="header-button"
            type="text"
            icon={<LogoutOutlined />}
            onClick={onLogout}
            loading={logout.isPending}
            aria-label={phone ? 'Đăng xuất' : undefined}
          >
            {phone ? null : 'Đăng xuất'}
          </Button>
        </div>
      </Layout.Header>
      <Drawer title={me.displayName} placement="left" open={drawer} onClose={() => setDrawer(false)} size={280}>
        <nav aria-label="Danh mục chính">
          <Menu mode="vertical" selectedKeys={selected} items={items} className="drawer-menu" />
        </nav>
        <Button block icon={<LogoutOutlined />} onClick={onLogout} loading={logout.isPending} className="block-gap-top">
          Đăng xuất
        </Button>
      </Drawer>
      <Layout.Content id="main" tabIndex={-1} className="shell-content">
        <main>{children}</main>
      </Layout.Content>
    </Layout>
  );
}
