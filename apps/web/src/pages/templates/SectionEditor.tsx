import { Button, Checkbox, Input, Popconfirm, Select } from 'antd';
import { useId } from 'react';
import { sectionHeading } from '../submission/form/form-model';
import { IndicatorEditor } from './IndicatorEditor';
import { mapSection, newIndicator, newSectionCode, removeSection, rulesKeeping, UNIT_KIND_OPTIONS } from './template-editor.model';
import type { IndicatorDto, SectionDto, TemplateDto } from './templates.hooks';

type Props = { section: SectionDto; template: TemplateDto; depth: number; onChange: (next: TemplateDto) => void };

/**
 * One section of the template and, nested, its sub-sections: its title, whether it is a "Phần" (top level only),
 * the kinds of unit that answer it (none chosen: every unit), its indicators.
 */
export function SectionEditor({ section, template, depth, onChange }: Props) {
  const id = useId();
  const setSection = (patch: Partial<SectionDto>) =>
    onChange({ ...template, sections: mapSection(template.sections, section.code, (s) => ({ ...s, ...patch })) });
  const indicators = template.indicators.filter((i) => i.sectionCode === section.code);
  const setIndicator = (code: string, next: IndicatorDto) => {
    const list = template.indicators.map((i) => (i.code === code ? next : i));
    // A renamed code carries its rules along.
    const rename = (c: string | undefined) => (c === code ? next.code : c);
    const rules =
      next.code === code
        ? template.rules
        : template.rules.map((r) => ({
            ...r,
            ...(r.left ? { left: rename(r.left) } : {}),
            ...(r.right ? { right: rename(r.right) } : {}),
            ...(r.indicator ? { indicator: rename(r.indicator) } : {}),
            ...(r.total ? { total: rename(r.total) } : {}),
            ...(r.parts ? { parts: r.parts.map((p) => rename(p)!) } : {}),
          }));
    onChange({ ...template, indicators: list, rules });
  };
  const removeIndicator = (code: string) => {
    const list = template.indicators.filter((i) => i.code !== code);
    onChange({ ...template, indicators: list, rules: rulesKeeping(template.rules, list) });
  };
  const addChild = () => {
    const code = newSectionCode(template, section.code);
    onChange({
      ...template,
      sections: mapSection(template.sections, section.code, (s) => ({
        ...s,
        children: [...(s.children ?? []), { code, title: 'Mục mới' }],
      })),
    });
  };
  const Heading = depth === 0 ? 'h3' : 'h4';
  const number = sectionHeading(template, section).number;
  return (
    <section className="editor-section" aria-labelledby={`${id}-h`}>
      <Heading id={`${id}-h`} className="sr-only">
        {section.part ? number : `Mục ${number}`}: {section.title}
      </Heading>
      <div className="editor-section-head">
        <span className="editor-section-number" aria-hidden>
          {number}.
        </span>
        <div className="editor-field editor-grow">
          <label htmlFor={`${id}-title`}>Tiêu đề mục {number}</label>
          <Input id={`${id}-title`} value={section.title} maxLength={300} onChange={(e) => setSection({ title: e.target.value })} />
        </div>
        {depth === 0 && (
          <Checkbox checked={!!section.part} onChange={(e) => setSection({ part: e.target.checked || undefined })}>
            Là một “Phần” (Phần thứ nhất, thứ hai …)
          </Checkbox>
        )}
      </div>
      <div className="editor-field">
        <label htmlFor={`${id}-kinds`}>Đơn vị trả lời mục này</label>
        <Select
          id={`${id}-kinds`}
          mode="multiple"
          allowClear
          virtual={false}
          placeholder="Tất cả đơn vị"
          optionFilterProp="label"
          value={section.unitKinds ?? []}
          options={UNIT_KIND_OPTIONS}
          onChange={(kinds: string[]) => setSection({ unitKinds: kinds.length > 0 ? kinds : undefined })}
        />
      </div>
      {indicators.map((ind) => (
        <IndicatorEditor
          key={template.indicators.indexOf(ind)}
          indicator={ind}
          takenCodes={template.indicators.filter((i) => i !== ind).map((i) => i.code)}
          onChange={(next) => setIndicator(ind.code, next)}
          onRemove={() => removeIndicator(ind.code)}
        />
      ))}
      {(section.children ?? []).map((c) => (
        <SectionEditor key={c.code} section={c} template={template} depth={depth + 1} onChange={onChange} />
      ))}
      <div className="editor-actions">
        <Button onClick={() => onChange({ ...template, indicators: [...template.indicators, newIndicator(template, section.code)] })}>
          Thêm chỉ tiêu vào mục {number}
        </Button>
        <Button onClick={addChild}>Thêm mục con của mục {number}</Button>
        <Popconfirm
          title={`Xóa mục ${section.code} cùng các mục con và chỉ tiêu của nó?`}
          okText="Xóa"
          cancelText="Không"
          onConfirm={() => onChange(removeSection(template, section.code))}
        >
          <Button danger>Xóa mục {number}</Button>
        </Popconfirm>
      </div>
    </section>
  );
}
