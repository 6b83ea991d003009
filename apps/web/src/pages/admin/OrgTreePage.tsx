import { Breadcrumb, Button, Card, Grid, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { CursorPager, useCursorPages } from '../../components/CursorPager';
import { PageTitle } from '../../components/PageTitle';
import { EmptyState, QueryState } from '../../components/QueryState';
import { ToneTag } from '../../components/ToneTag';
import { formatDate, num } from '../../format';
import { useOrgChildren, type OrgNode } from './admin.hooks';
import { AliasDialog, CloseUnitDialog } from './UnitDialogs';
import { DarkDanger } from '../../components/DarkDanger';
import '../office/office.css';

const period = (u: OrgNode) => (u.activeTo ? `${formatDate(u.activeFrom)} – ${formatDate(u.activeTo)}` : `Từ ${formatDate(u.activeFrom)}`);

function UnitState({ u }: { u: OrgNode }) {
  if (!u.activeTo) return <ToneTag tone="success">Đang hoạt động</ToneTag>;
  return (
    <>
      <ToneTag tone="neutral">{u.mergedIntoName ? `Đã sáp nhập vào ${u.mergedIntoName}` : 'Ngừng hoạt động'}</ToneTag>
      {u.closedReason && <div className="muted">{u.closedReason}</div>}
    </>
  );
}

/** "Cơ cấu tổ chức": the registry one level at a time (breadcrumb above), each unit with its other names, dates and merges. */
export function OrgTreePage() {
  const [path, setPath] = useState<{ id: string; name: string }[]>([]);
  const parent = path[path.length - 1];
  const pages = useCursorPages();
  const children = useOrgChildren(parent?.id, pages.cursor);
  const [dialog, setDialog] = useState<{ kind: 'alias' | 'close'; unit: OrgNode } | null>(null);
  const phone = !Grid.useBreakpoint().md;
  const go = (p: { id: string; name: string }[]) => {
    setPath(p);
    pages.reset();
  };
  const open = (u: OrgNode) => go([...path, { id: u.id, name: u.canonicalName }]);

  const actions = (u: OrgNode) => (
    <Space wrap size="small">
      {u.childCount > 0 && <Button size="small" onClick={() => open(u)}>{`Xem ${num(u.childCount)} đơn vị trực thuộc`}</Button>}
      <Button size="small" onClick={() => setDialog({ kind: 'alias', unit: u })} aria-label={`Thêm tên gọi khác cho ${u.canonicalName}`}>
        Thêm tên gọi khác
      </Button>
      {!u.activeTo && (
        <Button
          size="small"
          onClick={() => setDialog({ kind: 'close', unit: u })}
          aria-label={`Ngừng hoạt động / sáp nhập: ${u.canonicalName}`}
        >
          Ngừng hoạt động / sáp nhập
        </Button>
      )}
    </Space>
  );

  return (
    <DarkDanger>
      <PageTitle>Cơ cấu tổ chức</PageTitle>
      <nav aria-label="Vị trí trong cơ cấu tổ chức" className="block-gap">
        <Breadcrumb
          items={[
            {
              title:
                path.length === 0 ? (
                  'Cấp cao nhất'
                ) : (
                  <a
                    href="#top"
                    onClick={(e) => {
                      e.preventDefault();
                      go([]);
                    }}
                  >
                    Cấp cao nhất
                  </a>
                ),
            },
            ...path.map((p, i) => ({
              title:
                i === path.length - 1 ? (
                  p.name
                ) : (
                  <a
                    href="#top"
                    onClick={(e) => {
                      e.preventDefault();
                      go(path.slice(0, i + 1));
                    }}
                  >
                    {p.name}
                  </a>
                ),
            })),
          ]}
        />
      </nav>
      <QueryState query={children} loadingLabel="Đang tải các đơn vị…">
        {({ items, total, nextCursor }) => (
          <>
            <Typography.Paragraph type="secondary" aria-live="polite">
              {parent ? `${parent.name} có ${num(total)} đơn vị trực thuộc.` : `Có ${num(total)} đơn vị ở cấp cao nhất.`}
            </Typography.Paragraph>
            {items.length === 0 ? (
              <EmptyState description="Không có đơn vị trực thuộc." />
            ) : phone ? (
              <div className="card-list">
                {items.map((u) => (
                  <Card key={u.id} size="small" title={u.canonicalName}>
                    <p className="no-margin">
                      {u.kindLabel} · {u.levelLabel}
                    </p>
                    {u.aliases.length > 0 && <p className="no-margin">Tên gọi khác: {u.aliases.join('; ')}</p>}
                    <p className="no-margin">Hoạt động: {period(u)}</p>
                    <p>
                      <UnitState u={u} />
                    </p>
                    {actions(u)}
                  </Card>
                ))}
              </div>
            ) : (
              <Table<OrgNode>
                rowKey="id"
                dataSource={items}
                pagination={false}
                columns={[
                  {
                    title: 'Đơn vị',
                    key: 'name',
                    render: (_, u) => (
                      <>
                        <div>{u.canonicalName}</div>
                        <div className="muted">
                          {u.kindLabel} · {u.levelLabel}
                        </div>
                      </>
                    ),
                  },
                  {
                    title: 'Tên gọi khác',
                    key: 'aliases',
                    render: (_, u) => [u.shortName, ...u.aliases].filter(Boolean).join('; ') || '—',
                  },
                  { title: 'Thời gian hoạt động', key: 'period', render: (_, u) => period(u) },
                  { title: 'Tình trạng', key: 'state', render: (_, u) => <UnitState u={u} /> },
                  { title: 'Thao tác', key: 'actions', render: (_, u) => actions(u) },
                ]}
              />
            )}
            <CursorPager pages={pages} nextCursor={nextCursor} label="Chuyển trang danh sách đơn vị" />
          </>
        )}
      </QueryState>
      {dialog?.kind === 'alias' && <AliasDialog unit={dialog.unit} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'close' && <CloseUnitDialog unit={dialog.unit} onClose={() => setDialog(null)} />}
    </DarkDanger>
  );
}
