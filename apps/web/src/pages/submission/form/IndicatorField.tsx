import { Input, Select } from 'antd';
import { Fragment, useId } from 'react';
import { QUALIFIER_LABELS_VI, describeFigure, figuresOf, type Entry, type Indicator, type Qualifier, type Violation } from './form-model';
import { TableField, YesNoField } from './SpecialFields';
import type { SubmissionFormProps } from './SubmissionForm';

/** One indicator of the form: a typed input with its unit, qualifier and rule messages; its value only when read-only. */
export function IndicatorField(props: SubmissionFormProps & { indicator: Indicator }) {
  const { indicator: ind, state, readOnly, template } = props;
  const id = useId();
  if (readOnly) {
    const figure = figuresOf(template, state.entries)[ind.code];
    return (
      <div className="indicator readonly">
        <span className="field-label">{ind.name}:</span>{' '}
        {figure ? (
          <span className="readonly-value">{describeFigure(ind, figure)}</span>
        ) : (
          <span className="readonly-empty">không có số liệu</span>
        )}
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
  const shown: Violation[] = (checked.byIndicator[ind.code] ?? []).filter(
    (v) => showAll || v.indicatorCodes.some((c) => c in state.entries) || touched,
  );
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
  const special = {
    indicator: ind,
    entry,
    id,
    helpId: messages.length > 0 ? helpId : undefined,
    invalid: hasError,
    disabled: readOnly,
    set,
  };
  return (
    <div className={`indicator${hasError ? ' has-error' : ''}`}>
      {ind.valueType === 'boolean' ? (
        <YesNoField {...special} />
      ) : ind.valueType === 'table' ? (
        <TableField {...special} />
      ) : ind.valueType === 'ratio' ? (
        <fieldset className="ratio">
          <legend className="field-label">{ind.name}</legend>
          <div className="indicator-controls">
            {qualifier}
            <Input
              {...common}
              id={`${id}-n`}
              aria-label={`${ind.name}: số đạt`}
              className="num"
              placeholder="Số đạt"
              value={entry.numerator ?? ''}
              onChange={(e) => set({ numerator: e.target.value })}
            />
            <span aria-hidden className="ratio-slash">
              /
            </span>
            <Input
              {...common}
              id={`${id}-d`}
              aria-label={`${ind.name}: tổng số`}
              className="num"
              placeholder="Tổng số"
              value={entry.denominator ?? ''}
              onChange={(e) => set({ denominator: e.target.value })}
            />
            <span className="unit">{ind.unit}</span>
          </div>
        </fieldset>
      ) : (
        <>
          <label htmlFor={id} className="field-label">
            {ind.name}
          </label>
          <div className="indicator-controls">
            {qualifier}
            <Input
              {...common}
              id={id}
              className="num"
              value={entry.value ?? ''}
              onChange={(e) => set({ value: e.target.value })}
              suffix={<span className="unit">{ind.unit}</span>}
            />
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
