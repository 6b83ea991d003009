import { Select } from 'antd';
import { useState } from 'react';
import { useUnitSearch } from './admin.hooks';

export interface KnownUnit {
  id: string;
  name: string;
}

/**
 * Picks registered units by typing part of a name, short name or another name (asked of the server: the
 * registry can be large). `known` names the units already chosen, so they show by name, never by code.
 */
export function UnitPicker({
  id,
  value,
  onChange,
  known,
  multiple,
  label,
}: {
  id?: string;
  value?: string | string[] | null;
  onChange?: (v: string | string[] | null) => void;
  known: KnownUnit[];
  multiple?: boolean;
  label: string;
}) {
  const [q, setQ] = useState('');
  const found = useUnitSearch(q);
  const [names, setNames] = useState<Map<string, string>>(() => new Map(known.map((u) => [u.id, u.name])));
  const options = new Map(names);
  for (const u of found.data ?? []) options.set(u.id, u.canonicalName);
  return (
    <Select<string | string[]>
      id={id}
      aria-label={label}
      mode={multiple ? 'multiple' : undefined}
      allowClear
      // The picker clears its search text on select and blur: the last results stay, so a click lands on what was shown.
      showSearch={{
        filterOption: false,
        onSearch: (text) => {
          if (text.trim()) setQ(text);
        },
      }}
      notFoundContent={q.trim().length < 2 ? 'Gõ ít nhất 2 chữ để tìm' : found.isFetching ? 'Đang tìm…' : 'Không tìm thấy đơn vị'}
      value={value ?? (multiple ? [] : undefined)}
      onChange={(v) => {
        const chosen = Array.isArray(v) ? v : v ? [v] : [];
        setNames((m) => {
          const next = new Map(m);
          for (const c of chosen) if (options.has(c)) next.set(c, options.get(c)!);
          return next;
        });
        onChange?.(v ?? (multiple ? [] : null));
      }}
      options={[...options].map(([value, label]) => ({ value, label }))}
    />
  );
}
