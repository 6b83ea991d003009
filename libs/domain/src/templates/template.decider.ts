import type { Decider, DomainCommand, DomainEvent } from '../shared/decider';
import { conflict, invalid } from '../shared/domain-error';
import type { ReportTemplate } from './report-template';
import { loadTemplate } from './template-loader';

/**
 * A template's stream (`template-<id>`): every published version is a TemplatePublished event, immutable; an
 * edit publishes version n + 1. A cycle pins the version it was opened with, so its form, checks and draft
 * never change.
 */
export type PublishTemplate = DomainCommand<
  'PublishTemplate',
  {
    /** 'create': the stream must be empty (version 1); 'edit': the template must exist (version n + 1). */
    mode: 'create' | 'edit';
    /** The template as the office wrote it; `id` must be the stream's, `version` is assigned here. */
    template: Omit<ReportTemplate, 'version'> & { version?: number };
    /** The template (id, version) this one was copied from. */
    copyOf?: { templateId: string; version: number };
    /** true: a built-in data file seeded at start. */
    builtin?: boolean;
  }
>;

export type TemplatePublished = DomainEvent<
  'TemplatePublished',
  {
    templateId: string;
    version: number;
    template: ReportTemplate;
    copyOf?: { templateId: string; version: number };
    builtin?: boolean;
  }
>;

export interface TemplateState {
  templateId?: string;
  versions: ReportTemplate[];
}

export const templateDecider: Decider<PublishTemplate, TemplatePublished, TemplateState> = {
  initialState: () => ({ versions: [] }),
  decide(command, state) {
    const d = command.data;
    if (d.mode === 'create' && state.versions.length > 0) {
      throw conflict(
        'TEMPLATE_ALREADY_EXISTS',
        `template ${state.templateId} already exists`,
        `Mẫu báo cáo "${state.templateId}" đã có; hãy sửa để phát hành phiên bản mới.`,
        { templateId: state.templateId },
      );
    }
    if (d.mode === 'edit' && state.versions.length === 0) {
      throw invalid('TEMPLATE_NOT_FOUND', 'no such template to edit', 'Không tìm thấy mẫu báo cáo.');
    }
    if (state.templateId !== undefined && d.template.id !== state.templateId) {
      throw invalid(
        'TEMPLATE_ID_MISMATCH',
        `template id ${d.template.id} is not ${state.templateId}`,
        'Mã mẫu báo cáo không được thay đổi khi sửa.',
        { templateId: state.templateId },
      );
    }
    const version = state.versions.length + 1;
    const template = loadTemplate({ ...d.template, version }, `template ${d.template.id} v${version}`);
    return [
      {
        type: 'TemplatePublished',
        data: {
          templateId: template.id,
          version,
          template,
          ...(d.copyOf ? { copyOf: d.copyOf } : {}),
          ...(d.builtin ? { builtin: true } : {}),
        },
      },
    ];
  },
  evolve(state, event) {
    return { templateId: event.data.templateId, versions: [...state.versions, event.data.template] };
  },
};
