import { Button, Checkbox, Input, Radio, Select } from 'antd';
import { useId } from 'react';
import type { IndicatorDto } from './templates.hooks';

type TableSpec = NonNullable<IndicatorDto['table']>;
type Column = TableSpec['columns'][number];

const COLUMN_TYPES = [{ value: 'integer', label: 'Số nguyên' }, { value: 'decimal', label: 'Số thập phân' }, { value: 'percent', label: 'Phần trăm (%)' }];

const nextCode = (prefix: string, used: readonly string[]) => {
  let n = used.length + 1;
  while (used.includes(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
};

/** A table indicator's rows and columns: one row per unit or fixed rows; each column's kind and whether the total row adds it up. */
export function TableSpecEditor({ table, onChange }: { table: TableSpec; onChange: (next: TableSpec) => void }) {
  const id = useId();
  const set = (patch: Partial<TableSpec>) => onChange({ ...table, ...patch });
  const setColumn = (i: number, patch: Partial<Column>) => set({ columns: table.columns.map((c, k) => (k === i ? { ...c, ...patch } : c)) });
  const rows = table.rows ?? [];
  return (
    <div className="editor-field">
      <span className="field-label" id={`${id}-src`}>Dòng của bảng</span>
      <Radio.Group aria-labelledby={`${id}-src`} value={table.rowSource}
        onChange={(e) => set({ rowSource: e.target.value, ...(e.target.value === 'fixed' && rows.length === 0 ? { rows: [{ code: 'D1', label: 'Dòng 1' }] } : {}) })}
        options={[{ value: 'units', label: 'Mỗi đơn vị một dòng' }, { value: 'fixed', label: 'Các dòng cố định' }]} />
      <div className="editor-row">
        <div className="editor-field">
          <label htmlFor={`${id}-rh`}>Tiêu đề cột đầu</label>
          <Input id={`${id}-rh`} value={table.rowHeader} onChange={(e) => set({ rowHeader: e.target.value })} />
        </div>
        <div className="editor-field">
          <label htmlFor={`${id}-tl`}>Tên dòng tổng (để trống: không có)</label>
          <Input id={`${id}-tl`} value={table.totalLabel ?? ''} onChange={(e) => set(e.target.value ? { totalLabel: e.target.value } : { totalLabel: undefined })} />
        </div>
      </div>
      <table className="editor-table">
        <caption className="field-label">Các cột</caption>
        <thead><tr><th scope="col">Tiêu đề cột</th><th scope="col">Kiểu</th><th scope="col">Cộng ở dòng tổng</th><th scope="col"><span className="sr-only">Xóa</span></th></tr></thead>
        <tbody>
          {table.columns.map((c, i) => (
            <tr key={c.code}>
              <td><Input aria-label={`Tiêu đề cột ${i + 1}`} value={c.label} onChange={(e) => setColumn(i, { label: e.target.value })} /></td>
              <td><Select aria-label={`Kiểu của cột ${i + 1}`} className="w-12" value={c.valueType} options={COLUMN_TYPES} virtual={false}
                onChange={(v) => setColumn(i, { valueType: v as Column['valueType'], ...(v === 'percent' ? { aggregation: 'none' } : {}) })} /></td>
              <td><Checkbox aria-label={`Cộng cột ${i + 1} ở dòng tổng`} checked={c.aggregation === 'sum'} disabled={c.valueType === 'percent'}
                onChange={(e) => setColumn(i, { aggregation: e.target.checked ? 'sum' : 'none' })} /></td>
              <td><Button size="small" disabled={table.columns.length === 1} onClick={() => set({ columns: table.columns.filter((_, k) => k !== i) })}>Xóa cột</Button></td>
            </tr>
          ))}
        </tbody>
      </table>
      <div>
        <Button size="small" onClick={() => set({ columns: [...table.columns, { code: nextCode('C', table.columns.map((c) => c.code)), label: 'Cột mới', valueType: 'integer', aggregation: 'sum' }] })}>Thêm cột</Button>
      </div>
      {table.rowSource === 'fixed' && (
        <>
          <span className="field-label">Các dòng cố định</span>
          {rows.map((r, i) => (
            <div className="editor-row" key={r.code}>
              <Input aria-label={`Tên dòng ${i + 1}`} className="editor-grow" value={r.label}
                onChange={(e) => set({ rows: rows.map((x, k) => (k === i ? { ...x, label: e.target.value } : x)) })} />
              <Button size="small" disabled={rows.length === 1} onClick={() => set({ rows: rows.filter((_, k) => k !== i) })}>Xóa dòng</Button>
            </div>
          ))}
          <div><Button size="small" onClick={() => set({ rows: [...rows, { code: nextCode('D', rows.map((r) => r.code)), label: 'Dòng mới' }] })}>Thêm dòng</Button></div>
        </>
      )}
    </div>
  );
}
