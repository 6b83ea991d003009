import { CheckOutlined } from '@ant-design/icons';
import { Alert, Card, Space } from 'antd';
import { type ReactNode } from 'react';
import { type Violation } from '@domain/templates/figure-check';
import { type ReportTemplate } from '@domain/templates/report-template';

export function RuleFindings({ violations, template }: { violations: Violation[]; template: ReportTemplate }) {
  const names = new Map(template.indicators.map((i) => [i.code, i.name] as const));
  return (
    <Block id="rule-checks" title="Kiểm tra theo quy tắc của mẫu báo cáo">
      {violations.length === 0 ? (
        <span className="rules-ok">
          <CheckOutlined aria-hidden /> Số liệu đạt mọi quy tắc của mẫu báo cáo.
        </span>
      ) : (
        <Space orientation="vertical" className="full-width">
          {violations.map((v, i) => (
            <Alert
              key={i}
              type={v.severity === 'error' ? 'error' : 'warning'}
              showIcon
              title={`${v.severity === 'error' ? 'Lỗi' : 'Cảnh báo'}: ${v.messageVi}`}
              description={`Chỉ tiêu: ${v.indicatorCodes.map((c) => names.get(c) ?? 'không có trong mẫu').join('; ')}`}
            />
          ))}
        </Space>
      )}
    </Block>
  );
}

/** A titled part of the page: a card that is also a named region (found by its heading, read as a landmark). */
export function Block({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="block-gap">
      <Card
        size="small"
        title={
          <h2 className="card-heading" id={id}>
            {title}
          </h2>
        }
      >
        {children}
      </Card>
    </section>
  );
}
