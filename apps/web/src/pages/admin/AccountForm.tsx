import { App, Checkbox, Form, Input, Modal } from 'antd';
import { ROLE_LABELS_VI } from '@domain/audit';
import { messageOf } from '../../api/client';
import { useChangeAccount, useCreateAccount, type AccountRow, type Role } from './admin.hooks';
import { UnitPicker } from './UnitPicker';

const ROLES: Role[] = ['reporter', 'coordinator', 'reviewer', 'standing', 'signer', 'clerk', 'admin'];
const MIN_PASSWORD = 10;

interface Values {
  displayName: string;
  username?: string;
  email?: string;
  password?: string;
  roles: Role[];
  unitIds: string[];
  officeUnitId: string | null;
}

/** Create an account, or change one's name, e-mail, roles and units (`account` given). */
export function AccountForm({ account, open, onClose }: { account?: AccountRow; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const create = useCreateAccount();
  const change = useChangeAccount();
  const busy = create.isPending || change.isPending;
  const known = account
    ? [
        ...account.unitIds.map((id, i) => ({ id, name: account.unitNames[i] || 'Đơn vị không còn trong danh mục' })),
        ...(account.officeUnitId ? [{ id: account.officeUnitId, name: account.officeUnitName ?? 'Đơn vị không còn trong danh mục' }] : []),
      ]
    : [];

  const submit = async () => {
    const v = await form.validateFields();
    const common = { displayName: v.displayName.trim(), roles: v.roles, unitIds: v.unitIds ?? [] };
    try {
      if (account) {
        await change.mutateAsync({
          id: account.id,
          version: account.version,
          body: { ...common, email: v.email?.trim() || null, officeUnitId: v.officeUnitId ?? null },
        });
        message.success(`Đã lưu tài khoản của ${common.displayName}.`);
      } else {
        await create.mutateAsync({
          ...common,
          username: v.username!.trim(),
          password: v.password!,
          ...(v.email?.trim() ? { email: v.email.trim() } : {}),
          ...(v.officeUnitId ? { officeUnitId: v.officeUnitId } : {}),
        });
        message.success(`Đã tạo tài khoản ${v.username}. Hãy báo tên đăng nhập và mật khẩu tạm cho người dùng.`);
      }
      form.resetFields();
      onClose();
    } catch (e) {
      message.error(messageOf(e));
    }
  };

  return (
    <Modal
      open={open}
      title={account ? `Sửa tài khoản: ${account.displayName}` : 'Tạo tài khoản'}
      okText={account ? 'Lưu' : 'Tạo tài khoản'}
      cancelText="Hủy"
      onOk={submit}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
      width={640}
    >
      <Form
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={
          account
            ? {
                displayName: account.displayName,
                email: account.email ?? '',
                roles: account.roles as Role[],
                unitIds: account.unitIds,
                officeUnitId: account.officeUnitId,
              }
            : { roles: ['reporter'], unitIds: [], officeUnitId: null }
        }
      >
        <Form.Item
          name="displayName"
          label="Họ và tên (kèm chức vụ nếu cần)"
          rules={[{ required: true, whitespace: true, message: 'Nhập họ và tên.' }]}
        >
          <Input />
        </Form.Item>
        {!account && (
          <Form.Item
            name="username"
            label="Tên đăng nhập"
            extra="Chữ thường không dấu, số, dấu chấm hoặc gạch; từ 3 đến 50 ký tự."
            rules={[
              { required: true, message: 'Nhập tên đăng nhập.' },
              {
                pattern: /^[a-z0-9][a-z0-9._-]{2,49}$/,
                message: 'Tên đăng nhập chỉ gồm chữ thường không dấu, số, dấu chấm hoặc gạch (3–50 ký tự).',
              },
            ]}
          >
            <Input autoComplete="off" />
          </Form.Item>
        )}
        <Form.Item name="email" label="Thư điện tử" rules={[{ type: 'email', message: 'Địa chỉ thư điện tử chưa đúng.' }]}>
          <Input type="email" />
        </Form.Item>
        {!account && (
          <Form.Item
            name="password"
            label="Mật khẩu tạm"
            extra="Báo mật khẩu này cho người dùng; họ nên đổi ngay ở mục Tài khoản."
            rules={[
              { required: true, message: 'Nhập mật khẩu tạm.' },
              { min: MIN_PASSWORD, message: `Mật khẩu cần ít nhất ${MIN_PASSWORD} ký tự.` },
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
        <Form.Item
          name="roles"
          label="Vai trò"
          rules={[
            { validator: (_, v?: Role[]) => (v?.length ? Promise.resolve() : Promise.reject(new Error('Chọn ít nhất một vai trò.'))) },
          ]}
        >
          <Checkbox.Group options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS_VI[r] }))} />
        </Form.Item>
        <Form.Item name="unitIds" label="Báo cáo cho đơn vị" extra="Dành cho cán bộ báo cáo của đơn vị.">
          <UnitPicker multiple known={known} label="Báo cáo cho đơn vị" />
        </Form.Item>
        <Form.Item name="officeUnitId" label="Cơ quan công tác" extra="Dành cho chuyên viên, lãnh đạo thẩm định.">
          <UnitPicker known={known} label="Cơ quan công tác" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
