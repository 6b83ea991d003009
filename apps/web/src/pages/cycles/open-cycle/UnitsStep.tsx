import { Alert, Button, Checkbox, Input, Space, Typography } from 'antd';
import type { Dispatch, SetStateAction } from 'react';
import type { OrgUnit } from '../open-cycle.hooks';
import { matchesUnit, type UnitGroup } from '../open-cycle.model';
import { STEP_TITLES } from './open-cycle.form';

type Props = {
  hidden: boolean;
  rootName: string | undefined;
  groups: UnitGroup[];
  selected: string[];
  setSelected: Dispatch<SetStateAction<string[]>>;
  search: string;
  setSearch: (s: string) => void;
  error: string | null;
  clearError: () => void;
};

/** Step 3: the reporting units, in two groups (organisations, communes), all at once or one by one, found by name or alias. */
export function UnitsStep({ hidden, rootName, groups, selected, setSelected, search, setSearch, error, clearError }: Props) {
  const visible = (list: OrgUnit[]) => list.filter((u) => matchesUnit(u, search));
  const toggleAll = (list: OrgUnit[], on: boolean) => {
    const ids = new Set(list.map((u) => u.id));
    clearError();
    setSelected((cur) => (on ? [...new Set([...cur, ...ids])] : cur.filter((id) => !ids.has(id))));
  };
  return (
    <section hidden={hidden} aria-label={STEP_TITLES[2]}>
      <Typography.Title level={2}>{STEP_TITLES[2]}</Typography.Title>
      <p>
        Đã chọn <strong>{selected.length}</strong> đơn vị{rootName ? ` trực thuộc ${rootName}` : ''}.
      </p>
      <Input.Search
        aria-label="Tìm đơn vị theo tên hoặc tên gọi khác"
        placeholder="Tìm theo tên hoặc tên gọi khác"
        allowClear
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        className="unit-search"
      />
      {groups.map((g) => {
        const shown = visible(g.units);
        const allOn = g.units.length > 0 && g.units.every((u) => selected.includes(u.id));
        return (
          <fieldset key={g.key} className="unit-group">
            <legend>
              {g.label} ({g.units.filter((u) => selected.includes(u.id)).length}/{g.units.length})
            </legend>
            <Space wrap className="unit-group-actions">
              <Button size="small" onClick={() => toggleAll(g.units, !allOn)}>
                {allOn ? g.clearAllLabel : g.selectAllLabel}
              </Button>
            </Space>
            {shown.length === 0 ? (
              <p className="muted">Không có đơn vị phù hợp.</p>
            ) : (
              <ul className="unit-list">
                {shown.map((u) => (
                  <li key={u.id}>
                    <Checkbox
                      checked={selected.includes(u.id)}
                      onChange={(e) => {
                        clearError();
                        setSelected((cur) => (e.target.checked ? [...cur, u.id] : cur.filter((id) => id !== u.id)));
                      }}
                    >
                      {u.canonicalName}
                      {u.aliases.length > 0 && <span className="muted"> (còn gọi: {u.aliases.join(', ')})</span>}
                    </Checkbox>
                  </li>
                ))}
              </ul>
            )}
          </fieldset>
        );
      })}
      {error && <Alert type="error" showIcon role="alert" title={error} />}
    </section>
  );
}
