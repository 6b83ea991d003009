import {
  ConflictException,
  Injectable,
  Logger,
  NotFoundException,
  OnApplicationBootstrap,
  UnprocessableEntityException,
} from '@nestjs/common';
import {
  BUILTIN_TEMPLATES,
  templateDecider,
  type PublishTemplate,
  type ReportTemplate,
  type TemplateState,
} from '@kybaocao/domain/templates';
import { CommandHandler } from '@kybaocao/persistence/event-store/command-handler';
import { ConcurrencyConflictError, EventStore, type RecordedEvent } from '@kybaocao/persistence/event-store/event-store';
import { Actor, metadataOf } from '../common/actor';
import type { CreateTemplateDto, PublishTemplateDto } from './templates.dto';
import { foldStream } from '@kybaocao/persistence/event-store/fold-stream';

export const templateStream = (templateId: string) => `template-${templateId}`;

const SYSTEM_METADATA = {
  actor: { userId: 'system', role: 'system' },
  username: 'system',
  correlationId: 'builtin-templates',
  causationId: 'builtin-templates',
};

/**
 * The template registry: each template a stream of TemplatePublished events (immutable versions). Built-in
 * templates (data files) are seeded as version 1 when their stream is absent. Versions are cached once read:
 * a published version never changes.
 */
@Injectable()
export class TemplateStore implements OnApplicationBootstrap {
  private readonly logger = new Logger('templates');
  private readonly cache = new Map<string, ReportTemplate>();

  constructor(
    private readonly store: EventStore,
    private readonly commands: CommandHandler,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.seedBuiltins();
  }

  /** Version 1 of every built-in template whose stream is absent (idempotent; several API processes may race). */
  async seedBuiltins(): Promise<void> {
    for (const template of BUILTIN_TEMPLATES) {
      if ((await this.store.streamVersion(templateStream(template.id))) > 0) continue;
      try {
        await this.commands.handle(
          templateDecider,
          templateStream(template.id),
          { type: 'PublishTemplate', data: { mode: 'create', template, builtin: true } },
          { metadata: SYSTEM_METADATA, now: new Date(), expectedVersion: 0, idempotencyKey: 'builtin-v1' },
        );
      } catch (err) {
        if (!(err instanceof ConcurrencyConflictError)) throw err;
        this.logger.log(`template ${template.id} was seeded by another process`);
      }
    }
  }

  /** The latest version of every template (a registry holds tens of templates, not thousands). */
  async list(): Promise<{ template: ReportTemplate; builtin: boolean; copyOf?: { templateId: string; version: number } }[]> {
    const events = await this.store.readByStreamPrefix(['template-']);
    const latest = new Map<string, RecordedEvent>();
    for (const e of events) if (e.type === 'TemplatePublished') latest.set(e.data.templateId, e);
    const first = new Map<string, RecordedEvent>();
    for (const e of events) if (e.type === 'TemplatePublished' && !first.has(e.data.templateId)) first.set(e.data.templateId, e);
    return [...latest.values()].map((e) => ({
      template: e.data.template as ReportTemplate,
      builtin: !!first.get(e.data.templateId)?.data.builtin,
      ...(first.get(e.data.templateId)?.data.copyOf ? { copyOf: first.get(e.data.templateId)!.data.copyOf } : {}),
    }));
  }

  /** A version of a template (default: the latest); 404 TEMPLATE_NOT_FOUND / TEMPLATE_VERSION_NOT_FOUND. */
  async get(templateId: string, version?: number): Promise<ReportTemplate> {
    if (version !== undefined) {
      const cached = this.cache.get(`${templateId}@${version}`);
      if (cached) return cached;
    }
    const { state } = await this.read(templateId);
    if (state.versions.length === 0) throw notFound(templateId);
    const chosen = version ?? state.versions.length;
    const template = state.versions[chosen - 1];
    if (!template) {
      throw new NotFoundException({
        statusCode: 404,
        error: 'TEMPLATE_VERSION_NOT_FOUND',
        message: `template ${templateId} has no version ${chosen}`,
        messageVi: `Mẫu báo cáo không có phiên bản ${chosen}.`,
        latestVersion: state.versions.length,
      });
    }
    this.cache.set(`${templateId}@${chosen}`, template);
    return template;
  }

  /** For POST /cycles: the latest version, or 422 TEMPLATE_UNKNOWN (a body naming no known template). */
  async forOpening(templateId: string): Promise<ReportTemplate> {
    try {
      return await this.get(templateId);
    } catch (err) {
      if (!(err instanceof NotFoundException)) throw err;
      throw new UnprocessableEntityException({
        statusCode: 422,
        error: 'TEMPLATE_UNKNOWN',
        message: `templateId ${templateId} is not a known template`,
        messageVi: 'Không tìm thấy mẫu báo cáo.',
      });
    }
  }

  /** A new template (version 1), from scratch or as a copy of another's latest version (`copyOf`). */
  async create(dto: CreateTemplateDto, actor: Actor): Promise<{ template: ReportTemplate; streamVersion: number }> {
    const { id, copyOf, ...fields } = dto;
    let base: Partial<ReportTemplate> = {};
    let copied: { templateId: string; version: number } | undefined;
    if (copyOf !== undefined) {
      const source = await this.get(copyOf).catch((err) => {
        if (!(err instanceof NotFoundException)) throw err;
        throw new UnprocessableEntityException({
          statusCode: 422,
          error: 'TEMPLATE_COPY_SOURCE_UNKNOWN',
          message: `copyOf ${copyOf} is not a known template`,
          messageVi: 'Không tìm thấy mẫu báo cáo để sao chép.',
        });
      });
      base = source;
      copied = { templateId: source.id, version: source.version };
    }
    const template = { ...base, ...defined(fields), id } as ReportTemplate;
    if (copyOf === undefined && (!fields.title || !fields.sections || !fields.indicators || !fields.rules)) {
      const missing = (['title', 'sections', 'indicators', 'rules'] as const).filter((k) => fields[k] === undefined);
      throw new UnprocessableEntityException({
        statusCode: 422,
        error: 'TEMPLATE_FIELDS_REQUIRED',
        message: `a new template needs ${missing.join(', ')} (or copyOf)`,
        messageVi: `Mẫu báo cáo mới cần có: ${missing.join(', ')} (hoặc sao chép từ một mẫu có sẵn).`,
        fields: missing,
      });
    }
    return this.publish(id, { type: 'PublishTemplate', data: { mode: 'create', template, ...(copied ? { copyOf: copied } : {}) } }, actor);
  }

  /** Version n + 1 of an existing template: the fields given replace the latest version's. */
  async edit(
    templateId: string,
    dto: PublishTemplateDto,
    actor: Actor,
    expectedVersion?: number,
  ): Promise<{ template: ReportTemplate; streamVersion: number }> {
    const latest = await this.get(templateId);
    const template = { ...latest, ...defined({ ...dto }), id: templateId } as ReportTemplate;
    return this.publish(templateId, { type: 'PublishTemplate', data: { mode: 'edit', template } }, actor, expectedVersion);
  }

  private async publish(templateId: string, command: PublishTemplate, actor: Actor, expectedVersion?: number) {
    try {
      const result = await this.commands.handle(templateDecider, templateStream(templateId), command, {
        metadata: metadataOf(actor),
        now: new Date(),
        expectedVersion,
      });
      const template = result.state.versions[result.state.versions.length - 1];
      return { template, streamVersion: result.version };
    } catch (err: any) {
      if (err?.code === 'TEMPLATE_ALREADY_EXISTS') {
        throw new ConflictException({ statusCode: 409, error: 'TEMPLATE_ALREADY_EXISTS', message: err.message, messageVi: err.messageVi });
      }
      throw err;
    }
  }

  private async read(templateId: string): Promise<{ state: TemplateState }> {
    const events = await this.store.readStream(templateStream(templateId));
    const state = foldStream(templateDecider, events);
    return { state };
  }
}

function notFound(templateId: string) {
  return new NotFoundException({
    statusCode: 404,
    error: 'TEMPLATE_NOT_FOUND',
    message: `template ${templateId} does not exist`,
    messageVi: 'Không tìm thấy mẫu báo cáo.',
  });
}

/** Only the fields the request sent (a DTO instance carries its absent optional fields as undefined). */
function defined<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<T>;
}
