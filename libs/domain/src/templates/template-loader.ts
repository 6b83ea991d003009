import { invalid } from '../shared/domain-error';
import type { ReportTemplate } from './report-template';
import { validateTemplate } from './template-validation';

/**
 * A template from data (a built-in JSON file, a stored TemplatePublished event, a request body): checked by
 * validateTemplate and deeply frozen, since a published version never changes. A bad template throws 422
 * TEMPLATE_INVALID whose message names the source and every problem ("dan-van-annual.template.json:
 * indicators[3].sectionCode INDICATOR_SECTION_NOT_FOUND …").
 */
export function loadTemplate(data: unknown, source: string): ReportTemplate {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw invalid('TEMPLATE_INVALID', `${source}: a template is a JSON object`, 'Mẫu báo cáo phải là một đối tượng JSON.', {
      source,
      problems: [{ code: 'TEMPLATE_NOT_OBJECT', path: '', messageVi: 'Mẫu báo cáo phải là một đối tượng JSON.' }],
    });
  }
  // A copy (the caller keeps its object); JSON because templates are JSON data by definition.
  const template = JSON.parse(JSON.stringify(data)) as ReportTemplate;
  const problems = validateTemplate(template);
  if (problems.length > 0) {
    const list = problems.map((p) => `${p.path} ${p.code}`).join('; ');
    throw invalid(
      'TEMPLATE_INVALID',
      `${source}: ${problems.length} problem(s): ${list}`,
      `Mẫu báo cáo không hợp lệ (${problems.length} lỗi): ${problems.map((p) => p.messageVi).join(' ')}`,
      { source, problems },
    );
  }
  return deepFreeze(template);
}

/** Published template versions are immutable: freeze so no caller can edit a shared template by accident. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
