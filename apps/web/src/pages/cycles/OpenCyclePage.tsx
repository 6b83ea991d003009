import {
  Alert, App, Button, Checkbox, DatePicker, Descriptions, Form, Input, InputNumber, Select, Space, Steps, Table, Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import './forms.css';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useMe } from '../../hooks/session';
import { Link, useNavigate } from 'react-router';
import { messageOf } from '../../api/client';
import { PageTitle } from '../../components/PageTitle';
import { ErrorNotice, Loading } from '../../components/QueryState';
import { formatDate } from '../../format';
import { useCan } from '../../hooks/capabilities';
import {
  useOpenCycle, useOrgUnits, usePeriodSuggestion, useTemplates, type OpenCycleBody, type OrgUnit, type PeriodKind,
} from './open-cycle.hooks';
import { AUTHORITIES, groupUnits, matchesUnit, MILESTONES, PERIOD_KINDS, QUARTERS, toIso } from './open-cycle.model';
import './open-cycle.css';

const DATE_FORMAT = 'DD/MM/YYYY';

interface FormValues {
  templateId: string;
  kind: PeriodKind;
  year: number;
  index?: number;
  label: string;
  dataFrom: Dayjs;
  dataTo: Dayjs;
  hasRequest?: boolean;
  requestReference?: string;
  requestDate?: Dayjs;
  requestIssuer?: string;
  submissionDeadline: Dayjs;
  reviewDue: Dayjs;
  commentsDue: Dayjs;
  signOffDue: Dayjs;
  distributionDue: Dayjs;
  issuingSymbol: string;
  signerAuthority: string;
  signerTitle: string;
  signerName: string;
}

const STEP_FIELDS: (keyof FormValues)[][] = [
  ['templateId', 'kind', 'year', 'index', 'label', 'dataFrom', 'dataTo'],
  ['requestReference', 'requestDate', 'requestIssuer'],
  [],
  ['submissionDeadline', 'reviewDue', 'commentsDue', 'signOffDue', 'distributionDue'],
  ['issuingSymbol', 'signerAuthority', 'signerTitle', 'signerName'],
];

const STEP_TITLES = ['Mẫu và kỳ báo cáo', 'Văn bản yêu cầu', 'Đơn vị báo cáo', 'Mốc thời gian', 'Ký ban hành'];

/**
 * "Mở kỳ báo cáo": a step-by-step form. The data window and the milestones are suggested by the ND 09/2019
 * rules (GET /periods/suggestion) and may be changed; units are picked from the organisation list (all
 * communes, all organisations, search by name or alias), each with its own deadline when needed.
 */
export function OpenCyclePage() {
  const mayOpen = useCan('cycle.open');
  const templates = useTemplates();
  const units = useOrgUnits();
  const [form] = Form.useForm<FormValues>();
  const [step, setStep] = useState(0);
  const [selected, setSelected] = useState<string[]>([]);
  const [unitDeadlines, setUnitDeadlines] = useState<Record<string, Dayjs | null>>({});
  const [search, setSearch] = useState('');
  const [unitsError, setUnitsError] = useState<string | null>(null);
  const kind = Form.useWatch('kind', form);
  const year = Form.useWatch('year', form);
  const index = Form.useWatch('index', form);
  const hasRequest = Form.useWatch('hasRequest', form);
  const suggestion = usePeriodSuggestion(kind, year, index);
  const openCycle = useOpenCycle();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const idempotencyKey = useRef(crypto.randomUUID());

  // A new suggestion (another kind, year or quarter) fills the dates in; the user may change them afterwards.
  useEffect(() => {
    const s = suggestion.data;
    if (!s) return;
    form.setFieldsValue({
      label: s.label, dataFrom: dayjs(s.dataFrom), dataTo: dayjs(s.dataTo),
      submissionDeadline: dayjs(s.milestones.submissionDeadline), reviewDue: dayjs(s.milestones.reviewDue),
      commentsDue: dayjs(s.milestones.commentsDue), signOffDue: dayjs(s.milestones.signOffDue), distributionDue: dayjs(s.milestones.distributionDue),
    });
  }, [suggestion.data, form]);

  // The body the coordinator's office belongs to (Ban Dân vận → Huyện ủy): its units are the ones to pick from.
  // The top of the registry only when the office is unknown (the registry may hold the province above it).
  const me = useMe();
  const root = useMemo(() => {
    const all = units.data ?? [];
    const office = all.find((u) => u.id === me.data?.officeUnitId);
    const issuer = office?.parentId ? all.find((u) => u.id === office.parentId) : undefined;
    return issuer ?? all.find((u) => u.parentId === null && !u.activeTo);
  }, [units.data, me.data]);
  const groups = useMemo(() => groupUnits(units.data ?? [], root?.id), [units.data, root]);
  const byId = useMemo(() => new Map((units.data ?? []).map((u) => [u.id, u])), [units.data]);

  if (!mayOpen) {
    return (
      <>
        <PageTitle>Mở kỳ báo cáo</PageTitle>
        <Alert type="info" showIcon title="Chỉ chuyên viên điều phối được mở kỳ báo cáo." action={<Link to="/cycles">Về danh sách kỳ báo cáo</Link>} />
      </>
    );
  }
  if (templates.error || units.error) return <><PageTitle>Mở kỳ báo cáo</PageTitle><ErrorNotice error={templates.error ?? units.error} onRetry={() => { templates.refetch(); units.refetch(); }} /></>;
  if (!templates.data || !units.data) return <><PageTitle>Mở kỳ báo cáo</PageTitle><Loading label="Đang tải mẫu báo cáo và danh sách đơn vị…" /></>;

  const next = async () => {
    try {
      await form.validateFields(STEP_FIELDS[step]);
    } catch {
      return;
    }
    if (step === 2) {
      if (selected.length === 0) { setUnitsError('Chọn ít nhất một đơn vị báo cáo.'); return; }
      setUnitsError(null);
    }
    setStep(step + 1);
  };

  const submit = async () => {
    let v: FormValues;
    try {
      await form.validateFields();
      v = form.getFieldsValue(true) as FormValues;
    } catch {
      return;
    }
    if (!root) return;
    const body: OpenCycleBody = {
      templateId: v.templateId,
      period: {
        kind: v.kind, year: v.year, ...(v.kind === 'quarter' ? { index: v.index ?? 1 } : {}), label: v.label.trim(),
        dataFrom: toIso(v.dataFrom), dataTo: toIso(v.dataTo),
        // The DTO types requestedBy as a free object; the calendar's RequestingDocument is { reference, date, issuer }.
        ...(v.hasRequest ? { requestedBy: { reference: v.requestReference?.trim() ?? '', date: toIso(v.requestDate), issuer: v.requestIssuer?.trim() ?? '' } as unknown as Record<string, never> } : {}),
      },
      issuingBody: { unitId: root.id, name: root.canonicalName, symbol: v.issuingSymbol.trim() },
      signer: { authority: v.signerAuthority as NonNullable<OpenCycleBody['signer']>['authority'], title: v.signerTitle.trim(), name: v.signerName.trim() },
      milestones: {
        submissionDeadline: toIso(v.submissionDeadline), reviewDue: toIso(v.reviewDue), commentsDue: toIso(v.commentsDue),
        signOffDue: toIso(v.signOffDue), distributionDue: toIso(v.distributionDue),
      },
      startCollecting: true,
      units: selected.map((unitId) => (unitDeadlines[unitId] ? { unitId, deadline: toIso(unitDeadlines[unitId]!) } : { unitId })),
    };
    openCycle.mutate({ body, key: idempotencyKey.current }, {
      onSuccess: (cycle) => { message.success('Đã mở kỳ báo cáo.'); navigate(`/cycles/${cycle.id}`); },
      onError: () => { idempotencyKey.current = crypto.randomUUID(); },
    });
  };

  const visible = (list: OrgUnit[]) => list.filter((u) => matchesUnit(u, search));
  const toggleAll = (list: OrgUnit[], on: boolean) => {
    const ids = new Set(list.map((u) => u.id));
    setUnitsError(null);
    setSelected((cur) => (on ? [...new Set([...cur, ...ids])] : cur.filter((id) => !ids.has(id))));
  };
  const earliest = suggestion.data?.earliestDeadline;

  return (
    <>
      <PageTitle>Mở kỳ báo cáo</PageTitle>
      <Steps current={step} size="small" className="open-cycle-steps" items={STEP_TITLES.map((title) => ({ title }))} />
      <Form<FormValues>
        form={form}
        layout="vertical"
        className="open-cycle-form"
        requiredMark="optional"
        initialValues={{ templateId: templates.data[0]?.id, kind: 'annual', year: dayjs().year(), index: 1, issuingSymbol: 'HU', signerAuthority: 'T/M', signerTitle: 'PHÓ BÍ THƯ' }}
      >
        <section hidden={step !== 0} aria-label={STEP_TITLES[0]}>
          <Typography.Title level={2}>{STEP_TITLES[0]}</Typography.Title>
          <Form.Item name="templateId" label="Mẫu báo cáo" rules={[{ required: true, message: 'Chọn mẫu báo cáo.' }]}>
            <Select options={templates.data.map((t) => ({ value: t.id, label: t.title }))} />
          </Form.Item>
          <Space wrap size="middle" align="start">
            <Form.Item name="kind" label="Loại kỳ báo cáo" rules={[{ required: true, message: 'Chọn loại kỳ báo cáo.' }]}>
              <Select className="w-12" options={PERIOD_KINDS} />
            </Form.Item>
            {kind === 'quarter' && (
              <Form.Item name="index" label="Quý" rules={[{ required: true, message: 'Chọn quý.' }]}>
                <Select className="w-8" options={QUARTERS} />
              </Form.Item>
            )}
            <Form.Item name="year" label="Năm" rules={[{ required: true, message: 'Nhập năm báo cáo.' }, { type: 'number', min: 2000, max: 2100, message: 'Năm từ 2000 đến 2100.' }]}>
              <InputNumber className="w-8" min={2000} max={2100} controls={false} />
            </Form.Item>
          </Space>
          {suggestion.error ? <Alert type="warning" showIcon title={messageOf(suggestion.error)} /> : null}
          {suggestion.data && (
            <Alert
              type="info"
              showIcon
              className="suggestion-note"
              title={`Theo Nghị định 09/2019/NĐ-CP: số liệu từ ngày ${formatDate(suggestion.data.dataFrom)} đến ngày ${formatDate(suggestion.data.dataTo)}; hạn nộp sớm nhất ngày ${formatDate(suggestion.data.earliestDeadline)}. Các ngày đã được điền sẵn, có thể sửa.`}
            />
          )}
          <Form.Item name="label" label="Tên kỳ báo cáo" rules={[{ required: true, whitespace: true, message: 'Nhập tên kỳ báo cáo, ví dụ "năm 2026".' }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Space wrap size="middle" align="start">
            <Form.Item name="dataFrom" label="Số liệu từ ngày" rules={[{ required: true, message: 'Chọn ngày bắt đầu lấy số liệu.' }]}>
              <DatePicker format={DATE_FORMAT} placeholder="dd/mm/yyyy" />
            </Form.Item>
            <Form.Item
              name="dataTo"
              label="Đến ngày (chốt số liệu)"
              dependencies={['dataFrom']}
              rules={[{ required: true, message: 'Chọn ngày chốt số liệu.' }, ({ getFieldValue }) => ({
                validator: (_, value: Dayjs | undefined) => (!value || !getFieldValue('dataFrom') || !value.isBefore(getFieldValue('dataFrom'), 'day')
                  ? Promise.resolve() : Promise.reject(new Error('Ngày chốt số liệu không được trước ngày bắt đầu.'))),
              })]}
            >
              <DatePicker format={DATE_FORMAT} placeholder="dd/mm/yyyy" />
            </Form.Item>
          </Space>
        </section>

        <section hidden={step !== 1} aria-label={STEP_TITLES[1]}>
          <Typography.Title level={2}>{STEP_TITLES[1]}</Typography.Title>
          <Form.Item name="hasRequest" valuePropName="checked">
            <Checkbox>Kỳ báo cáo này thực hiện theo văn bản yêu cầu của cơ quan cấp trên</Checkbox>
          </Form.Item>
          {hasRequest && (
            <>
              <Form.Item name="requestReference" label="Số, ký hiệu văn bản" rules={[{ required: true, whitespace: true, message: 'Nhập số, ký hiệu văn bản yêu cầu.' }]}>
                <Input maxLength={200} placeholder="Ví dụ: 1257/SNV-XDCQ&TCBM" />
              </Form.Item>
              <Form.Item name="requestDate" label="Ngày văn bản" rules={[{ required: true, message: 'Chọn ngày của văn bản yêu cầu.' }]}>
                <DatePicker format={DATE_FORMAT} placeholder="dd/mm/yyyy" />
              </Form.Item>
              <Form.Item name="requestIssuer" label="Cơ quan ban hành" rules={[{ required: true, whitespace: true, message: 'Nhập cơ quan ban hành văn bản yêu cầu.' }]}>
                <Input maxLength={200} placeholder="Ví dụ: Ban Dân vận Tỉnh ủy" />
              </Form.Item>
            </>
          )}
        </section>

        <section hidden={step !== 2} aria-label={STEP_TITLES[2]}>
          <Typography.Title level={2}>{STEP_TITLES[2]}</Typography.Title>
          <p>Đã chọn <strong>{selected.length}</strong> đơn vị{root ? ` trực thuộc ${root.canonicalName}` : ''}.</p>
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
                <legend>{g.label} ({g.units.filter((u) => selected.includes(u.id)).length}/{g.units.length})</legend>
                <Space wrap className="unit-group-actions">
                  <Button size="small" onClick={() => toggleAll(g.units, !allOn)}>{allOn ? g.clearAllLabel : g.selectAllLabel}</Button>
                </Space>
                {shown.length === 0 ? <p className="muted">Không có đơn vị phù hợp.</p> : (
                  <ul className="unit-list">
                    {shown.map((u) => (
                      <li key={u.id}>
                        <Checkbox
                          checked={selected.includes(u.id)}
                          onChange={(e) => { setUnitsError(null); setSelected((cur) => (e.target.checked ? [...cur, u.id] : cur.filter((id) => id !== u.id))); }}
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
          {unitsError && <Alert type="error" showIcon role="alert" title={unitsError} />}
        </section>

        <section hidden={step !== 3} aria-label={STEP_TITLES[3]}>
          <Typography.Title level={2}>{STEP_TITLES[3]}</Typography.Title>
          <div className="milestones">
            {MILESTONES.map((m, i) => (
              <Form.Item
                key={m.name}
                name={m.name}
                label={m.label}
                dependencies={i > 0 ? [MILESTONES[i - 1].name] : ['dataTo']}
                rules={[{ required: true, message: `Chọn ngày: ${m.label.toLowerCase()}.` }, ({ getFieldValue }) => ({
                  validator: (_, value: Dayjs | undefined) => {
                    if (!value) return Promise.resolve();
                    if (i === 0) {
                      if (earliest && value.isBefore(dayjs(earliest), 'day')) {
                        return Promise.reject(new Error(`Hạn nộp quá sớm: theo Nghị định 09/2019/NĐ-CP, hạn nộp sớm nhất là ngày ${formatDate(earliest)} (sau ngày chốt số liệu).`));
                      }
                      const dataTo = getFieldValue('dataTo') as Dayjs | undefined;
                      if (dataTo && value.isBefore(dataTo, 'day')) return Promise.reject(new Error('Hạn nộp không được trước ngày chốt số liệu.'));
                      return Promise.resolve();
                    }
                    const prev = getFieldValue(MILESTONES[i - 1].name) as Dayjs | undefined;
                    return prev && value.isBefore(prev, 'day')
                      ? Promise.reject(new Error(`${m.label} không được trước ${MILESTONES[i - 1].label.toLowerCase()}.`)) : Promise.resolve();
                  },
                })]}
              >
                <DatePicker format={DATE_FORMAT} placeholder="dd/mm/yyyy" />
              </Form.Item>
            ))}
          </div>
          <Typography.Title level={3}>Hạn nộp riêng của từng đơn vị</Typography.Title>
          <p className="muted">Để trống: đơn vị nộp theo hạn chung. Hạn riêng không được sau hạn chung.</p>
          <Table<OrgUnit>
            rowKey="id"
            size="small"
            className="unit-deadlines"
            dataSource={selected.map((id) => byId.get(id)).filter((u): u is OrgUnit => !!u)}
            pagination={selected.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
            scroll={{ x: 'max-content' }}
            columns={[
              { title: 'Đơn vị', key: 'name', render: (_, u) => u.canonicalName },
              {
                title: 'Hạn nộp riêng', key: 'deadline', render: (_, u) => (
                  <DatePicker
                    aria-label={`Hạn nộp riêng của ${u.canonicalName}`}
                    format={DATE_FORMAT}
                    placeholder="Theo hạn chung"
                    value={unitDeadlines[u.id] ?? null}
                    onChange={(d) => setUnitDeadlines((cur) => ({ ...cur, [u.id]: d }))}
                  />
                ),
              },
            ]}
          />
        </section>

        <section hidden={step !== 4} aria-label={STEP_TITLES[4]}>
          <Typography.Title level={2}>{STEP_TITLES[4]}</Typography.Title>
          <Form.Item label="Cơ quan ban hành báo cáo" htmlFor="open-cycle-issuing-body">
            <Input id="open-cycle-issuing-body" value={root?.canonicalName ?? ''} readOnly />
          </Form.Item>
          <Form.Item name="issuingSymbol" label="Ký hiệu cơ quan trong số văn bản (ví dụ HU trong “Số 456-BC/HU”)" rules={[{ required: true, whitespace: true, message: 'Nhập ký hiệu cơ quan ban hành.' }]}>
            <Input maxLength={40} className="w-8" />
          </Form.Item>
          <Form.Item name="signerAuthority" label="Thẩm quyền ký" rules={[{ required: true, message: 'Chọn thẩm quyền ký.' }]}>
            <Select className="w-20" options={AUTHORITIES} />
          </Form.Item>
          <Form.Item name="signerTitle" label="Chức vụ người ký" rules={[{ required: true, whitespace: true, message: 'Nhập chức vụ người ký.' }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="signerName" label="Họ và tên người ký" rules={[{ required: true, whitespace: true, message: 'Nhập họ và tên người ký.' }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Summary form={form} unitCount={selected.length} />
          {openCycle.error ? <Alert type="error" showIcon role="alert" title="Chưa mở được kỳ báo cáo" description={messageOf(openCycle.error)} /> : null}
        </section>

        <div className="step-actions">
          {step > 0 && <Button onClick={() => setStep(step - 1)}>Quay lại</Button>}
          {step < STEP_TITLES.length - 1
            ? <Button type="primary" onClick={next}>Tiếp tục</Button>
            : <Button type="primary" loading={openCycle.isPending} onClick={submit}>Mở kỳ báo cáo</Button>}
          <Link to="/cycles">Hủy</Link>
        </div>
      </Form>
    </>
  );
}

function Summary({ form, unitCount }: { form: ReturnType<typeof Form.useForm<FormValues>>[0]; unitCount: number }) {
  const v = Form.useWatch([], form) as Partial<FormValues> | undefined;
  const all = { ...(form.getFieldsValue(true) as Partial<FormValues>), ...(v ?? {}) };
  return (
    <Descriptions
      title="Tóm tắt"
      size="small"
      column={1}
      bordered
      items={[
        { key: 'period', label: 'Kỳ báo cáo', children: all.label ?? '' },
        { key: 'window', label: 'Số liệu', children: `${formatDate(toIso(all.dataFrom))} – ${formatDate(toIso(all.dataTo))}` },
        { key: 'deadline', label: 'Hạn nộp chung', children: formatDate(toIso(all.submissionDeadline)) },
        { key: 'units', label: 'Số đơn vị báo cáo', children: String(unitCount) },
        ...(all.hasRequest ? [{ key: 'request', label: 'Văn bản yêu cầu', children: `${all.requestReference ?? ''} ngày ${formatDate(toIso(all.requestDate))} của ${all.requestIssuer ?? ''}` }] : []),
      ]}
    />
  );
}
