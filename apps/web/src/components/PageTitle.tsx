import { Typography } from 'antd';
import { useEffect, type ReactNode } from 'react';

/** The page's heading (h1) and the browser tab's title. */
export function PageTitle({ children, extra }: { children: string; extra?: ReactNode }) {
  useEffect(() => {
    document.title = `${children} · Kỳ báo cáo`;
  }, [children]);
  return (
    <div className="page-title">
      <Typography.Title level={1}>{children}</Typography.Title>
      {extra}
    </div>
  );
}
