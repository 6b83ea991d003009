import { SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import type { BodySection } from '@domain/document/document.model';
import { messageOf } from '../../api/client';
import { useRevise, type BodySectionInput, type ReportView, type VersionView } from './report.hooks';
import { applyEdits } from './revise.model';

/** While the office edits the draft in place: what changed, a note, save as a new version or give up. */
export function ReviseBar({
  cycleId,
  report,
  version,
  edits,
  onDone,
}: {
  cycleId: string;
  report: ReportView;
  version: VersionView;
  edits: ReadonlyMap<string, string>;
  onDone: () => void;
}) {
  const revise = useRevise(cycleId, report);
  const { message } = App.useApp();
  const [note, setNote] = useState('');
  const changed = [...edits.entries()].filter(([id, text]) => version.passages.find((p) => p.id === id)?.text !== text);
  const save = () => {
    const body = applyEdits(version.document.body as BodySection[], new Map(changed));
    revise.mutate(
      { baseVersion: version.version, body: body as BodySectionInput[], ...(note.trim() ? { note: note.trim() } : {}) },
      {
        onSuccess: (r) => {
          message.success(`Đã lưu phiên bản ${(r as ReportView).latestVersion}.`);
          onDone();
        },
      },
    );
  };
  return (
    <Card size="small" className="block-gap revise-bar" title={<h2 className="card-heading">Sửa dự thảo (phiên bản {version.version})</h2>}>
      <Typography.Paragraph className="no-margin">
        Sửa trực tiếp các đoạn văn bên dưới. Số liệu tổng hợp từ báo cáo của đơn vị vẫn giữ nguồn; nếu sửa làm số liệu không còn khớp tổng
        hợp, phần kiểm tra sẽ cảnh báo sau khi lưu.
      </Typography.Paragraph>
      <label htmlFor="revise-note" className="comment-label block-gap-top">
        Ghi chú cho phiên bản mới (không bắt buộc)
      </label>
      <Input
        id="revise-note"
        value={note}
        maxLength={1000}
        onChange={(e) => setNote(e.target.value)}
        placeholder="Ví dụ: Sửa theo ý kiến của Thường trực"
      />
      <Space wrap className="block-gap-top">
        <Button
          type="primary"
          icon={<SaveOutlined aria-hidden />}
          disabled={changed.length === 0}
          loading={revise.isPending}
          onClick={save}
        >
          {changed.length === 0 ? 'Lưu phiên bản mới' : `Lưu phiên bản mới (${changed.length} đoạn đã sửa)`}
        </Button>
        <Button onClick={onDone}>Hủy sửa</Button>
      </Space>
      {revise.error && <Alert className="block-gap-top" role="alert" type="error" showIcon title={messageOf(revise.error)} />}
    </Card>
  );
}
