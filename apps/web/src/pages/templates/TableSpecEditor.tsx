import { Button, Checkbox, Input, Radio, Select } from 'antd';
import { useId } from 'react';
import type { IndicatorDto } from './templates.hooks';

type TableSpec = NonNullable<IndicatorDto['table']>;
type Column = TableSpec['columns'][number];

const COLUMN_TYPES = [
  { value: 'integer', label: 'Số nguyên' },
  { value: 'decimal', label: 'Số thập phân' },
  { value: 'percent', label: 'Phần trăm (%)' },
];

const nextCode = (prefix: string, used: readonly string[]) => {
  let n = used.length + 1;
  while (used.includes(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
};

/** A table indicator's rows and columns: one row per unit or fixed rows; each column's kind and whether the total row adds it up. */
export function TableSpecEditor({ table, onChange }: { table: TableSpec; onChange: (next: TableSpec) => void }) {
  const id = useId();
  const set = (patch: Partial<TableSpec>) => onChange({ ...table, ...patch });
  const setColumn = (i: number, patch: Partial<Column>) =>
    set({ columns: table.columns.map((c, k) => (k === i ? { ...c, ...patch } : c)) });
  const rows = table.rows ?? [];
  return (
    <div className="editor-field">
      <span className="field-label" id={`${id}-src`}>
        Dòng của bảng
      </span>
      <Radio.Group
        aria-labelledby={`${id}-src`}
        value={table.rowSource}
        onChange={(e) =>
          set({
            rowSource: e.target.value,
            ...(e.target.value === 'fixed' && rows.length === 0 ? { rows: [{ code: 'D1', label: 'Dòng 1' }] } : {}),
          })
        }
        options={[
          { value: 'units', label: 'Mỗi đơn vị một dòng' },
          { value: 'fixed', label: 'Các dòng cố định' },
        ]}
      />
      <div className="editor-row">
        <div className="editor-field">
          <label htmlFor={`${id}-rh`}>Tiêu đề cột đầu</label>
          <Input id={`${id}-rh`} value={table.rowHeader} onChange={(e) => set({ rowHeader: e.target.value })} />
        </div>
        <div className="editor-field">
          <label htmlFor={`${id}-tl`}>Tên dòng tổng (để trống: không có)</label>
          <Input
            id={`${id}-tl`}
            value={table.totalLabel ?? ''}
            onChange={(e) => set(e.target.value ? { totalLabel: e.target.value } : { totalLabel: undefined })}
          />
        </div>
      </div>
      <span className="field-label" id={`${id}-cols`}>
        Các cột
      </span>
      <div className="table-scroll">
        <table className="editor-table" aria-labelledby={`${id}-cols`}>
          <thead>
            <tr>
              <th scope="col">Tiêu đề cột</th>
              <th scope="col">Kiểu</th>
              <th scope="col">Ở dòng tổng</th>
              <th scope="col">
                <span className="sr-only">Xóa</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {table.columns.map((c, i) => (
              <tr key={c.code}>
                <td>
                  <Input aria-label={`Tiêu đề cột ${i + 1}`} value={c.label} onChange={(e) => setColumn(i, { label: e.target.value })} />
                </td>
                <td>
                  <Select
                    aria-label={`Kiểu của cột ${i + 1}`}
                    className="w-12"
                    value={c.valueType}
                    options={COLUMN_TYPES}
                    virtual={false}
                    onChange={(v) =>
                      setColumn(i, {
                        valueType: v as Column['valueType'],
                        ...(v === 'percent' ? { aggregation: 'none' } : { total: undefined }),
                      })
                    }
                  />
                </td>
                <td>
                  {c.valueType === 'percent' ? (
                    <Select
                      aria-label={`Cách tính cột ${i + 1} ở dòng tổng`}
                      className="w-20"
                      virtual={false}
                      value={totalKey(c)}
                      options={totalOptions(table.columns, c)}
                      onChange={(v) => setColumn(i, { total: totalOf(v) })}
                    />
                  ) : (
                    <Checkbox
                      aria-label={`Cộng cột ${i + 1} ở dòng tổng`}
                      checked={c.aggregation === 'sum'}
                      onChange={(e) => setColumn(i, { aggregation: e.target.checked ? 'sum' : 'none' })}
                    />
                  )}
                </td>
                <td>
                  <Button
                    size="small"
                    disabled={table.columns.length === 1}
                    onClick={() => set({ columns: table.columns.filter((_, k) => k !== i) })}
                  >
                    Xóa cột
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div>
        <Button
          size="small"
          onClick={() =>
            set({
              columns: [
                ...table.columns,
                {
                  code: nextCode(
                    'C',
                    table.columns.map((c) => c.code),
                  ),
                  label: 'Cột mới',
                  valueType: 'integer',
                  aggregation: 'sum',
                },
              ],
            })
          }
        >
          Thêm cột
        </Button>
      </div>
      {table.rowSource === 'fixed' && (
        <>
          <span className="field-label">Các dòng cố định</span>
          {rows.map((r, i) => (
            <div className="editor-row" key={r.code}>
              <Input
                aria-label={`Tên dòng ${i + 1}`}
                className="editor-grow"
                value={r.label}
                onChange={(e) => set({ rows: rows.map((x, k) => (k === i ? { ...x, label: e.target.value } : x)) })}
              />
              <Button size="small" disabled={rows.length === 1} onClick={() => set({ rows: rows.filter((_, k) => k !== i) })}>
                Xóa dòng
              </Button>
            </div>
          ))}
          <div>
            <Button
              size="small"
              onClick={() =>
                set({
                  rows: [
                    ...rows,
                    {
                      code: nextCode(
                        'D',
                        rows.map((r) => r.code),
                      ),
                      label: 'Dòng mới',
                    },
                  ],
                })
              }
            >
              Thêm dòng
            </Button>
          </div>
        </>
      )}
    </div>
  );
}

/** A percent column's total rule as one select value: '' (blank), 'weighted:BY', 'ratio:NUM:DEN'. */
const totalKey = (c: Column): string =>
  !c.total
    ? ''
    : c.total.kind === 'weighted'
      ? `weighted:${c.total.by ?? ''}`
      : `ratio:${c.total.numerator ?? ''}:${c.total.denominator ?? ''}`;

function totalOf(key: string): Column['total'] {
  const [kind, a, b] = key.split(':');
  if (kind === 'weighted') return { kind: 'weighted', by: a };
  if (kind === 'ratio') return { kind: 'ratio', numerator: a, denominator: b };
  return undefined;
}

/** The ways a percent column may be totalled from the table's count columns, in words. */
function totalOptions(columns: readonly Column[], c: Column) {
  const counts = columns.filter((x) => x.code !== c.code && x.valueType !== 'percent');
  return [
    { value: '', label: 'Để trống' },
    ...counts.map((w) => ({ value: `weighted:${w.code}`, label: `Bình quân theo “${w.label}”` })),
    ...counts.flatMap((n) =>
      counts.filter((d) => d !== n).map((d) => ({ value: `ratio:${n.code}:${d.code}`, label: `Tổng “${n.label}” chia tổng “${d.label}”` })),
    ),
  ];
}
