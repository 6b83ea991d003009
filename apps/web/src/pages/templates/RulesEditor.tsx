import { Alert, Button, Input, InputNumber, Select } from 'antd';
import { useId } from 'react';
import { newRule, RULE_KIND_LABELS, withRuleKind } from './template-editor.model';
import type { RuleDto, TemplateDto } from './templates.hooks';

type Props = { template: TemplateDto; onChange: (next: TemplateDto) => void };

const SEVERITIES = [
  { value: 'error', label: 'Lỗi: không cho gửi báo cáo' },
  { value: 'warning', label: 'Cảnh báo: vẫn gửi được' },
];

/** The template's checks on the figures: the kind of check, the indicators it reads (by name), how serious, the message the unit sees. */
export function RulesEditor({ template, onChange }: Props) {
  const setRule = (i: number, next: RuleDto) => onChange({ ...template, rules: template.rules.map((r, k) => (k === i ? next : r)) });
  return (
    <>
      <p className="muted">Quy tắc được kiểm tra ngay khi đơn vị nhập số liệu và khi gửi báo cáo.</p>
      {template.rules.length === 0 && <Alert type="info" showIcon title="Mẫu chưa có quy tắc kiểm tra nào." className="block-gap" />}
      {template.rules.map((r, i) => (
        <RuleRow
          key={i}
          n={i + 1}
          rule={r}
          template={template}
          onChange={(next) => setRule(i, next)}
          onRemove={() => onChange({ ...template, rules: template.rules.filter((_, k) => k !== i) })}
        />
      ))}
      <Button
        disabled={template.indicators.length === 0}
        onClick={() => onChange({ ...template, rules: [...template.rules, newRule(template)] })}
      >
        Thêm quy tắc
      </Button>
    </>
  );
}

function RuleRow({
  n,
  rule,
  template,
  onChange,
  onRemove,
}: {
  n: number;
  rule: RuleDto;
  template: TemplateDto;
  onChange: (r: RuleDto) => void;
  onRemove: () => void;
}) {
  const id = useId();
  const options = template.indicators.map((i) => ({ value: i.code, label: i.name }));
  const pick = (field: 'left' | 'right' | 'indicator' | 'total', label: string) => (
    <div className="editor-field editor-grow">
      <label htmlFor={`${id}-${field}`}>{label}</label>
      <Select
        id={`${id}-${field}`}
        value={rule[field]}
        options={options}
        virtual={false}
        showSearch={{ optionFilterProp: 'label' }}
        onChange={(v) => onChange({ ...rule, [field]: v })}
      />
    </div>
  );
  return (
    <fieldset className="editor-section">
      <legend className="field-label">Quy tắc {n}</legend>
      <div className="editor-row">
        <div className="editor-field editor-grow">
          <label htmlFor={`${id}-kind`}>Loại kiểm tra</label>
          <Select
            id={`${id}-kind`}
            value={rule.kind}
            virtual={false}
            options={Object.entries(RULE_KIND_LABELS).map(([value, label]) => ({ value, label }))}
            onChange={(k) => onChange(withRuleKind(rule, k, template.indicators))}
          />
        </div>
        <div className="editor-field">
          <label htmlFor={`${id}-sev`}>Mức độ</label>
          <Select
            id={`${id}-sev`}
            className="w-20"
            value={rule.severity}
            options={SEVERITIES}
            virtual={false}
            onChange={(severity) => onChange({ ...rule, severity })}
          />
        </div>
      </div>
      <div className="editor-row">
        {rule.kind === 'gte' && (
          <>
            {pick('left', 'Chỉ tiêu')}
            {pick('right', 'không được nhỏ hơn chỉ tiêu')}
          </>
        )}
        {rule.kind === 'sum_of_parts' && (
          <>
            {pick('total', 'Chỉ tiêu tổng')}
            <div className="editor-field editor-grow">
              <label htmlFor={`${id}-parts`}>bằng tổng các chỉ tiêu</label>
              <Select
                id={`${id}-parts`}
                mode="multiple"
                value={rule.parts ?? []}
                options={options}
                virtual={false}
                optionFilterProp="label"
                onChange={(parts: string[]) => onChange({ ...rule, parts })}
              />
            </div>
          </>
        )}
        {['ratio_le', 'required', 'non_negative', 'change_vs_previous'].includes(rule.kind) && pick('indicator', 'Chỉ tiêu')}
        {rule.kind === 'change_vs_previous' && (
          <div className="editor-field">
            <label htmlFor={`${id}-th`}>Ngưỡng thay đổi (%)</label>
            <InputNumber
              id={`${id}-th`}
              min={1}
              max={1000}
              value={rule.thresholdPercent}
              onChange={(v) => onChange({ ...rule, thresholdPercent: v ?? undefined })}
            />
          </div>
        )}
      </div>
      <div className="editor-field">
        <label htmlFor={`${id}-msg`}>Thông báo cho đơn vị khi vi phạm</label>
        <Input id={`${id}-msg`} value={rule.messageVi} maxLength={500} onChange={(e) => onChange({ ...rule, messageVi: e.target.value })} />
      </div>
      <Button danger size="small" onClick={onRemove}>
        Xóa quy tắc {n}
      </Button>
    </fieldset>
  );
}
