import { App, Button, Form, Input, Modal, Popconfirm, Space } from 'antd';
import { useState } from 'react';
import { messageOf } from '../../api/client';
import { useMe } from '../../hooks/session';
import { useAccountAction, useResetPassword, type AccountRow } from './admin.hooks';

/** A row's actions: edit, reset the password, unlock (when locked out), disable or enable again (the dialog asks before disabling). */
export function AccountActions({ account, onEdit }: { account: AccountRow; onEdit: () => void }) {
  const { message } = App.useApp();
  const act = useAccountAction();
  const [resetOpen, setResetOpen] = useState(false);
  const [disableOpen, setDisableOpen] = useState(false);
  const run = async (action: 'disable' | 'enable' | 'unlock', done: string, reason?: string) => {
    try {
      await act.mutateAsync({ id: account.id, version: account.version, action, reason });
      message.success(done);
    } catch (e) {
      message.error(messageOf(e));
    }
  };
  const who = account.displayName;
  // One's own password is changed under "Tài khoản", and one cannot disable oneself (the API refuses both).
  const self = useMe().data?.id === account.id;
  if (self)
    return (
      <Button size="small" onClick={onEdit} aria-label={`Sửa tài khoản ${who}`}>
        Sửa
      </Button>
    );
  return (
    <Space wrap size="small">
      <Button size="small" onClick={onEdit} aria-label={`Sửa tài khoản ${who}`}>
        Sửa
      </Button>
      <Button size="small" onClick={() => setResetOpen(true)} aria-label={`Đặt lại mật khẩu cho ${who}`}>
        Đặt lại mật khẩu
      </Button>
      {account.locked && (
        <Popconfirm
          title={`Mở khóa tài khoản ${who}?`}
          okText="Mở khóa"
          cancelText="Hủy"
          onConfirm={() => run('unlock', `Đã mở khóa tài khoản ${who}.`)}
        >
          <Button size="small" aria-label={`Mở khóa tài khoản ${who}`}>
            Mở khóa
          </Button>
        </Popconfirm>
      )}
      {account.disabledAt ? (
        <Popconfirm
          title={`Cho phép ${who} đăng nhập lại?`}
          okText="Kích hoạt lại"
          cancelText="Hủy"
          onConfirm={() => run('enable', `Đã kích hoạt lại tài khoản ${who}.`)}
        >
          <Button size="small" aria-label={`Kích hoạt lại tài khoản ${who}`}>
            Kích hoạt lại
          </Button>
        </Popconfirm>
      ) : (
        <Button size="small" onClick={() => setDisableOpen(true)} aria-label={`Vô hiệu hóa tài khoản ${who}`}>
          Vô hiệu hóa
        </Button>
      )}
      <ResetPasswordDialog account={account} open={resetOpen} onClose={() => setResetOpen(false)} />
      <ReasonDialog
        open={disableOpen}
        title={`Vô hiệu hóa tài khoản ${who}`}
        okText="Vô hiệu hóa"
        note="Người dùng không đăng nhập được nữa; mọi phiên đang mở sẽ kết thúc."
        onClose={() => setDisableOpen(false)}
        onOk={(reason) => run('disable', `Đã vô hiệu hóa tài khoản ${who}.`, reason)}
      />
    </Space>
  );
}

function ResetPasswordDialog({ account, open, onClose }: { account: AccountRow; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<{ newPassword: string }>();
  const { message } = App.useApp();
  const reset = useResetPassword();
  const submit = async () => {
    const { newPassword } = await form.validateFields();
    try {
      await reset.mutateAsync({ id: account.id, version: account.version, newPassword });
      message.success(`Đã đặt lại mật khẩu cho ${account.displayName}. Người dùng phải đổi mật khẩu khi đăng nhập.`);
      form.resetFields();
      onClose();
    } catch (e) {
      message.error(messageOf(e));
    }
  };
  return (
    <Modal
      open={open}
      title={`Đặt lại mật khẩu cho ${account.displayName}`}
      okText="Đặt lại"
      cancelText="Hủy"
      onOk={submit}
      onCancel={onClose}
      confirmLoading={reset.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item
          name="newPassword"
          label="Mật khẩu tạm mới"
          extra="Báo mật khẩu này cho người dùng; họ phải đổi ở lần đăng nhập tới. Tài khoản bị khóa cũng được mở."
          rules={[
            { required: true, message: 'Nhập mật khẩu tạm.' },
            { min: 10, message: 'Mật khẩu cần ít nhất 10 ký tự.' },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ReasonDialog({
  open,
  title,
  okText,
  note,
  onClose,
  onOk,
}: {
  open: boolean;
  title: string;
  okText: string;
  note: string;
  onClose: () => void;
  onOk: (reason: string) => Promise<void>;
}) {
  const [reason, setReason] = useState('');
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      cancelText="Hủy"
      okButtonProps={{ danger: true }}
      destroyOnHidden
      onCancel={onClose}
      onOk={async () => {
        await onOk(reason.trim());
        setReason('');
        onClose();
      }}
    >
      <p>{note}</p>
      <label className="filter-field">
        <span>Lý do (ghi vào nhật ký)</span>
        <Input.TextArea value={reason} onChange={(e) => setReason(e.target.value)} rows={2} maxLength={500} />
      </label>
    </Modal>
  );
}
