import { Alert, Button, Card, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { PageTitle } from '../../components/PageTitle';
import { ErrorNotice, Loading } from '../../components/QueryState';
import { useCan } from '../../hooks/capabilities';
import { CopyDialog } from './CopyDialog';
import { useTemplateList, type TemplateSummary } from './templates.hooks';
import './templates.css';

/**
 * /templates — "Mẫu báo cáo": the built-in templates and the office's own, each at its latest version. A built-in
 * is copied to start the office's own; the office's own are edited (each publication a new version).
 */
export function TemplatesPage() {
  const list = useTemplateList();
  const mayManage = useCan('templates.manage');
  const [copying, setCopying] = useState<TemplateSummary | null>(null);

  if (list.error)
    return (
      <>
        <PageTitle>Mẫu báo cáo</PageTitle>
        <ErrorNotice error={list.error} onRetry={() => list.refetch()} />
      </>
    );
  if (!list.data)
    return (
      <>
        <PageTitle>Mẫu báo cáo</PageTitle>
        <Loading label="Đang tải danh sách mẫu báo cáo…" />
      </>
    );
  const own = list.data.filter((t) => !t.builtin);
  const builtin = list.data.filter((t) => t.builtin);

  return (
    <div className="templates-page">
      <PageTitle>Mẫu báo cáo</PageTitle>
      <p className="muted">
        Mẫu báo cáo quy định các mục, chỉ tiêu và quy tắc kiểm tra số liệu. Mẫu có sẵn không sửa được; bấm “Sao chép” để tạo mẫu riêng của
        cơ quan rồi sửa. Mỗi lần ban hành tạo một phiên bản mới; kỳ báo cáo đã mở vẫn dùng phiên bản cũ.
      </p>
      <Typography.Title level={2}>Mẫu của cơ quan</Typography.Title>
      {own.length === 0 ? (
        <Alert type="info" showIcon title="Cơ quan chưa có mẫu riêng. Sao chép một mẫu có sẵn ở dưới để bắt đầu." className="block-gap" />
      ) : (
        <TemplateCards items={own} mayManage={mayManage} onCopy={setCopying} />
      )}
      <Typography.Title level={2}>Mẫu có sẵn</Typography.Title>
      <TemplateCards items={builtin} mayManage={mayManage} onCopy={setCopying} />
      {copying && <CopyDialog source={copying} onClose={() => setCopying(null)} />}
    </div>
  );
}

function TemplateCards({
  items,
  mayManage,
  onCopy,
}: {
  items: TemplateSummary[];
  mayManage: boolean;
  onCopy: (t: TemplateSummary) => void;
}) {
  return (
    <ul className="template-cards">
      {items.map((t) => (
        <li key={t.id}>
          <Card size="small">
            <div className="template-card-title">
              <Link to={`/templates/${t.id}`}>{t.title}</Link>
            </div>
            <Space wrap size={[8, 4]} className="template-card-meta" separator={<span aria-hidden>·</span>}>
              <Tag color={t.builtin ? 'default' : 'blue'}>{t.builtin ? 'Mẫu có sẵn' : 'Mẫu của cơ quan'}</Tag>
              <span>Phiên bản {t.version}</span>
              <span>{t.indicators} chỉ tiêu</span>
            </Space>
            {mayManage && (
              <Space wrap className="template-card-actions">
                <Link to={`/templates/${t.id}`}>{t.builtin ? 'Xem mẫu' : 'Sửa mẫu'}</Link>
                <Button size="small" onClick={() => onCopy(t)} aria-label={`Sao chép mẫu ${t.title}`}>
                  Sao chép
                </Button>
              </Space>
            )}
          </Card>
        </li>
      ))}
    </ul>
  );
}
