import { Button, Checkbox, Input, Select } from 'antd';
import { useId } from 'react';
import { TableSpecEditor } from './TableSpecEditor';
import { indicatorCodeFrom, MONEY_UNITS, QUALIFIER_OPTIONS, VALUE_TYPE_LABELS, withValueType } from './template-editor.model';
import type { IndicatorDto } from './templates.hooks';

type Props = { indicator: IndicatorDto; takenCodes: string[]; onChange: (next: IndicatorDto) => void; onRemove: () => void };

/** One indicator: its name, the kind of value and its unit, the qualifiers allowed, a yes/no's wording, a table's rows and columns. Its code is secondary ("Mã"). */
export function IndicatorEditor({ indicator: ind, takenCodes, onChange, onRemove }: Props) {
  const id = useId();
  const set = (patch: Partial<IndicatorDto>) => onChange({ ...ind, ...patch });
  const coverage = ind.coverage ?? { noun: '', activity: '' };
  // While the code is still the one made from the name, it follows the name.
  const rename = (name: string) =>
    set({ name, ...(ind.code === indicatorCodeFrom(ind.name, takenCodes) ? { code: indicatorCodeFrom(name, takenCodes) } : {}) });
  return (
    <fieldset className="editor-indicator" aria-label={`Chỉ tiêu: ${ind.name}`}>
      <div className="editor-row">
        <div className="editor-field editor-grow">
          <label htmlFor={`${id}-name`}>Tên chỉ tiêu</label>
          <Input id={`${id}-name`} value={ind.name} maxLength={300} onChange={(e) => rename(e.target.value)} />
        </div>
        <div className="editor-field">
          <label htmlFor={`${id}-type`}>Kiểu số liệu</label>
          <Select
            id={`${id}-type`}
            className="w-20"
            value={ind.valueType}
            virtual={false}
            options={Object.entries(VALUE_TYPE_LABELS).map(([value, label]) => ({ value, label }))}
            onChange={(v) => onChange(withValueType(ind, v))}
          />
        </div>
        <UnitField indicator={ind} id={id} set={set} />
      </div>
      {(ind.valueType === 'boolean' || ind.valueType === 'ratio') && (
        <div className="editor-row">
          <div className="editor-field">
            <label htmlFor={`${id}-noun`}>Gọi chung các đơn vị</label>
            <Input
              id={`${id}-noun`}
              value={coverage.noun}
              placeholder="Ví dụ: xã, thị trấn"
              onChange={(e) => set({ coverage: { ...coverage, noun: e.target.value } })}
            />
          </div>
          <div className="editor-field editor-grow">
            <label htmlFor={`${id}-activity`}>Việc đơn vị đã làm (khi trả lời “Có”)</label>
            <Input
              id={`${id}-activity`}
              value={coverage.activity}
              placeholder="Ví dụ: tổ chức hội nghị phản biện xã hội"
              onChange={(e) => set({ coverage: { ...coverage, activity: e.target.value } })}
            />
          </div>
        </div>
      )}
      {ind.valueType === 'table' && ind.table && <TableSpecEditor table={ind.table} onChange={(table) => set({ table })} />}
      {ind.valueType !== 'boolean' && ind.valueType !== 'table' && (
        <div className="editor-field">
          <span className="field-label" id={`${id}-q`}>
            Cho phép ghi kèm
          </span>
          <Checkbox.Group
            aria-labelledby={`${id}-q`}
            options={QUALIFIER_OPTIONS}
            value={ind.allowedQualifiers}
            onChange={(v) => set({ allowedQualifiers: v as IndicatorDto['allowedQualifiers'] })}
          />
        </div>
      )}
      <div className="editor-row">
        <div className="editor-field editor-code">
          <label htmlFor={`${id}-code`}>Mã (dùng trong quy tắc)</label>
          <Input
            id={`${id}-code`}
            size="small"
            value={ind.code}
            maxLength={60}
            onChange={(e) => set({ code: e.target.value.toUpperCase().replace(/[^A-Z0-9_]/g, '_') })}
          />
        </div>
        <Button danger size="small" onClick={onRemove} aria-label={`Xóa chỉ tiêu ${ind.name}`}>
          Xóa chỉ tiêu
        </Button>
      </div>
    </fieldset>
  );
}

function UnitField({ indicator: ind, id, set }: { indicator: IndicatorDto; id: string; set: (p: Partial<IndicatorDto>) => void }) {
  if (ind.valueType === 'table' || ind.valueType === 'boolean') return null;
  if (ind.valueType === 'money') {
    const money = MONEY_UNITS.map((u) => ({ value: u, label: u }));
    return (
      <>
        <div className="editor-field">
          <label htmlFor={`${id}-unit`}>Đơn vị nhập</label>
          <Select id={`${id}-unit`} className="w-12" value={ind.unit} options={money} virtual={false} onChange={(unit) => set({ unit })} />
        </div>
        <div className="editor-field">
          <label htmlFor={`${id}-display`}>Ghi trong báo cáo theo</label>
          <Select
            id={`${id}-display`}
            className="w-12"
            value={ind.displayUnit ?? ind.unit}
            options={money}
            virtual={false}
            onChange={(displayUnit) => set({ displayUnit: displayUnit as IndicatorDto['displayUnit'] })}
          />
        </div>
      </>
    );
  }
  return (
    <div className="editor-field">
      <label htmlFor={`${id}-unit`}>Đơn vị tính</label>
      <Input
        id={`${id}-unit`}
        className="w-12"
        value={ind.unit}
        disabled={ind.valueType === 'percent'}
        maxLength={60}
        placeholder="Ví dụ: buổi, lượt người"
        onChange={(e) => set({ unit: e.target.value })}
      />
    </div>
  );
}
