import { Alert, Input, Typography } from 'antd';
import { useId } from 'react';
import { narrativeSections, sectionHeading, type Checked, type FormState, type ReportTemplate, type Section } from './form-model';
import { IndicatorField } from './IndicatorField';

export interface ReturnReason {
  sectionCode?: string;
  reason: string;
}

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
      {template.sections.map((s) => (
        <SectionBlock key={s.code} section={s} level={2} narrativeCodes={narrativeCodes} {...props} />
      ))}
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
      <Heading id={`${narrativeId}-h`} className="section-heading">
        {heading.number}. {heading.title}
      </Heading>
      {reasons.length > 0 && (
        <Alert
          type="warning"
          showIcon
          className="block-gap"
          title="Ý kiến của người thẩm định về mục này"
          description={
            reasons.length === 1 ? (
              reasons[0].reason
            ) : (
              <ul className="plain-list">
                {reasons.map((r, i) => (
                  <li key={i}>{r.reason}</li>
                ))}
              </ul>
            )
          }
        />
      )}
      {indicators.map((ind) => (
        <IndicatorField key={ind.code} indicator={ind} {...props} />
      ))}
      {narrativeCodes.has(section.code) && (
        <div className="narrative">
          {readOnly ? (
            <div className="field-label">Nội dung mục {heading.number}</div>
          ) : (
            <label htmlFor={narrativeId} className="field-label">
              Nội dung mục {heading.number}
            </label>
          )}
          {readOnly ? (
            <Typography.Paragraph className="narrative-text" id={narrativeId}>
              {state.narrative[section.code]?.trim() ? (
                state.narrative[section.code]
              ) : (
                <Typography.Text type="secondary">(Không có nội dung)</Typography.Text>
              )}
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
