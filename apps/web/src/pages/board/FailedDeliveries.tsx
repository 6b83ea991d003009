import { Card, List, Table, Typography } from 'antd';
import { formatDateTime, num } from '../../format';
import type { FailedDelivery } from './board.hooks';

/** An SMTP failure in words a coordinator understands (the server's own text is English). */
function deliveryError(f: FailedDelivery): string {
  const code = /^\s*([45]\d\d)\b/.exec(f.error)?.[1];
  if (code?.startsWith('5')) return `Máy chủ thư của người nhận từ chối (mã ${code})`;
  if (code?.startsWith('4')) return `Máy chủ thư tạm thời không nhận (mã ${code})`;
  return 'Không kết nối được máy chủ thư';
}

/** The e-mails of the cycle that could not be delivered, with when they will be tried again. */
export function FailedDeliveries({ list, total, phone }: { list: FailedDelivery[]; total: number; phone: boolean }) {
  return (
    <Card size="small" className="block-gap" title={<h2 className="card-heading">{`Thư điện tử gửi không thành công (${num(total)})`}</h2>}>
      <Typography.Paragraph type="secondary">
        Thông báo vẫn có trong hộp thư của người nhận trên hệ thống; thư điện tử được tự động gửi lại theo lịch.
        {total > list.length && ` Dưới đây là ${num(list.length)} thư cũ nhất; số thư lỗi của từng đơn vị có ở bảng theo dõi.`}
      </Typography.Paragraph>
      {phone ? (
        <List
          dataSource={list}
          renderItem={(f) => (
            <List.Item>
              <div>
                <div>
                  <strong>{f.subject}</strong>
                </div>
                <div>
                  {f.recipientName} · {f.email}
                  {f.unitName ? ` · ${f.unitName}` : ''}
                </div>
                <div>
                  {deliveryError(f)} · lần gửi {f.attempt} ·{' '}
                  {f.gaveUp ? 'đã ngừng gửi lại' : `gửi lại lúc ${formatDateTime(f.nextAttemptAt)}`}
                </div>
              </div>
            </List.Item>
          )}
        />
      ) : (
        <Table<FailedDelivery>
          rowKey="notificationId"
          size="small"
          dataSource={list}
          pagination={list.length > 20 ? { pageSize: 20 } : false}
          columns={[
            { title: 'Thông báo', key: 'subject', render: (_, f) => f.subject },
            { title: 'Đơn vị', key: 'unit', render: (_, f) => f.unitName ?? '—' },
            { title: 'Người nhận', key: 'recipient', render: (_, f) => f.recipientName },
            { title: 'Địa chỉ thư', key: 'email', render: (_, f) => f.email },
            { title: 'Lần gửi', key: 'attempt', align: 'right', render: (_, f) => String(f.attempt) },
            { title: 'Lỗi', key: 'error', render: (_, f) => deliveryError(f) },
            { title: 'Gửi lại', key: 'next', render: (_, f) => (f.gaveUp ? 'Đã ngừng gửi lại' : formatDateTime(f.nextAttemptAt)) },
          ]}
        />
      )}
    </Card>
  );
}
