import { Alert, Input, Select, Typography } from 'antd';
import { Fragment, useId } from 'react';
import {
  QUALIFIER_LABELS_VI, describeFigure, figuresOf, narrativeSections, sectionHeading,
  type Checked, type Entry, type FormState, type Indicator, type Qualifier, type ReportTemplate, type Section, type Violation,
} from './form-model';
import { TableField, YesNoField } from './SpecialFields';

export interface ReturnReason { sectionCode?: string; reason: string }

export interface SubmissionFormProps {
  template: ReportTemplate;
  state: FormState;
  checked: Checked;
  onChange?: (next: FormState) => void;
  /** Show every rule message, also for figures not touched yet (after "Nộp báo cáo"). */
  showAll?: boolean;
  /** The reviewer's reasons of the open return, shown at their sections. */
  returnReasons?: ReturnReason[];
  readOnly?: boolean;
}

/**
 * The submission form, generated from the template: its sections in order with their titles, each
 * indicator a typed input with its unit and, where the template allows one, its qualifier; a narrative for
 * every section without sub-sections; the template's rules shown at the fields as the user types.
 */
export function SubmissionForm(props: SubmissionFormProps) {
  const { template } = props;
  const narrativeCodes = new Set(narrativeSections(template).map((s) => s.code));
  return (
    <div className="submission-form">
      {template.sections.map((s) => <SectionBlock key={s.code} section={s} level={2} narrativeCodes={narrativeCodes} {...props} />)}
    </div>
  );
}

function SectionBlock(props: SubmissionFormProps & { section: Section; level: 2 | 3 | 4; narrativeCodes: Set<string> }) {
  const { section, level, template, state, onChange, readOnly, returnReasons, narrativeCodes } = props;
  const indicators = template.indicators.filter((i) => i.sectionCode === section.code);
  const reasons = (returnReasons ?? []).filter((r) => r.sectionCode === section.code);
  const narrativeId = useId();
  const Heading = `h${level}` as 'h2' | 'h3' | 'h4';
  const heading = sectionHeading(template, section);
  return (
    <section className={`form-section level-${level}`} id={`muc-${section.code}`} aria-labelledby={`${narrativeId}-h`}>
      <Heading id={`${narrativeId}-h`} className="section-heading">{heading.number}. {heading.title}</Heading>
      {reasons.length > 0 && (
        <Alert
          type="warning"
          showIcon
          className="block-gap"
          title="Ý kiến của người thẩm định về mục này"
          description={reasons.length === 1 ? reasons[0].reason : <ul className="plain-list">{reasons.map((r, i) => <li key={i}>{r.reason}</li>)}</ul>}
        />
      )}
      {indicators.map((ind) => <IndicatorField key={ind.code} indicator={ind} {...props} />)}
      {narrativeCodes.has(section.code) && (
        <div className="narrative">
          {readOnly
            ? <div className="field-label">Nội dung mục {heading.number}</div>
            : <label htmlFor={narrativeId} className="field-label">Nội dung mục {heading.number}</label>}
          {readOnly ? (
            <Typography.Paragraph className="narrative-text" id={narrativeId}>
              {state.narrative[section.code]?.trim() ? state.narrative[section.code] : <Typography.Text type="secondary">(Không có nội dung)</Typography.Text>}
            </Typography.Paragraph>
          ) : (
            <Input.TextArea
              id={narrativeId}
              value={state.narrative[section.code] ?? ''}
              autoSize={{ minRows: 3, maxRows: 16 }}
              placeholder="Nhập nội dung; xuống dòng để tách đoạn."
              onChange={(e) => onChange?.({ ...state, narrative: { ...state.narrative, [section.code]: e.target.value } })}
            />
          )}
        </div>
      )}
      {(section.children ?? []).map((c) => (
        <SectionBlock key={c.code} {...props} section={c} level={Math.min(level + 1, 4) as 3 | 4} />
      ))}
    </section>
  );
}

function IndicatorField(props: SubmissionFormProps & { indicator: Indicator }) {
  const { indicator: ind, state, readOnly, template } = props;
  const id = useId();
  if (readOnly) {
    const figure = figuresOf(template, state.entries)[ind.code];
    return (
      <div className="indicator readonly">
        <span className="field-label">{ind.name}:</span>{' '}
        {figure ? <span className="readonly-value">{describeFigure(ind, figure)}</span> : <span className="readonly-empty">không có số liệu</span>}
      </div>
    );
  }
  return <EditableIndicator {...props} id={id} />;
}

function EditableIndicator(props: SubmissionFormProps & { indicator: Indicator; id: string }) {
  const { indicator: ind, state, checked, onChange, readOnly, showAll, id } = props;
  const entry: Entry = state.entries[ind.code] ?? {};
  const touched = ind.code in state.entries;
  const set = (patch: Partial<Entry>) => onChange?.({ ...state, entries: { ...state.entries, [ind.code]: { ...entry, ...patch } } });
  const typing = checked.typing[ind.code];
  const shown: Violation[] = (checked.byIndicator[ind.code] ?? []).filter((v) => showAll || v.indicatorCodes.some((c) => c in state.entries) || touched);
  const messages: { text: string; severity: 'error' | 'warning' }[] = [
    ...(typing ? [{ text: typing, severity: 'error' as const }] : []),
    ...shown.map((v) => ({ text: v.messageVi, severity: v.severity })),
  ];
  const hasError = messages.some((m) => m.severity === 'error');
  const helpId = `${id}-help`;
  const common = {
    'aria-invalid': hasError || undefined,
    'aria-describedby': messages.length > 0 ? helpId : undefined,
    disabled: readOnly,
    inputMode: 'decimal' as const,
    autoComplete: 'off',
    status: hasError ? ('error' as const) : messages.length > 0 ? ('warning' as const) : undefined,
  };
  const qualifier = ind.allowedQualifiers.length > 0 && (
    <Select<Qualifier | ''>
      aria-label={`Mức độ: ${ind.name}`}
      className="qualifier"
      virtual={false}
      value={entry.qualifier ?? ''}
      disabled={readOnly}
      onChange={(q) => set({ qualifier: q === '' ? undefined : q })}
      options={[{ value: '', label: '(chính xác)' }, ...ind.allowedQualifiers.map((q) => ({ value: q, label: QUALIFIER_LABELS_VI[q] }))]}
    />
  );
  const special = { indicator: ind, entry, id, helpId: messages.length > 0 ? helpId : undefined, invalid: hasError, disabled: readOnly, set };
  return (
    <div className={`indicator${hasError ? ' has-error' : ''}`}>
      {ind.valueType === 'boolean' ? <YesNoField {...special} /> : ind.valueType === 'table' ? <TableField {...special} /> : ind.valueType === 'ratio' ? (
        <fieldset className="ratio">
          <legend className="field-label">{ind.name}</legend>
          <div className="indicator-controls">
            {qualifier}
            <Input {...common} id={`${id}-n`} aria-label={`${ind.name}: số đạt`} className="num" placeholder="Số đạt"
              value={entry.numerator ?? ''} onChange={(e) => set({ numerator: e.target.value })} />
            <span aria-hidden className="ratio-slash">/</span>
            <Input {...common} id={`${id}-d`} aria-label={`${ind.name}: tổng số`} className="num" placeholder="Tổng số"
              value={entry.denominator ?? ''} onChange={(e) => set({ denominator: e.target.value })} />
            <span className="unit">{ind.unit}</span>
          </div>
        </fieldset>
      ) : (
        <>
          <label htmlFor={id} className="field-label">{ind.name}</label>
          <div className="indicator-controls">
            {qualifier}
            <Input {...common} id={id} className="num" value={entry.value ?? ''} onChange={(e) => set({ value: e.target.value })}
              suffix={<span className="unit">{ind.unit}</span>} />
          </div>
        </>
      )}
      {messages.length > 0 && (
        <div id={helpId} className="field-messages" aria-live="polite">
          {messages.map((m, i) => (
            <Fragment key={i}>
              <div className={`field-message ${m.severity}`}>
                <strong>{m.severity === 'error' ? 'Lỗi:' : 'Lưu ý:'}</strong> {m.text}
              </div>
            </Fragment>
          ))}
        </div>
      )}
    </div>
  );
}
