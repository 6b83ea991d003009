import { CheckOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Input, Space, Tag } from 'antd';
import { useState } from 'react';
import { messageOf } from '../../api/client';
import { formatDateTime } from '../../format';
import { useAddComment, useResolveComment, type ReportCommentView, type ReportView, type VersionView } from './report.hooks';

/** Thường trực's comments: a card beside its passage (author, time, state, resolution), the form, and those on other versions. */
export function CommentCard({
  cycleId,
  report,
  comment: c,
  resolvable,
  versionNote,
}: {
  cycleId: string;
  report: ReportView;
  comment: ReportCommentView;
  resolvable: boolean;
  versionNote?: string;
}) {
  const resolve = useResolveComment(cycleId, report);
  const open = c.status === 'open';
  return (
    <div className={`comment-card${open ? '' : ' resolved'}`} role="note" aria-label={`Ý kiến của ${c.author.name}`}>
      <div className="comment-head">
        <strong>{c.author.name}</strong>
        <span className="comment-time">{formatDateTime(c.at)}</span>
        {open ? (
          <Tag color="#ad4e00">Chưa giải quyết</Tag>
        ) : (
          <Tag color="#237804" icon={<CheckOutlined aria-hidden />}>
            Đã giải quyết
          </Tag>
        )}
      </div>
      {versionNote && <div className="comment-quote">{versionNote}</div>}
      {c.anchor.quote && <div className="comment-quote">{`“${c.anchor.quote}”`}</div>}
      <div className="comment-text">{c.text}</div>
      {!open && c.resolution && (
        <div className="comment-resolution">
          {`Đã giải quyết bởi ${c.resolution.by.name} lúc ${formatDateTime(c.resolution.at)}${c.resolution.note ? `: ${c.resolution.note}` : ''}`}
        </div>
      )}
      {open && resolvable && (
        <Button
          size="small"
          icon={<CheckOutlined aria-hidden />}
          loading={resolve.isPending}
          onClick={() => resolve.mutate({ commentId: c.commentId })}
        >
          Đánh dấu đã giải quyết
        </Button>
      )}
      {resolve.error && <Alert type="error" showIcon title={messageOf(resolve.error)} />}
    </div>
  );
}

export function CommentForm({
  cycleId,
  report,
  version,
  target,
  onDone,
}: {
  cycleId: string;
  report: ReportView;
  version: number;
  target: { passageId: string; quote?: string };
  onDone: () => void;
}) {
  const add = useAddComment(cycleId, report);
  const [text, setText] = useState('');
  const send = () =>
    add.mutate(
      { version, passageId: target.passageId, ...(target.quote ? { quote: target.quote } : {}), text: text.trim() },
      { onSuccess: onDone },
    );
  return (
    <div className="comment-form">
      {target.quote && <div className="comment-quote">{`Về cụm từ: “${target.quote}”`}</div>}
      <label htmlFor="comment-text" className="comment-label">
        Ý kiến về đoạn đã chọn
      </label>
      <Input.TextArea id="comment-text" rows={3} value={text} onChange={(e) => setText(e.target.value)} maxLength={4000} autoFocus />
      <Space className="block-gap-top">
        <Button type="primary" disabled={text.trim() === ''} loading={add.isPending} onClick={send}>
          Gửi ý kiến
        </Button>
        <Button onClick={onDone}>Hủy</Button>
      </Space>
      {add.error && <Alert className="block-gap-top" type="error" showIcon title={messageOf(add.error)} />}
    </div>
  );
}

/** Comments made on other versions than the one shown (their passages belong to that version's text). */
export function OtherVersionComments({
  cycleId,
  report,
  version,
  resolvable,
}: {
  cycleId: string;
  report: ReportView;
  version: VersionView;
  resolvable: boolean;
}) {
  const others = report.comments.filter((c) => c.version !== version.version);
  if (others.length === 0) return null;
  return (
    <Card size="small" className="block-gap-top" title={<h2 className="card-heading">Ý kiến về các phiên bản khác</h2>}>
      {others.map((c) => (
        <CommentCard
          key={c.commentId}
          cycleId={cycleId}
          report={report}
          comment={c}
          resolvable={resolvable}
          versionNote={`Về phiên bản ${c.version}`}
        />
      ))}
    </Card>
  );
}
