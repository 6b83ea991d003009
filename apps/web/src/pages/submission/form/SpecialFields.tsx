import { Input, Radio } from 'antd';
import './special-fields.css';
import type { Entry, Indicator } from './form-model';

type FieldProps = {
  indicator: Indicator;
  entry: Entry;
  id: string;
  helpId?: string;
  invalid?: boolean;
  disabled?: boolean;
  set: (patch: Partial<Entry>) => void;
};

/** A yes/no indicator: "Có" or "Không" (sent as 1 or 0). */
export function YesNoField({ indicator: ind, entry, id, helpId, invalid, disabled, set }: FieldProps) {
  return (
    <fieldset className="yes-no">
      <legend className="field-label" id={`${id}-l`}>
        {ind.name}
      </legend>
      <Radio.Group
        aria-labelledby={`${id}-l`}
        aria-describedby={helpId}
        aria-invalid={invalid || undefined}
        disabled={disabled}
        value={entry.value === undefined || entry.value === '' ? undefined : entry.value === '1' ? '1' : '0'}
        onChange={(e) => set({ value: e.target.value as string })}
        options={[
          { value: '1', label: 'Có' },
          { value: '0', label: 'Không' },
        ]}
      />
    </fieldset>
  );
}

/** A table indicator: the unit's own row (one input per column) or every fixed row × column. */
export function TableField({ indicator: ind, entry, id, helpId, disabled, set }: FieldProps) {
  const spec = ind.table;
  if (!spec) return null;
  const fixed = spec.rowSource === 'fixed';
  const rows = fixed ? (spec.rows ?? []) : [{ code: '', label: 'Đơn vị mình' }];
  const value = (row: string, col: string) => (fixed ? entry.rows?.[row]?.[col] : entry.cells?.[col]) ?? '';
  const change = (row: string, col: string, text: string) =>
    fixed
      ? set({ rows: { ...entry.rows, [row]: { ...entry.rows?.[row], [col]: text } } })
      : set({ cells: { ...entry.cells, [col]: text } });
  return (
    <div className="table-field">
      <div className="field-label" id={`${id}-l`}>
        {ind.name}
      </div>
      <div className="table-scroll">
        <table className="figure-table" aria-labelledby={`${id}-l`} aria-describedby={helpId}>
          <thead>
            <tr>
              <th scope="col">{spec.rowHeader}</th>
              {spec.columns.map((c) => (
                <th scope="col" key={c.code}>
                  {c.label}
                  {c.valueType === 'percent' ? ' (%)' : ''}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.code}>
                <th scope="row">{r.label}</th>
                {spec.columns.map((c) => (
                  <td key={c.code}>
                    <Input
                      className="num"
                      inputMode="decimal"
                      autoComplete="off"
                      disabled={disabled}
                      aria-label={`${ind.name}: ${r.label}, ${c.label}`}
                      value={value(r.code, c.code)}
                      onChange={(e) => change(r.code, c.code, e.target.value)}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
