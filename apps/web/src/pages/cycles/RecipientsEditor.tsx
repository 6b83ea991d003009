import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined } from '@ant-design/icons';
import { Alert, App, Button, Input, Select, Space } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { OfficialDocument, RecipientPurpose } from '@domain/document/document.model';
import { recipientLines } from '@domain/document/official-document';
import { api, call, messageOf, type Schemas } from '../../api/client';
import { useUnitSearch } from '../admin/admin.hooks';
import './recipients-editor.css';

type Report = Schemas['ReportDto'];
interface Line {
  key: number;
  name: string;
  purpose?: RecipientPurpose;
  unitIds?: string[];
}

const PURPOSES: { value: RecipientPurpose | ''; label: string }[] = [
  { value: 'b/c', label: 'b/c – báo cáo' },
  { value: 'đ/b', label: 'đ/b – để biết' },
  { value: 't/d', label: 't/d – theo dõi' },
  { value: '', label: 'Không ghi' },
];
const MAX_LINE = 200;
let nextKey = 1;

/** The places of the Lưu line as typed ("Văn phòng Huyện ủy, Ban Dân vận"), one per comma. */
const places = (text: string) =>
  text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);

/**
 * Văn thư finalises Nơi nhận at issuance (PUT …/report/recipients): lines for registry units (found by name,
 * distribution delivers to them) and free lines for bodies outside the registry, each with its purpose, in the
 * printed order, and the Lưu line. The signed text is not touched; the preview shows the block as printed.
 */
export function RecipientsEditor({ cycleId, report, onDone }: { cycleId: string; report: Report; onDone: () => void }) {
  const doc = report.document as unknown as OfficialDocument;
  const [lines, setLines] = useState<Line[]>(() =>
    doc.recipients.map((r) => ({ key: nextKey++, name: r.name, purpose: r.purpose, unitIds: r.unitIds ? [...r.unitIds] : undefined })),
  );
  const [archive, setArchive] = useState(doc.archive.join(', '));
  const [free, setFree] = useState('');
  const [search, setSearch] = useState('');
  const found = useUnitSearch(search);
  const units = (found.data ?? []).filter((u) => !u.activeTo);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const save = useMutation({
    mutationFn: () =>
      call(
        api.PUT('/cycles/{cycleId}/report/recipients', {
          params: { path: { cycleId }, header: { 'If-Match': `"${report.streamVersion}"` } },
          body: {
            recipients: lines.map((l) => ({
              name: l.name.trim(),
              ...(l.purpose ? { purpose: l.purpose } : {}),
              ...(l.unitIds ? { unitIds: l.unitIds } : {}),
            })),
            archive: places(archive),
          },
        } as never),
      ),
    onSuccess: async () => {
      message.success('Đã lưu nơi nhận.');
      await qc.invalidateQueries({ queryKey: ['report', cycleId] });
      onDone();
    },
  });

  const update = (key: number, change: Partial<Line>) => setLines((ls) => ls.map((l) => (l.key === key ? { ...l, ...change } : l)));
  const move = (i: number, by: number) =>
    setLines((ls) => {
      const out = [...ls];
      [out[i], out[i + by]] = [out[i + by], out[i]];
      return out;
    });
  const add = (line: Omit<Line, 'key'>) => setLines((ls) => [...ls, { key: nextKey++, ...line }]);
  const blank = lines.some((l) => l.name.trim() === '') || places(archive).length === 0;
  const preview = recipientLines({ number: doc.number, recipients: lines.filter((l) => l.name.trim()), archive: places(archive) });

  return (
    <section aria-labelledby="recipients-editor" className="block-gap recipients-editor">
      <h3 id="recipients-editor" className="card-heading">
        Nơi nhận
      </h3>
      <ol className="recipient-lines">
        {lines.map((l, i) => (
          <li key={l.key} className="recipient-line">
            <Input
              aria-label={`Nơi nhận dòng ${i + 1}`}
              value={l.name}
              maxLength={MAX_LINE}
              status={l.name.trim() ? undefined : 'error'}
              suffix={<span className="recipient-kind">{l.unitIds ? 'trong danh mục' : 'ngoài danh mục'}</span>}
              onChange={(e) => update(l.key, { name: e.target.value })}
            />
            <Space size="small">
              <Select
                aria-label={`Mục đích gửi dòng ${i + 1}`}
                className="recipient-purpose"
                value={l.purpose ?? ''}
                options={PURPOSES}
                onChange={(v: RecipientPurpose | '') => update(l.key, { purpose: v || undefined })}
              />
              <Button aria-label={`Đưa dòng ${i + 1} lên`} icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, -1)} />
              <Button
                aria-label={`Đưa dòng ${i + 1} xuống`}
                icon={<ArrowDownOutlined />}
                disabled={i === lines.length - 1}
                onClick={() => move(i, 1)}
              />
              <Button
                aria-label={`Bỏ dòng ${i + 1}`}
                icon={<DeleteOutlined />}
                danger
                onClick={() => setLines((ls) => ls.filter((o) => o.key !== l.key))}
              />
            </Space>
          </li>
        ))}
      </ol>
      <div className="recipient-add">
        <Select
          showSearch
          aria-label="Thêm đơn vị trong danh mục"
          placeholder="Thêm đơn vị trong danh mục: gõ tên để tìm"
          className="recipient-unit-search"
          value={null}
          filterOption={false}
          onSearch={setSearch}
          loading={found.isFetching}
          notFoundContent={search.trim().length < 2 ? 'Gõ ít nhất 2 chữ của tên đơn vị' : 'Không tìm thấy đơn vị'}
          // Options are keyed by their place in the results: no registry id reaches the page.
          options={units.map((u, i) => ({ value: String(i), label: u.canonicalName }))}
          onSelect={(i: string | null) => {
            const unit = units[Number(i)];
            if (unit) add({ name: unit.canonicalName, unitIds: [unit.id] });
            setSearch('');
          }}
        />
        <Space.Compact className="recipient-free">
          <Input
            aria-label="Nơi nhận ngoài danh mục"
            placeholder="Nơi nhận ngoài danh mục, ví dụ: Sở Nội vụ"
            value={free}
            maxLength={MAX_LINE}
            onChange={(e) => setFree(e.target.value)}
            onPressEnter={() => {
              if (free.trim()) {
                add({ name: free.trim() });
                setFree('');
              }
            }}
          />
          <Button
            disabled={!free.trim()}
            onClick={() => {
              add({ name: free.trim() });
              setFree('');
            }}
          >
            Thêm dòng
          </Button>
        </Space.Compact>
      </div>
      <label className="recipient-archive">
        <span>Lưu (các nơi lưu, cách nhau bằng dấu phẩy)</span>
        <Input value={archive} onChange={(e) => setArchive(e.target.value)} status={places(archive).length ? undefined : 'error'} />
      </label>
      <div className="recipient-preview" role="group" aria-label="Nơi nhận như in trên văn bản">
        {preview.map((p, i) => (
          <div key={i} className={i === 0 ? 'recipient-preview-head' : undefined}>
            {p}
          </div>
        ))}
      </div>
      <Space wrap className="block-gap">
        <Button type="primary" loading={save.isPending} disabled={blank} onClick={() => save.mutate()}>
          Lưu nơi nhận
        </Button>
        <Button onClick={onDone}>Đóng</Button>
      </Space>
      {blank && <p className="recipient-hint">Mỗi dòng nơi nhận và dòng Lưu phải có nội dung.</p>}
      {save.error ? <Alert className="block-gap" role="alert" type="error" showIcon title={messageOf(save.error)} /> : null}
    </section>
  );
}
