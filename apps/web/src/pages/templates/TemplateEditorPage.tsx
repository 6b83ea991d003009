import { Alert, App, Button, Collapse, ConfigProvider, Grid, Input, Space, Tabs, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { validateTemplate } from '@domain/templates/template-validation';
import { messageOf } from '../../api/client';
import { PageTitle } from '../../components/PageTitle';
import { ErrorNotice, Loading } from '../../components/QueryState';
import { useCan } from '../../hooks/capabilities';
import { toReportTemplate } from '../submission/submission.hooks';
import { CopyDialog } from './CopyDialog';
import { RulesEditor } from './RulesEditor';
import { SectionEditor } from './SectionEditor';
import { TemplatePreview } from './TemplatePreview';
import { sectionHeading } from '../submission/form/form-model';
import { allSections, newSectionCode, unitKindsText } from './template-editor.model';
import { useLatestTemplate, usePublishTemplate, useTemplateList, type TemplateDto } from './templates.hooks';
import './templates.css';

/** /templates/:templateId — the template editor: structure and indicators, rules, the preview; "Ban hành" publishes the next version. */
export function TemplateEditorPage() {
  const { templateId = '' } = useParams();
  const latest = useLatestTemplate(templateId);
  const list = useTemplateList();
  if (latest.error)
    return (
      <>
        <PageTitle>Mẫu báo cáo</PageTitle>
        <ErrorNotice error={latest.error} onRetry={() => latest.refetch()} />
      </>
    );
  if (!latest.data || !list.data)
    return (
      <>
        <PageTitle>Mẫu báo cáo</PageTitle>
        <Loading label="Đang mở mẫu báo cáo…" />
      </>
    );
  const builtin = list.data.find((t) => t.id === templateId)?.builtin ?? false;
  // A published version starts a fresh editor (keyed by the version).
  return <Editor key={`${templateId}@${latest.data.version}`} published={latest.data} builtin={builtin} />;
}

function Editor({ published, builtin }: { published: TemplateDto; builtin: boolean }) {
  const mayManage = useCan('templates.manage');
  const [draft, setDraft] = useState<TemplateDto>(published);
  const [copying, setCopying] = useState(false);
  const publish = usePublishTemplate(published.id);
  const { message } = App.useApp();
  const readOnly = builtin || !mayManage;
  const phone = !Grid.useBreakpoint().md;
  const changed = useMemo(() => JSON.stringify(draft) !== JSON.stringify(published), [draft, published]);
  const problems = useMemo(() => validateTemplate(toReportTemplate(draft)), [draft]);
  const indicatorNames = new Map(draft.indicators.map((i, k) => [`indicators[${k}]`, i.name]));
  const described = problems.map((p) => {
    const at = indicatorNames.get(p.path.split('.')[0]);
    return at ? `Chỉ tiêu “${at}”: ${p.messageVi}` : p.messageVi;
  });

  const onPublish = () =>
    publish.mutate(
      { template: normalized(draft), baseVersion: published.version },
      {
        onSuccess: (v) => message.success(`Đã ban hành phiên bản ${v.version}.`),
      },
    );

  return (
    <div className="template-editor">
      <PageTitle>{published.title}</PageTitle>
      <Space wrap size={[8, 4]} className="block-gap">
        <Tag color="blue" className="version-tag">
          Phiên bản {published.version}
        </Tag>
        <Tag>{builtin ? 'Mẫu có sẵn' : 'Mẫu của cơ quan'}</Tag>
        <Link to="/templates">Về danh sách mẫu báo cáo</Link>
      </Space>
      {builtin && (
        <Alert
          type="info"
          showIcon
          className="block-gap"
          title="Mẫu có sẵn không sửa được."
          description="Sao chép mẫu này thành mẫu của cơ quan để thêm, bớt mục và chỉ tiêu."
          action={
            mayManage ? (
              <Button type="primary" onClick={() => setCopying(true)}>
                Sao chép
              </Button>
            ) : undefined
          }
        />
      )}
      {!readOnly && (
        <div className="publish-bar">
          <Button type="primary" disabled={!changed || problems.length > 0} loading={publish.isPending} onClick={onPublish}>
            Ban hành phiên bản {published.version + 1}
          </Button>
          {changed ? <span>Có thay đổi chưa ban hành.</span> : <span className="muted">Chưa có thay đổi.</span>}
          {changed && <Button onClick={() => setDraft(published)}>Bỏ các thay đổi</Button>}
        </div>
      )}
      {publish.error ? (
        <Alert type="error" showIcon role="alert" className="block-gap" title="Chưa ban hành được" description={messageOf(publish.error)} />
      ) : null}
      {!readOnly && problems.length > 0 && (
        <Alert
          type="warning"
          showIcon
          className="block-gap"
          title="Cần sửa trước khi ban hành"
          description={
            <ul className="plain-list">
              {described.slice(0, 8).map((d, i) => (
                <li key={i}>{d}</li>
              ))}
            </ul>
          }
        />
      )}
      <Tabs
        tabBarGutter={phone ? 20 : undefined}
        items={[
          {
            key: 'structure',
            label: 'Mục và chỉ tiêu',
            children: (
              <ConfigProvider componentDisabled={readOnly}>
                <Structure draft={draft} onChange={setDraft} />
              </ConfigProvider>
            ),
          },
          {
            key: 'rules',
            label: phone ? 'Quy tắc' : 'Quy tắc kiểm tra',
            children: (
              <ConfigProvider componentDisabled={readOnly}>
                <RulesEditor template={draft} onChange={setDraft} />
              </ConfigProvider>
            ),
          },
          { key: 'preview', label: phone ? 'Xem trước' : 'Xem trước biểu mẫu', children: <TemplatePreview template={draft} /> },
        ]}
      />
      {copying && <CopyDialog source={published} onClose={() => setCopying(false)} />}
    </div>
  );
}

/** The title, then one folding panel per top-level section (a long template stays readable); a new section opens unfolded. */
function Structure({ draft, onChange }: { draft: TemplateDto; onChange: (t: TemplateDto) => void }) {
  const [open, setOpen] = useState<string[]>([]);
  const addSection = () => {
    const code = newSectionCode(draft, undefined);
    onChange({ ...draft, sections: [...draft.sections, { code, title: 'Mục mới' }] });
    setOpen((cur) => [...cur, code]);
  };
  return (
    <>
      <div className="editor-field">
        <label htmlFor="template-title">Tên mẫu báo cáo</label>
        <Input id="template-title" value={draft.title} maxLength={300} onChange={(e) => onChange({ ...draft, title: e.target.value })} />
      </div>
      <p className="muted">
        Trong tiêu đề có thể viết {'{period}'} (tên kỳ báo cáo, ví dụ “9 tháng năm 2026”) và {'{next}'} (kỳ tiếp theo, ví dụ “3 tháng cuối
        năm 2026”); báo cáo sẽ tự điền.
      </p>
      <p>Bấm vào tên mục để mở hoặc thu gọn.</p>
      <Collapse
        className="editor-collapse"
        activeKey={open}
        onChange={(keys) => setOpen(Array.isArray(keys) ? keys : [keys])}
        items={draft.sections.map((s) => {
          const heading = sectionHeading(draft, s);
          const count = countIndicators(draft, s);
          return {
            key: s.code,
            label: (
              <span className="collapse-label">
                {heading.number}. {s.title}
                <span className="collapse-sub">
                  {count} chỉ tiêu · {unitKindsText(s.unitKinds)}
                </span>
              </span>
            ),
            children: <SectionEditor section={s} template={draft} depth={0} onChange={onChange} />,
          };
        })}
      />
      <Button className="block-gap-top" onClick={addSection}>
        Thêm mục lớn
      </Button>
    </>
  );
}

function countIndicators(t: TemplateDto, s: TemplateDto['sections'][number]): number {
  const codes = new Set(allSections([s]).map((x) => x.code));
  return t.indicators.filter((i) => codes.has(i.sectionCode)).length;
}

/** Vietnamese text in NFC, trimmed, before it is published. */
function normalized(t: TemplateDto): TemplateDto {
  return JSON.parse(JSON.stringify(t), (_k, v: unknown) => (typeof v === 'string' ? v.normalize('NFC').trim() : v)) as TemplateDto;
}
