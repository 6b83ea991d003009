import { Alert, App, Button, Form, Steps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import './forms.css';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useMe } from '../../hooks/session';
import { Link, useNavigate } from 'react-router';
import { PageTitle } from '../../components/PageTitle';
import { ErrorNotice, Loading } from '../../components/QueryState';
import { useCan } from '../../hooks/capabilities';
import { useOpenCycle, useOrgUnits, usePeriodSuggestion, useTemplates, type OpenCycleBody, type OrgUnit } from './open-cycle.hooks';
import { groupUnits, toIso } from './open-cycle.model';
import { MilestonesStep } from './open-cycle/MilestonesStep';
import { STEP_FIELDS, STEP_TITLES, type FormValues } from './open-cycle/open-cycle.form';
import { PeriodStep } from './open-cycle/PeriodStep';
import { RequestStep } from './open-cycle/RequestStep';
import { SignerStep } from './open-cycle/SignerStep';
import { UnitsStep } from './open-cycle/UnitsStep';
import './open-cycle.css';

/**
 * "Mở kỳ báo cáo": a step-by-step form. The data window and the milestones are suggested by the ND 09/2019
 * rules (GET /periods/suggestion) and may be changed; the cycle compared with is the same template and issuer
 * a year earlier (GET /periods/previous-cycle), which may be cleared; units are picked from the organisation
 * list (all communes, all organisations, search by name or alias), each with its own deadline when needed.
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
      label: s.label,
      dataFrom: dayjs(s.dataFrom),
      dataTo: dayjs(s.dataTo),
      submissionDeadline: dayjs(s.milestones.submissionDeadline),
      reviewDue: dayjs(s.milestones.reviewDue),
      commentsDue: dayjs(s.milestones.commentsDue),
      signOffDue: dayjs(s.milestones.signOffDue),
      distributionDue: dayjs(s.milestones.distributionDue),
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
        <Alert
          type="info"
          showIcon
          title="Chỉ chuyên viên điều phối được mở kỳ báo cáo."
          action={<Link to="/cycles">Về danh sách kỳ báo cáo</Link>}
        />
      </>
    );
  }
  if (templates.error || units.error)
    return (
      <>
        <PageTitle>Mở kỳ báo cáo</PageTitle>
        <ErrorNotice
          error={templates.error ?? units.error}
          onRetry={() => {
            templates.refetch();
            units.refetch();
          }}
        />
      </>
    );
  if (!templates.data || !units.data)
    return (
      <>
        <PageTitle>Mở kỳ báo cáo</PageTitle>
        <Loading label="Đang tải mẫu báo cáo và danh sách đơn vị…" />
      </>
    );

  const next = async () => {
    try {
      await form.validateFields(STEP_FIELDS[step]);
    } catch {
      return;
    }
    if (step === 2) {
      if (selected.length === 0) {
        setUnitsError('Chọn ít nhất một đơn vị báo cáo.');
        return;
      }
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
        kind: v.kind,
        year: v.year,
        ...(v.kind === 'quarter' ? { index: v.index ?? 1 } : {}),
        label: v.label.trim(),
        dataFrom: toIso(v.dataFrom),
        dataTo: toIso(v.dataTo),
        // The DTO types requestedBy as a free object; the calendar's RequestingDocument is { reference, date, issuer }.
        ...(v.hasRequest
          ? {
              requestedBy: {
                reference: v.requestReference?.trim() ?? '',
                date: toIso(v.requestDate),
                issuer: v.requestIssuer?.trim() ?? '',
              } as unknown as Record<string, never>,
            }
          : {}),
      },
      issuingBody: { unitId: root.id, name: root.canonicalName, symbol: v.issuingSymbol.trim() },
      signer: {
        authority: v.signerAuthority as NonNullable<OpenCycleBody['signer']>['authority'],
        title: v.signerTitle.trim(),
        name: v.signerName.trim(),
      },
      milestones: {
        submissionDeadline: toIso(v.submissionDeadline),
        reviewDue: toIso(v.reviewDue),
        commentsDue: toIso(v.commentsDue),
        signOffDue: toIso(v.signOffDue),
        distributionDue: toIso(v.distributionDue),
      },
      ...(v.previousCycleId ? { previousCycleId: v.previousCycleId } : {}),
      startCollecting: true,
      units: selected.map((unitId) => (unitDeadlines[unitId] ? { unitId, deadline: toIso(unitDeadlines[unitId]!) } : { unitId })),
    };
    openCycle.mutate(
      { body, key: idempotencyKey.current },
      {
        onSuccess: (cycle) => {
          message.success('Đã mở kỳ báo cáo.');
          navigate(`/cycles/${cycle.id}`);
        },
        onError: () => {
          idempotencyKey.current = crypto.randomUUID();
        },
      },
    );
  };

  return (
    <>
      <PageTitle>Mở kỳ báo cáo</PageTitle>
      <Steps current={step} size="small" className="open-cycle-steps" items={STEP_TITLES.map((title) => ({ title }))} />
      <Form<FormValues>
        form={form}
        layout="vertical"
        className="open-cycle-form"
        requiredMark="optional"
        initialValues={{
          templateId: templates.data[0]?.id,
          kind: 'annual',
          year: dayjs().year(),
          index: 1,
          issuingSymbol: 'HU',
          signerAuthority: 'T/M',
          signerTitle: 'PHÓ BÍ THƯ',
        }}
      >
        <PeriodStep hidden={step !== 0} templates={templates.data} kind={kind} suggestion={suggestion} issuerId={root?.id} />
        <RequestStep hidden={step !== 1} hasRequest={hasRequest} />
        <UnitsStep
          hidden={step !== 2}
          rootName={root?.canonicalName}
          groups={groups}
          selected={selected}
          setSelected={setSelected}
          search={search}
          setSearch={setSearch}
          error={unitsError}
          clearError={() => setUnitsError(null)}
        />
        <MilestonesStep
          hidden={step !== 3}
          earliest={suggestion.data?.earliestDeadline}
          unitDeadlines={unitDeadlines}
          setUnitDeadlines={setUnitDeadlines}
          units={selected.map((id) => byId.get(id)).filter((u): u is OrgUnit => !!u)}
        />
        <SignerStep hidden={step !== 4} issuerName={root?.canonicalName} unitCount={selected.length} error={openCycle.error} />

        <div className="step-actions">
          {step > 0 && <Button onClick={() => setStep(step - 1)}>Quay lại</Button>}
          {step < STEP_TITLES.length - 1 ? (
            <Button type="primary" onClick={next}>
              Tiếp tục
            </Button>
          ) : (
            <Button type="primary" loading={openCycle.isPending} onClick={submit}>
              Mở kỳ báo cáo
            </Button>
          )}
          <Link to="/cycles">Hủy</Link>
        </div>
      </Form>
    </>
  );
}
