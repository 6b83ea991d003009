import { App, DatePicker, Form, Input, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import { messageOf } from '../../api/client';
import { useAddAlias, useCloseUnit, type OrgNode } from './admin.hooks';
import { UnitPicker } from './UnitPicker';

/** Another name of a unit (a spelling found in reports), so searches and imports find it by either. */
export function AliasDialog({ unit, onClose }: { unit: OrgNode; onClose: () => void }) {
  const [form] = Form.useForm<{ alias: string }>();
  const { message } = App.useApp();
  const add = useAddAlias();
  const submit = async () => {
    const { alias } = await form.validateFields();
    try {
      await add.mutateAsync({ unitId: unit.id, alias: alias.trim() });
      message.success(`Đã thêm tên gọi khác cho ${unit.canonicalName}.`);
      onClose();
    } catch (e) {
      message.error(messageOf(e));
    }
  };
  return (
    <Modal
      open
      title={`Thêm tên gọi khác: ${unit.canonicalName}`}
      okText="Thêm"
      cancelText="Hủy"
      onOk={submit}
      onCancel={onClose}
      confirmLoading={add.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item name="alias" label="Tên gọi khác" rules={[{ required: true, whitespace: true, message: 'Nhập tên gọi khác.' }]}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface CloseValues {
  activeTo: Dayjs;
  reason: string;
  mergedInto: string | null;
}

/** The unit stops existing after a date (dissolved, or merged into another unit); earlier cycles still name it. */
export function CloseUnitDialog({ unit, onClose }: { unit: OrgNode; onClose: () => void }) {
  const [form] = Form.useForm<CloseValues>();
  const { message } = App.useApp();
  const close = useCloseUnit();
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await close.mutateAsync({
        unitId: unit.id,
        body: { activeTo: v.activeTo.format('YYYY-MM-DD'), reason: v.reason.trim(), ...(v.mergedInto ? { mergedInto: v.mergedInto } : {}) },
      });
      message.success(`Đã ghi nhận ${unit.canonicalName} ngừng hoạt động.`);
      onClose();
    } catch (e) {
      message.error(messageOf(e));
    }
  };
  return (
    <Modal
      open
      title={`Ngừng hoạt động hoặc sáp nhập: ${unit.canonicalName}`}
      okText="Ghi nhận"
      cancelText="Hủy"
      okButtonProps={{ danger: true }}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={close.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ mergedInto: null }}>
        <Form.Item name="activeTo" label="Ngày cuối cùng hoạt động" rules={[{ required: true, message: 'Chọn ngày.' }]}>
          <DatePicker format="DD/MM/YYYY" placeholder="dd/mm/yyyy" />
        </Form.Item>
        <Form.Item name="reason" label="Lý do (căn cứ quyết định)" rules={[{ required: true, whitespace: true, message: 'Nhập lý do.' }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Form.Item name="mergedInto" label="Sáp nhập vào đơn vị (nếu có)">
          <UnitPicker known={[]} label="Sáp nhập vào đơn vị" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
