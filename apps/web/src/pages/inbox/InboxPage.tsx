import { Button, List, Space, Typography } from 'antd';
import { ToneTag } from '../../components/ToneTag';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { messageOf } from '../../api/client';
import { PageTitle } from '../../components/PageTitle';
import { EmptyState, QueryState } from '../../components/QueryState';
import { formatDateTime } from '../../format';
import { appPathOf, fetchInboxBefore, INBOX_PAGE, useInbox, useMarkRead, type InboxItem } from '../../hooks/notifications';
import { App } from 'antd';

/** The in-app inbox: newest first, unread ones marked; opening one marks it read and goes to its page. */
export function InboxPage() {
  const inbox = useInbox();
  const markRead = useMarkRead();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [older, setOlder] = useState<InboxItem[]>([]);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [noMore, setNoMore] = useState(false);

  const loadOlder = async (items: InboxItem[]) => {
    const last = items[items.length - 1];
    if (!last) return;
    setLoadingOlder(true);
    try {
      const page = await fetchInboxBefore(last.dueAt);
      setOlder((o) => [...o, ...page.items]);
      if (page.items.length < INBOX_PAGE) setNoMore(true);
    } catch (err) {
      void message.error(messageOf(err));
    } finally {
      setLoadingOlder(false);
    }
  };

  const open = (item: InboxItem) => {
    const path = appPathOf(item.link);
    const go = () => path && navigate(path);
    if (!item.readAt) markRead.mutate(item.id, { onSettled: go });
    else go();
  };

  return (
    <>
      <PageTitle>Thông báo</PageTitle>
      <QueryState query={inbox}>
        {(data) => {
          const items = [...data.items, ...older.filter((o) => !data.items.some((i) => i.id === o.id))];
          if (items.length === 0) return <EmptyState description="Chưa có thông báo nào." />;
          return (
            <>
              <Typography.Paragraph>
                {data.unreadCount > 0 ? `Có ${data.unreadCount} thông báo chưa đọc.` : 'Không có thông báo chưa đọc.'}
              </Typography.Paragraph>
              <List
                className="inbox-list"
                dataSource={items}
                renderItem={(item) => (
                  <List.Item className={item.readAt ? 'inbox-item' : 'inbox-item unread'}>
                    <div className="inbox-body">
                      <Space wrap size={[8, 4]}>
                        {!item.readAt && <ToneTag tone="danger">Chưa đọc</ToneTag>}
                        <Typography.Text type="secondary">{formatDateTime(item.dueAt)}</Typography.Text>
                        {item.unitName && <Typography.Text type="secondary">{item.unitName}</Typography.Text>}
                      </Space>
                      <Typography.Title level={2} className="inbox-subject">
                        {item.subject}
                      </Typography.Title>
                      <Typography.Paragraph className="inbox-text">{stripLinks(item.body)}</Typography.Paragraph>
                      <Space wrap>
                        {appPathOf(item.link) && (
                          <Button type="primary" onClick={() => open(item)}>
                            Mở báo cáo
                          </Button>
                        )}
                        {!item.readAt && (
                          <Button onClick={() => markRead.mutate(item.id)} loading={markRead.isPending && markRead.variables === item.id}>
                            Đánh dấu đã đọc
                          </Button>
                        )}
                      </Space>
                    </div>
                  </List.Item>
                )}
              />
              {!noMore && data.items.length >= INBOX_PAGE && (
                <Button block onClick={() => loadOlder(items)} loading={loadingOlder}>
                  Xem thông báo cũ hơn
                </Button>
              )}
            </>
          );
        }}
      </QueryState>
    </>
  );
}

/** The body as sent by e-mail, without the raw address the "Mở" button replaces. */
function stripLinks(body: string): string {
  return body.replace(/\s*(tại|at)?:?\s*https?:\/\/\S+/g, '.').replace(/\.\./g, '.');
}
