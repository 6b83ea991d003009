import { Button, Card, Grid, Input, Table, Typography } from 'antd';
import { useState } from 'react';
import { ROLE_LABELS_VI } from '@domain/audit';
import { CursorPager, useCursorPages } from '../../components/CursorPager';
import { PageTitle } from '../../components/PageTitle';
import { EmptyState, QueryState } from '../../components/QueryState';
import { ToneTag } from '../../components/ToneTag';
import { formatDateTime, num } from '../../format';
import { AccountActions } from './AccountActions';
import { AccountForm } from './AccountForm';
import { useAccounts, type AccountRow } from './admin.hooks';
import { DarkDanger } from '../../components/DarkDanger';
import '../office/office.css';

const roles = (a: AccountRow) => a.roles.map((r) => ROLE_LABELS_VI[r] ?? 'Vai trò khác').join(', ');
const units = (a: AccountRow) =>
  [...a.unitNames.filter(Boolean), ...(a.officeUnitName ? [a.officeUnitName] : [])].join('; ') || 'Chưa gắn đơn vị';

function State({ a }: { a: AccountRow }) {
  if (a.disabledAt) return <ToneTag tone="danger">Đã vô hiệu hóa</ToneTag>;
  if (a.locked) return <ToneTag tone="warning">Tạm khóa đến {formatDateTime(a.lockedUntil)}</ToneTag>;
  if (a.mustChangePassword) return <ToneTag tone="info">Chờ đổi mật khẩu</ToneTag>;
  return <ToneTag tone="success">Đang hoạt động</ToneTag>;
}

/** "Người dùng": accounts, searched and paged; create, change roles and units, reset the password, unlock, disable. */
export function AccountsPage() {
  const [q, setQ] = useState('');
  const pages = useCursorPages();
  const accounts = useAccounts(q, pages.cursor);
  const [editing, setEditing] = useState<AccountRow | 'new' | null>(null);
  const phone = !Grid.useBreakpoint().md;
  return (
    <DarkDanger>
      <PageTitle
        extra={
          <Button type="primary" onClick={() => setEditing('new')}>
            Tạo tài khoản
          </Button>
        }
      >
        Người dùng
      </PageTitle>
      <label className="filter-field block-gap">
        <span>Tìm theo tên hoặc tên đăng nhập</span>
        <Input.Search
          allowClear
          enterButton="Tìm"
          className="account-search"
          onSearch={(v) => {
            setQ(v.trim());
            pages.reset();
          }}
        />
      </label>
      <QueryState query={accounts} loadingLabel="Đang tải danh sách người dùng…">
        {({ items, total, nextCursor }) => (
          <>
            <Typography.Paragraph type="secondary" aria-live="polite">{`Có ${num(total)} tài khoản.`}</Typography.Paragraph>
            {items.length === 0 ? (
              <EmptyState description="Không có tài khoản nào phù hợp." />
            ) : phone ? (
              <div className="card-list">
                {items.map((a) => (
                  <Card key={a.id} size="small" title={a.displayName}>
                    <p className="no-margin">Tên đăng nhập: {a.username}</p>
                    <p className="no-margin">Vai trò: {roles(a)}</p>
                    <p className="no-margin">Đơn vị: {units(a)}</p>
                    <p>
                      <State a={a} />
                    </p>
                    <AccountActions account={a} onEdit={() => setEditing(a)} />
                  </Card>
                ))}
              </div>
            ) : (
              <Table<AccountRow>
                rowKey="id"
                dataSource={items}
                pagination={false}
                columns={[
                  {
                    title: 'Họ và tên',
                    key: 'name',
                    render: (_, a) => (
                      <>
                        <div>{a.displayName}</div>
                        <div className="muted">{a.username}</div>
                      </>
                    ),
                  },
                  { title: 'Vai trò', key: 'roles', render: (_, a) => roles(a) },
                  { title: 'Đơn vị', key: 'units', render: (_, a) => units(a) },
                  { title: 'Tình trạng', key: 'state', render: (_, a) => <State a={a} /> },
                  { title: 'Thao tác', key: 'actions', render: (_, a) => <AccountActions account={a} onEdit={() => setEditing(a)} /> },
                ]}
              />
            )}
            <CursorPager pages={pages} nextCursor={nextCursor} label="Chuyển trang danh sách người dùng" />
          </>
        )}
      </QueryState>
      {editing && <AccountForm open account={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
    </DarkDanger>
  );
}
