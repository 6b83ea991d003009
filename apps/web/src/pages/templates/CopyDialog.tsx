import { Alert, App, Form, Input, Modal } from 'antd';
import { useNavigate } from 'react-router';
import { messageOf } from '../../api/client';
import { templateIdFrom } from './template-editor.model';
import { useCopyTemplate } from './templates.hooks';

/** "Sao chép": the office's own template, version 1, from the latest version of `source`; then its editor opens. */
export function CopyDialog({ source, onClose }: { source: { id: string; title: string; version: number }; onClose: () => void }) {
  const [form] = Form.useForm<{ title: string }>();
  const copy = useCopyTemplate();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const submit = async () => {
    const { title } = await form.validateFields();
    const clean = title.trim().normalize('NFC');
    copy.mutate(
      { id: templateIdFrom(clean, Date.now().toString(36).slice(-5)), copyOf: source.id, title: clean },
      {
        onSuccess: (created) => {
          message.success('Đã tạo mẫu của cơ quan.');
          onClose();
          navigate(`/templates/${created.id}`);
        },
      },
    );
  };
  return (
    <Modal
      open
      title="Sao chép thành mẫu của cơ quan"
      okText="Tạo mẫu"
      cancelText="Hủy"
      onOk={submit}
      onCancel={onClose}
      confirmLoading={copy.isPending}
      destroyOnHidden
    >
      <p>
        Mẫu mới bắt đầu từ phiên bản {source.version} của “{source.title}”.
      </p>
      <Form form={form} layout="vertical" initialValues={{ title: `${source.title} (mẫu của cơ quan)` }} onFinish={submit}>
        <Form.Item name="title" label="Tên mẫu mới" rules={[{ required: true, whitespace: true, message: 'Nhập tên mẫu báo cáo.' }]}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
      {copy.error ? <Alert type="error" showIcon role="alert" title={messageOf(copy.error)} /> : null}
    </Modal>
  );
}
