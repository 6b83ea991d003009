import { EditOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { PARTY_AUTHORITIES, STATE_AUTHORITIES } from '@domain/document/official-document';
import { messageOf } from '../../api/client';
import { num } from '../../format';
import { useReportChecks, useSign, type ChecksView, type ReportView, type SignatureView, type VersionView } from './report.hooks';

/** What each authority means, in the words of the rules (Party: Hướng dẫn 36-HD/VPTW; state: Nghị định 30/2020/NĐ-CP). */
const AUTHORITY_WORDS: Record<string, string> = {
  'T/M': 'thay mặt tập thể',
  'K/T': 'ký thay người đứng đầu',
  'T/L': 'thừa lệnh',
  'T/UQ': 'thừa ủy quyền',
  'TM.': 'thay mặt tập thể',
  'KT.': 'ký thay người đứng đầu',
  'TL.': 'thừa lệnh',
  'TUQ.': 'thừa ủy quyền',
};
const HEAD_SIGNS = '';

/** Why signing is not possible now (empty: it is). */
export function signBlockers(
  report: ReportView,
  version: VersionView,
  latest: boolean,
  checks: ChecksView | undefined,
  checking: boolean,
): string[] {
  const reasons: string[] = [];
  const openComments = report.comments.filter((c) => c.status === 'open').length;
  if (openComments > 0) reasons.push(`Còn ${openComments} ý kiến của Thường trực chưa được giải quyết.`);
  if (!latest) reasons.push(`Đang xem phiên bản ${version.version}; chỉ ký được phiên bản mới nhất (phiên bản ${report.latestVersion}).`);
  for (const f of checks?.draftFindings ?? []) reasons.push(f.messageVi);
  // Counted by the server (its list holds the first findings only).
  const failed = checks?.findingCounts.error ?? 0;
  if (failed > 0) reasons.push(`Còn ${num(failed)} lỗi trong số liệu của các đơn vị (xem phần kiểm tra số liệu).`);
  if (checking) reasons.push('Đang kiểm tra số liệu của dự thảo…');
  return reasons;
}

/** The signer's button, disabled with the reasons beside it; the signature block chosen from the allowed authorities. */
export function SignBar({
  cycleId,
  report,
  version,
  latest,
}: {
  cycleId: string;
  report: ReportView;
  version: VersionView;
  latest: boolean;
}) {
  const checks = useReportChecks(cycleId, true);
  const sign = useSign(cycleId, report);
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<SignatureView & { authority?: string }>();
  const reasons = signBlockers(report, version, latest, checks.data, checks.isPending);
  const authorities = version.document.number.scheme === 'party' ? PARTY_AUTHORITIES : STATE_AUTHORITIES;

  return (
    <Card size="small" className="block-gap sign-bar" title={<h2 className="card-heading">Ký ban hành</h2>}>
      <div className="sign-row">
        <Button
          type="primary"
          icon={<EditOutlined aria-hidden />}
          disabled={reasons.length > 0}
          aria-describedby={reasons.length > 0 ? 'sign-blockers' : undefined}
          onClick={() => {
            form.setFieldsValue({ ...version.document.signature, authority: version.document.signature.authority ?? HEAD_SIGNS });
            setOpen(true);
          }}
        >
          Ký ban hành
        </Button>
        {reasons.length > 0 ? (
          <div id="sign-blockers" className="sign-blockers" role="status">
            <strong>Chưa ký được:</strong>
            <ul>
              {reasons.map((t) => (
                <li key={t}>{t}</li>
              ))}
            </ul>
          </div>
        ) : (
          <span>{`Phiên bản ${version.version} đã sẵn sàng để ký.`}</span>
        )}
      </div>
      <Modal
        title={`Ký ban hành phiên bản ${version.version}`}
        open={open}
        okText="Ký ban hành"
        cancelText="Hủy"
        confirmLoading={sign.isPending}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        forceRender
      >
        <p>Sau khi ký, văn bản không thể sửa.</p>
        <Form
          form={form}
          layout="vertical"
          onFinish={({ authority, onBehalfOf, title, name }) =>
            sign.mutate(
              {
                version: version.version,
                title,
                name,
                ...(authority ? { authority, onBehalfOf } : {}),
              },
              {
                onSuccess: () => {
                  setOpen(false);
                  message.success('Đã ký ban hành văn bản.');
                },
              },
            )
          }
        >
          <Form.Item name="authority" label="Thẩm quyền ký">
            <Select
              options={[
                ...authorities.map((a) => ({ value: a, label: `${a} (${AUTHORITY_WORDS[a]})` })),
                { value: HEAD_SIGNS, label: 'Người đứng đầu ký trực tiếp (không ghi thẩm quyền)' },
              ]}
            />
          </Form.Item>
          <Form.Item noStyle dependencies={['authority']}>
            {({ getFieldValue }) =>
              getFieldValue('authority') ? (
                <Form.Item
                  name="onBehalfOf"
                  label="Thay mặt (tập thể hoặc người đứng đầu)"
                  rules={[{ required: true, whitespace: true, message: 'Nhập tập thể hoặc người đứng đầu, ví dụ BAN THƯỜNG VỤ.' }]}
                >
                  <Input />
                </Form.Item>
              ) : null
            }
          </Form.Item>
          <Form.Item
            name="title"
            label="Chức vụ người ký"
            rules={[{ required: true, whitespace: true, message: 'Nhập chức vụ người ký.' }]}
          >
            <Input />
          </Form.Item>
          <Form.Item
            name="name"
            label="Họ và tên người ký"
            rules={[{ required: true, whitespace: true, message: 'Nhập họ và tên người ký.' }]}
          >
            <Input />
          </Form.Item>
          <Form.Item noStyle dependencies={['authority', 'onBehalfOf', 'title']}>
            {({ getFieldValue }) => (
              <div className="sign-preview" aria-label="Khối chữ ký sẽ in">
                <div className="b">
                  {getFieldValue('authority') ? `${getFieldValue('authority')} ${(getFieldValue('onBehalfOf') ?? '').toUpperCase()}` : ''}
                </div>
                <div className="b">{(getFieldValue('title') ?? '').toUpperCase()}</div>
              </div>
            )}
          </Form.Item>
        </Form>
        {sign.error && <Alert type="error" showIcon title={messageOf(sign.error)} />}
      </Modal>
    </Card>
  );
}
