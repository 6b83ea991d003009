import { ConflictException, Injectable, NotFoundException, ServiceUnavailableException, UnprocessableEntityException } from '@nestjs/common';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { consolidate } from '../../../../libs/domain/src/consolidation/consolidate';
import type { ApprovedSubmission, Consolidation } from '../../../../libs/domain/src/consolidation/consolidation.model';
import { formatFigure } from '../../../../libs/domain/src/consolidation/figure-format';
import type { OpenedCycleState } from '../../../../libs/domain/src/cycle';
import type { BodySection, OfficialDocument, Recipient, SignatureBlock } from '../../../../libs/domain/src/document/document.model';
import type { PartyTerm } from '../../../../libs/domain/src/document/document-number';
import {
  buildDraft, diffPassages, draftCoverageFindings, superiorHeaderName, type RequestingDocument, issuedDocument, latestVersion, numberOf, passagesOf, registerDecider, registerKeyFor, registerStreamId, reportDecider,
  type ReportCommand, type ReportState, type ReportUser,
} from '../../../../libs/domain/src/report';
import { vietnamDateOf } from '../../../../libs/domain/src/shared/iso-date';
import { CommandHandler } from '../../../../libs/persistence/src/event-store/command-handler';
import { EventStore, type RecordedEvent } from '../../../../libs/persistence/src/event-store/event-store';
import { Projector } from '../../../../libs/persistence/src/projections/projector';
import { approvedSubmissionQueries } from '../../../../libs/persistence/src/projections/approved-submissions/approved-submissions.projection';
import { renderDocx } from '../../../../libs/documents/src/docx-renderer';
import { advancePhaseUpdate, cycleStatusQuery } from '../../../../workflows/reporting-cycle/reporting-cycle.messages';
import { allowedActions, phaseRule } from '../../../../libs/domain/src/permissions';
import { Actor, authorize, enforce, metadataOf, permissionActor } from '../common/actor';
import { CyclesService } from '../cycles/cycles.service';
import { TemporalClient } from '../temporal/temporal.module';
import type { ReportDto, ReportVersionDto } from './report-response.dto';
import type { CommentDto, DraftReportDto, NumberReportDto, ReceiptDto, RecallDto, ReviseReportDto, SignReportDto } from './reports.dto';

import { foldReport, reportStream } from './report-stream';

export { reportStream };

/**
 * Party committee terms (nhiệm kỳ) the numbering register uses: a Party document's number runs from 01 for
 * the whole term. Configurable with PARTY_TERMS (JSON list of { fromYear, toYear, startsOn?, endsOn? }); the
 * default is the 2020–2025 term and the 2025–2030 term from the congresses of mid-2025.
 */
export function partyTerms(env: NodeJS.ProcessEnv = process.env): PartyTerm[] {
  if (env.PARTY_TERMS) return JSON.parse(env.PARTY_TERMS) as PartyTerm[];
  return [
    { fromYear: 2020, toYear: 2025, startsOn: '2020-07-01', endsOn: '2025-06-30' },
    { fromYear: 2025, toYear: 2030, startsOn: '2025-07-01' },
  ];
}

/** Issuer kinds of the registry that issue Party documents ("Số 456-BC/HU"); the others issue state-style ones. */
const PARTY_KINDS = new Set(['TINH_UY', 'HUYEN_UY', 'DANG_UY_XA', 'BAN_DAN_VAN', 'DANG_UY']);
const LEVEL_VI: Record<string, string> = { tinh: 'tỉnh', huyen: 'huyện', xa: 'xã' };

interface OrgUnitRow { id: string; parent_id: string | null; level: string; kind: string; canonical_name: string; short_name: string | null }

/**
 * The cycle's report: consolidation → draft versions → Thường trực comments → BTV sign-off → clerk's number →
 * distribution. Each step is a command on the `report-<cycleId>` stream, allowed only in its cycle phase;
 * signing moves the cycle's workflow on to distribution.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly commands: CommandHandler,
    private readonly store: EventStore,
    private readonly cycles: CyclesService,
    private readonly projector: Projector,
    private readonly db: DataSource,
    private readonly temporal: TemporalClient,
  ) {}

  // ---- reads -------------------------------------------------------------------------------------------

  async get(cycleId: string, actor: Actor): Promise<ReportDto> {
    const cycle = await this.cycles.state(cycleId);
    const { state, version } = await this.read(cycleId);
    this.requireReader(actor, state);
    const latest = latestVersion(state);
    const issued = issuedDocument(state);
    return {
      cycleId, streamVersion: version, status: state.status, cyclePhase: cycle.status,
      allowedActions: allowedActions(permissionActor(actor), 'report', {
        cycleStatus: cycle.status, reportStatus: state.status, reportRecipientUnitIds: state.distribution?.deliveries.map((d) => d.unitId) ?? [],
      }),
      versions: state.versions.map((v) => ({ version: v.version, origin: v.origin, createdAt: v.createdAt, createdBy: v.createdBy, ...(v.note ? { note: v.note } : {}) })),
      latestVersion: latest?.version ?? null,
      comments: state.comments,
      signed: state.signed ?? null,
      numbered: state.numbered ?? null,
      distribution: state.distribution ?? null,
      recall: state.recall ?? null,
      document: issued ?? latest?.document ?? null,
    };
  }

  async version(cycleId: string, n: number, actor: Actor): Promise<ReportVersionDto> {
    await this.cycles.state(cycleId);
    const { state } = await this.read(cycleId);
    this.requireReader(actor, state);
    const v = this.versionOf(state, n);
    const document = state.signed?.version === n ? issuedDocument(state)! : v.document;
    return {
      cycleId, version: v.version, origin: v.origin, createdAt: v.createdAt, createdBy: v.createdBy, ...(v.note ? { note: v.note } : {}),
      signed: state.signed?.version === n, document, passages: passagesOf(document),
      comments: state.comments.filter((c) => c.version === n),
    };
  }

  async diff(cycleId: string, n: number, from: number | undefined, actor: Actor) {
    await this.cycles.state(cycleId);
    const { state } = await this.read(cycleId);
    this.requireReader(actor, state);
    const to = this.versionOf(state, n);
    const base = this.versionOf(state, from ?? n - 1);
    return { cycleId, from: base.version, to: to.version, changes: diffPassages(passagesOf(base.document), passagesOf(to.document)) };
  }

  /**
   * What the reviewer must look at before drafting: the units' rule violations and qualifier mixes from the
   * consolidation, and — once a draft exists — every figure of the latest version whose text no longer states
   * the total of its sources (an edit that broke a sum).
   */
  async checks(cycleId: string, actor: Actor) {
    const cycle = await this.cycles.state(cycleId);
    authorize(actor, 'report.checks');
    const { consolidation, approvedUnits } = await this.consolidation(cycle);
    const { state } = await this.read(cycleId);
    const latest = latestVersion(state);
    const draftFindings = latest ? [...draftFigureFindings(latest.document, consolidation), ...coverageListFindings(latest.document, consolidation)] : [];
    return {
      cycleId, approvedUnits: approvedUnits.length, assignedUnits: cycle.assignedUnits.length,
      missingUnits: cycle.assignedUnits.map((u) => u.unitId).filter((id) => !approvedUnits.includes(id)),
      findings: consolidation.findings, draftFindings, ...(latest ? { checkedVersion: latest.version } : {}),
      totals: consolidation.indicators.filter((ci) => ci.total !== undefined).map((ci) => ({
        code: ci.indicator.code, name: ci.indicator.name, total: ci.total, text: formatFigure(ci.indicator, ci.total!), provenance: ci.provenance,
      })),
    };
  }

  async docx(cycleId: string, n: number | undefined, actor: Actor): Promise<{ buffer: Buffer; filename: string }> {
    const { document, label } = await this.printable(cycleId, n, actor);
    return { buffer: await renderDocx(document), filename: `bao-cao-${label}.docx` };
  }

  async pdf(cycleId: string, n: number | undefined, actor: Actor): Promise<{ buffer: Buffer; filename: string }> {
    const { document, label } = await this.printable(cycleId, n, actor);
    const soffice = await findOnPath(['soffice', 'libreoffice']);
    if (!soffice) {
      throw new ServiceUnavailableException({ statusCode: 503, error: 'PDF_UNAVAILABLE', message: 'LibreOffice (soffice) is not installed on the server; download the DOCX instead',
        messageVi: 'Máy chủ chưa cài LibreOffice nên chưa xuất được PDF; hãy tải bản DOCX.' });
    }
    const work = await mkdtemp(join(tmpdir(), 'kybaocao-pdf-'));
    try {
      await writeFile(join(work, 'report.docx'), await renderDocx(document));
      await promisify(execFile)(soffice, [`-env:UserInstallation=file://${join(work, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', work, join(work, 'report.docx')], { timeout: 120_000 });
      return { buffer: await readFile(join(work, 'report.pdf')), filename: `bao-cao-${label}.pdf` };
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }

  /** The numbering registers (sổ đăng ký văn bản đi): every number issued, by register. */
  async registers(actor: Actor) {
    authorize(actor, 'registers.read');
    const events = await this.store.readByStreamPrefix(['register-']);
    const byStream = new Map<string, RecordedEvent[]>();
    for (const e of events) byStream.set(e.streamId, [...(byStream.get(e.streamId) ?? []), e]);
    return [...byStream.entries()].map(([streamId, es]) => {
      const state = es.reduce((s, e) => registerDecider.evolve(s, { type: e.type, data: e.data } as any), registerDecider.initialState());
      return { register: streamId, period: es[0].data.period, key: state.key, issued: state.issued };
    });
  }

  /**
   * A lower-level cycle's consolidated result as one unit's figures in a higher cycle (communes → district →
   * province): the lower cycle must be the unit's own (issued by it), on the same template, with its report
   * signed. The returned source names the signed version and its event, so the figure can be followed down.
   */
  async rollUp(sourceCycleId: string, unitId: string, templateId: string) {
    const source = await this.cycles.state(sourceCycleId);
    if (source.issuingBody.unitId !== unitId) {
      throw new UnprocessableEntityException({ statusCode: 422, error: 'SOURCE_CYCLE_NOT_OF_UNIT', message: `cycle ${sourceCycleId} is issued by ${source.issuingBody.unitId}, not by unit ${unitId}`,
        messageVi: 'Kỳ báo cáo cấp dưới không phải của đơn vị này.' });
    }
    if (source.templateId !== templateId) {
      throw new UnprocessableEntityException({ statusCode: 422, error: 'SOURCE_TEMPLATE_MISMATCH', message: `cycle ${sourceCycleId} uses template ${source.templateId}, this cycle ${templateId}`,
        messageVi: 'Kỳ báo cáo cấp dưới dùng mẫu báo cáo khác.' });
    }
    const { state, events } = await this.read(sourceCycleId);
    const signedEvent = events.find((e) => e.type === 'ReportSigned');
    if (!signedEvent || !['signed', 'numbered', 'distributed'].includes(state.status)) {
      throw new ConflictException({ statusCode: 409, error: 'SOURCE_REPORT_NOT_SIGNED', message: `the report of cycle ${sourceCycleId} is ${state.status}, not signed`,
        messageVi: 'Báo cáo của kỳ cấp dưới chưa được ký ban hành (hoặc đã bị thu hồi).', reportStatus: state.status });
    }
    // The figures the signed report was built on: approvals as of the signature (a later correction needs a new report).
    const { consolidation } = await this.consolidation(source, signedEvent.globalPosition);
    const figures = Object.fromEntries(consolidation.indicators.filter((ci) => ci.total !== undefined).map((ci) => [ci.indicator.code, ci.total!]));
    return {
      figures,
      source: { cycleId: sourceCycleId, reportVersion: state.signed!.version, signedEventId: signedEvent.eventId, ...(state.numbered ? { numberText: state.numbered.numberText } : {}) },
    };
  }

  // ---- commands ----------------------------------------------------------------------------------------

  /** Version 1 (or a new version when the figures changed) from the approved submissions. */
  async draft(cycleId: string, dto: DraftReportDto, actor: Actor, opts: WriteOptions) {
    const cycle = await this.cycles.state(cycleId);
    authorize(actor, 'report.draft', { cycleStatus: cycle.status });
    const { consolidation, narratives, units } = await this.consolidation(cycle);
    if (consolidation.units.length === 0) {
      throw new ConflictException({ statusCode: 409, error: 'REPORT_NOTHING_APPROVED', message: 'no unit submission is approved yet', messageVi: 'Chưa có báo cáo nào của đơn vị được duyệt để tổng hợp.' });
    }
    const issuer = units.get(cycle.issuingBody.unitId);
    const template = await this.cycles.templateOf(cycle);
    const scheme = dto.scheme ?? template.document?.scheme ?? (issuer && PARTY_KINDS.has(issuer.kind) ? 'party' : 'state');
    const parent = issuer?.parent_id ? units.get(issuer.parent_id) : undefined;
    // The body above the issuer from the registry ("ĐẢNG BỘ TỈNH LAI CHÂU" above "HUYỆN ỦY TAM ĐƯỜNG"); '' for none.
    const superior = dto.superiorBody ?? (parent ? superiorHeaderName(parent.canonical_name, scheme) : undefined);
    const request = requestOf(cycle.period.requestedBy);
    const document = buildDraft({
      header: {
        scheme, issuingBody: cycle.issuingBody.name.toUpperCase(), bodySymbol: cycle.issuingBody.symbol, typeCode: 'BC',
        ...(superior ? { superiorBody: superior.toUpperCase() } : {}),
        place: dto.place ?? placeOf(cycle.issuingBody.name),
        ...(dto.title ? { title: dto.title } : {}),
        draftYear: Number(cycle.period.dataTo.slice(0, 4)),
      },
      template, consolidation, narratives,
      period: { kind: cycle.period.kind, year: cycle.period.year ?? Number(cycle.period.dataTo.slice(0, 4)), ...(cycle.period.index ? { index: cycle.period.index } : {}), label: cycle.period.label },
      issuerName: cycle.issuingBody.name, ...(request ? { requestedBy: request } : {}),
      signature: signatureOf(cycle, template.document?.onBehalfOf),
      recipients: defaultRecipients(cycle, units, parent),
      archive: scheme === 'party' ? [`Văn phòng ${shortIssuer(cycle.issuingBody.name)}`] : ['VT'],
    });
    return this.run(cycleId, actor, opts, (by, at) => ({ type: 'DraftReport', data: { cycleId, document, at, by, ...(dto.note ? { note: dto.note } : {}) } }));
  }

  async revise(cycleId: string, dto: ReviseReportDto, actor: Actor, opts: WriteOptions) {
    const cycle = await this.cycles.state(cycleId);
    const { state } = await this.read(cycleId);
    // A signed report is refused as such (DOCUMENT_SIGNED, by the decider), whatever phase the cycle is in.
    if (state.status === 'none' || state.status === 'drafting') authorize(actor, 'report.revise', { cycleStatus: cycle.status });
    const { baseVersion, note, ...fields } = dto;
    // Only the fields sent: a DTO instance carries its declared-but-absent properties as undefined.
    const change = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Omit<ReviseReportDto, 'baseVersion' | 'note'>;
    if (Object.keys(change).length === 0) {
      throw new UnprocessableEntityException({ statusCode: 422, error: 'REPORT_REVISION_EMPTY', message: 'a revision changes at least one of title, place, body, recipients, archive', messageVi: 'Nội dung sửa đổi không khác phiên bản hiện tại.' });
    }
    if (change.body) requireKnownSources(change.body as BodySection[], state);
    if (change.recipients) await this.requireKnownUnits(change.recipients.flatMap((r) => r.unitIds ?? []));
    return this.run(cycleId, actor, opts, (by, at) => ({ type: 'ReviseReport', data: { baseVersion, change: change as Partial<OfficialDocument>, at, by, ...(note ? { note } : {}) } }));
  }

  async comment(cycleId: string, dto: CommentDto, actor: Actor, opts: WriteOptions) {
    authorize(actor, 'report.comment', { cycleStatus: (await this.cycles.state(cycleId)).status });
    // A retried request (same caller, same key) names the same comment.
    const commentId = opts.idempotencyKey ? `c-${createHash('sha256').update(`${actor.userId}\u0000${opts.idempotencyKey}`).digest('hex').slice(0, 16)}` : randomUUID();
    return this.run(cycleId, actor, opts, (by, at) => ({
      type: 'AddComment', data: { commentId, version: dto.version, anchor: { passageId: dto.passageId, ...(dto.quote !== undefined ? { quote: dto.quote } : {}) }, text: dto.text, at, by },
    }));
  }

  async resolve(cycleId: string, commentId: string, note: string | undefined, actor: Actor, opts: WriteOptions) {
    authorize(actor, 'report.resolve', { cycleStatus: (await this.cycles.state(cycleId)).status });
    return this.run(cycleId, actor, opts, (by, at) => ({ type: 'ResolveComment', data: { commentId, at, by, ...(note ? { note } : {}) } }));
  }

  /** BTV sign-off; then the cycle moves on to distribution (the clerk numbers and sends). */
  async sign(cycleId: string, dto: SignReportDto, actor: Actor, opts: WriteOptions) {
    const cycle = await this.cycles.state(cycleId);
    authorize(actor, 'report.sign', { cycleStatus: cycle.status });
    const planned = signatureOf(cycle, (await this.cycles.templateOf(cycle)).document?.onBehalfOf);
    const authority = dto.authority ?? planned.authority;
    const signature: SignatureBlock = {
      ...(authority ? { authority, onBehalfOf: dto.onBehalfOf ?? planned.onBehalfOf ?? defaultOnBehalfOf(authority) } : {}),
      title: dto.title ?? planned.title, name: dto.name ?? planned.name,
    };
    const blockingFindings = await this.blockingFindings(cycle);
    const result = await this.run(cycleId, actor, opts, (by, at) => ({
      type: 'SignReport', data: { version: dto.version, signature, at, by, blockingFindings, ...(dto.overrideReason ? { overrideReason: dto.overrideReason } : {}) },
    }));
    // A retried request (same Idempotency-Key) finds the workflow already moved on: nothing more to do.
    const handle = this.temporal.workflow.getHandle(cycleId);
    if ((await handle.query(cycleStatusQuery)).phase === 'signing') {
      await handle.executeUpdate(advancePhaseUpdate, { args: [{ to: 'distributing', actorId: actor.userId }] });
    }
    // Read again: the phase (and so what the caller may do next) is distribution's now.
    return { ...(await this.get(cycleId, actor)), streamVersion: result.streamVersion, cyclePhase: 'distributing' };
  }

  /** The clerk's number from the register of the document's scheme and period, and the date of issue. */
  async number(cycleId: string, dto: NumberReportDto, actor: Actor, opts: WriteOptions) {
    authorize(actor, 'report.number', { cycleStatus: (await this.cycles.state(cycleId)).status });
    const { state } = await this.read(cycleId);
    const doc = issuedDocument(state);
    if (!doc || state.status !== 'signed') {
      // Let the decider name the exact reason (not signed / already numbered).
      return this.run(cycleId, actor, opts, (by, at) => ({ type: 'NumberReport', data: { number: 1, numberText: '', date: dto.date ?? vietnamDateOf(at), at, by } }));
    }
    const date = dto.date ?? vietnamDateOf(new Date().toISOString());
    if (date < vietnamDateOf(state.signed!.signedAt)) {
      throw new UnprocessableEntityException({ statusCode: 422, error: 'DOCUMENT_DATE_BEFORE_SIGNING', message: `date of issue ${date} is before the signature on ${vietnamDateOf(state.signed!.signedAt)}`,
        messageVi: 'Ngày ban hành không thể trước ngày ký.' });
    }
    const key = registerKeyFor(doc.number.scheme, doc.number.bodySymbol, doc.number.typeCode, date, partyTerms());
    const registered = await this.commands.handle(registerDecider, registerStreamId(key), {
      type: 'IssueNumber', data: { key, documentId: reportStream(cycleId), date, at: new Date().toISOString() },
    }, { metadata: metadataOf(actor), now: new Date() });
    const issued = numberOf(registered.state, reportStream(cycleId))!;
    return this.run(cycleId, actor, opts, (by, at) => ({ type: 'NumberReport', data: { number: issued.number, numberText: issued.numberText, date: issued.date, at, by } }));
  }

  async distribute(cycleId: string, actor: Actor, opts: WriteOptions) {
    authorize(actor, 'report.distribute', { cycleStatus: (await this.cycles.state(cycleId)).status });
    return this.run(cycleId, actor, opts, (by, at) => ({ type: 'DistributeReport', data: { at, by } }));
  }

  async acknowledge(cycleId: string, dto: ReceiptDto, actor: Actor, opts: WriteOptions) {
    // Phase first, then the unit (the order the callers have always seen).
    enforce(phaseRule('report.acknowledge', { cycleStatus: (await this.cycles.state(cycleId)).status }));
    authorize(actor, 'report.acknowledge', { unitId: dto.unitId });
    return this.run(cycleId, actor, opts, (by, at) => ({ type: 'AcknowledgeReceipt', data: { unitId: dto.unitId, at, by } }));
  }

  async recall(cycleId: string, dto: RecallDto, actor: Actor, opts: WriteOptions) {
    authorize(actor, 'report.recall', { cycleStatus: (await this.cycles.state(cycleId)).status });
    return this.run(cycleId, actor, opts, (by, at) => ({ type: 'RecallReport', data: { reason: dto.reason, at, by } }));
  }

  // ---- helpers -----------------------------------------------------------------------------------------

  private async run(cycleId: string, actor: Actor, opts: WriteOptions, build: (by: ReportUser, at: string) => ReportCommand) {
    const by = { userId: actor.userId, name: actor.user.displayName || actor.user.username };
    // An Idempotency-Key is the caller's: two users reusing one key write two things.
    const idempotencyKey = opts.idempotencyKey ? `${actor.userId}\u0000${opts.idempotencyKey}` : undefined;
    const result = await this.commands.handle(reportDecider, reportStream(cycleId), build(by, new Date().toISOString()), {
      metadata: metadataOf(actor), now: new Date(), expectedVersion: opts.expectedVersion, idempotencyKey,
    });
    return this.get(cycleId, actor).then((dto) => ({ ...dto, streamVersion: result.version }));
  }

  private async read(cycleId: string): Promise<{ state: ReportState; version: number; events: RecordedEvent[] }> {
    const events = await this.store.readStream(reportStream(cycleId));
    return { state: foldReport(events), version: events.length, events };
  }

  private versionOf(state: ReportState, n: number) {
    const v = Number.isInteger(n) ? state.versions[n - 1] : undefined;
    if (!v) {
      throw new NotFoundException({ statusCode: 404, error: 'REPORT_VERSION_NOT_FOUND', message: `the report has no version ${n}`, messageVi: `Báo cáo không có phiên bản ${n}.` });
    }
    return v;
  }

  private requireReader(actor: Actor, state: ReportState): void {
    authorize(actor, 'report.read', { reportRecipientUnitIds: state.distribution?.deliveries.map((d) => d.unitId) ?? [] });
  }

  private async printable(cycleId: string, n: number | undefined, actor: Actor) {
    await this.cycles.state(cycleId);
    const { state } = await this.read(cycleId);
    this.requireReader(actor, state);
    if (state.status === 'none') {
      throw new NotFoundException({ statusCode: 404, error: 'REPORT_NOT_DRAFTED', message: 'the cycle has no draft report yet', messageVi: 'Kỳ báo cáo chưa có dự thảo báo cáo.' });
    }
    const chosen = n ?? state.signed?.version ?? latestVersion(state)!.version;
    const v = this.versionOf(state, chosen);
    const document = state.signed?.version === chosen ? issuedDocument(state)! : v.document;
    const label = state.numbered ? `so-${state.numbered.number}` : `du-thao-v${chosen}`;
    return { document, label };
  }

  /**
   * Approved submissions of the cycle (figures + narrative of the approved version; source = the approving
   * event), from the approved-submissions read model: the cycle's own rows, never a scan of the log. With
   * `upToPosition`, the approvals as they stood then (a signed report's basis).
   */
  private async consolidation(cycle: OpenedCycleState, upToPosition?: string): Promise<{ consolidation: Consolidation; narratives: { unitId: string; unitName: string; narrative: Record<string, string> }[]; approvedUnits: string[]; units: Map<string, OrgUnitRow> }> {
    const units = await this.units(); // waits for the read models, this one included
    const approved = await approvedSubmissionQueries.ofCycle(this.db.manager, cycle.cycleId, { upToPosition });
    const unitOrder = cycle.assignedUnits.map((u) => u.unitId);
    const place = new Map(unitOrder.map((id, i) => [id, i] as const));
    const submissions: ApprovedSubmission[] = [];
    const narratives: { unitId: string; unitName: string; narrative: Record<string, string> }[] = [];
    for (const a of approved.filter((r) => place.has(r.unitId)).sort((x, y) => place.get(x.unitId)! - place.get(y.unitId)!)) {
      const unit = units.get(a.unitId);
      const unitName = unit?.short_name ?? unit?.canonical_name ?? a.unitId;
      submissions.push({ unitId: a.unitId, unitName, unitKind: unit?.kind ?? 'UNKNOWN', figures: a.figures, sourceEventId: a.sourceEventId, sourcePosition: a.sourcePosition });
      narratives.push({ unitId: a.unitId, unitName, narrative: a.narrative });
    }
    const template = await this.cycles.templateOf(cycle);
    const previous = cycle.previousCycleId && !upToPosition ? await this.previousTotals(cycle, template) : undefined;
    const targets = cycle.targets ? Object.fromEntries(Object.entries(cycle.targets).filter(([code]) => template.indicators.some((i) => i.code === code))) : undefined;
    const consolidation = consolidate({ template, submissions, unitOrder, ...(previous ? { previous } : {}), ...(targets ? { targets } : {}) });
    return { consolidation, narratives, approvedUnits: submissions.map((s) => s.unitId), units };
  }

  /**
   * The totals of the previous cycle the cycle links to (same template and issuer, checked when opening), for
   * "tăng … so với cùng kỳ": scalar totals of indicators this template still has. 'cùng kỳ' for a period of the
   * year, 'năm <year>' for an annual one.
   */
  private async previousTotals(cycle: OpenedCycleState, template: { indicators: readonly { code: string; valueType: string }[] }) {
    const before = await this.cycles.state(cycle.previousCycleId!);
    const { consolidation } = await this.consolidation({ ...before, previousCycleId: undefined, targets: undefined });
    const scalar = new Set(template.indicators.filter((i) => ['integer', 'decimal', 'money'].includes(i.valueType)).map((i) => i.code));
    const totals = Object.fromEntries(consolidation.indicators
      .filter((ci) => ci.total !== undefined && scalar.has(ci.indicator.code) && 'value' in ci.total)
      .map((ci) => [ci.indicator.code, ci.total!]));
    const annual = ['annual', 'year'].includes(cycle.period.kind);
    return { label: annual ? `năm ${before.period.year ?? before.period.dataTo.slice(0, 4)}` : 'cùng kỳ', totals };
  }

  /**
   * What blocks signing: error-level rule violations of the approved submissions and of the template's change
   * rules, and every figure of the latest draft that no longer states the total of its sources.
   */
  private async blockingFindings(cycle: OpenedCycleState): Promise<{ code: string; messageVi: string }[]> {
    const { consolidation } = await this.consolidation(cycle);
    const latest = latestVersion((await this.read(cycle.cycleId)).state);
    const out: { code: string; messageVi: string }[] = [];
    for (const f of consolidation.findings) {
      if (f.kind === 'violation' && f.violation.severity === 'error') out.push({ code: f.violation.code, messageVi: `${f.unitName}: ${f.violation.messageVi}` });
      if (f.kind === 'change' && f.severity === 'error') out.push({ code: f.code, messageVi: f.messageVi });
    }
    for (const f of latest ? draftFigureFindings(latest.document, consolidation) : []) out.push({ code: 'DRAFT_FIGURE_MISMATCH', messageVi: f.messageVi });
    for (const f of latest ? coverageListFindings(latest.document, consolidation) : []) out.push({ code: f.code, messageVi: f.messageVi });
    return out;
  }

  private async units(): Promise<Map<string, OrgUnitRow>> {
    await this.projector.catchUpToNow();
    const rows: OrgUnitRow[] = await this.db.query(`SELECT id, parent_id, level, kind, canonical_name, short_name FROM org_units`);
    return new Map(rows.map((r) => [r.id, r]));
  }

  private async requireKnownUnits(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const units = await this.units();
    const unknown = [...new Set(ids)].filter((id) => !units.has(id));
    if (unknown.length) {
      throw new UnprocessableEntityException({ statusCode: 422, error: 'RECIPIENT_UNIT_UNKNOWN', message: `recipients name units not in the registry: ${unknown.join(', ')}`,
        messageVi: `Nơi nhận có đơn vị không có trong danh mục tổ chức: ${unknown.join(', ')}.`, unitIds: unknown });
    }
  }
}

export interface WriteOptions {
  expectedVersion?: number;
  idempotencyKey?: string;
}

/** Sources a client may keep on a run: those some version of this report already cites (no forged provenance). */
function requireKnownSources(body: BodySection[], state: ReportState): void {
  const known = new Set<string>();
  const key = (code: string, s: { unitId: string; sourceEventId: string; sourcePosition: string }) => `${code}|${s.unitId}|${s.sourceEventId}|${s.sourcePosition}`;
  const walk = (sections: readonly BodySection[], visit: (code: string, s: { unitId: string; sourceEventId: string; sourcePosition: string }) => void) => {
    for (const s of sections) {
      for (const p of s.paragraphs) for (const r of p.runs) for (const i of r.provenance?.indicators ?? []) for (const src of i.sources) visit(i.code, src);
      walk(s.sections ?? [], visit);
    }
  };
  for (const v of state.versions) walk(v.document.body, (code, s) => known.add(key(code, s)));
  const forged: string[] = [];
  walk(body, (code, s) => { if (!known.has(key(code, s))) forged.push(`${code}:${s.sourceEventId}`); });
  if (forged.length) {
    throw new UnprocessableEntityException({ statusCode: 422, error: 'PROVENANCE_UNKNOWN', message: `runs cite sources no version of this report cites: ${forged.slice(0, 5).join(', ')}`,
      messageVi: 'Nguồn số liệu gắn với đoạn văn không có trong dự thảo; không được tự đặt nguồn số liệu.', sources: forged });
  }
}

/** Coverage lists of the draft that no longer name exactly the units that did not (#14): error-level, they block signing. */
function coverageListFindings(doc: OfficialDocument, consolidation: Consolidation) {
  return draftCoverageFindings(passagesOf(doc), consolidation).map((f) => ({
    passageId: f.passageId ?? '', indicatorCode: f.indicatorCode, expected: f.expected.join(', '), messageVi: f.messageVi, code: f.code,
  }));
}

/** Figures of the draft whose text no longer states the consolidated total (an edited number, a typo). */
function draftFigureFindings(doc: OfficialDocument, consolidation: Consolidation) {
  const findings: { passageId: string; indicatorCode: string; expected: string; messageVi: string }[] = [];
  const passages = passagesOf(doc);
  const visit = (sections: readonly BodySection[], prefix: string) => sections.forEach((s, i) => {
    const path = prefix === '' ? `s${i + 1}` : `${prefix}.${i + 1}`;
    s.paragraphs.forEach((p, j) => {
      const text = passages.find((x) => x.id === `${path}/p${j + 1}`)!.text;
      for (const r of p.runs) {
        for (const { code } of r.provenance?.indicators ?? []) {
          const ci = consolidation.indicators.find((c) => c.indicator.code === code);
          // A table's figures are in its annex (built from the consolidation), not in the passage that points to it.
          if (!ci?.total || ci.indicator.valueType === 'table') continue;
          const expected = formatFigure(ci.indicator, ci.total);
          const bare = expected.replace(/^(trên|gần|ước đạt|lũy kế) /u, '');
          if (!text.includes(bare.split(' ')[0])) {
            findings.push({ passageId: `${path}/p${j + 1}`, indicatorCode: code, expected,
              messageVi: `Số liệu "${ci.indicator.name}" trong dự thảo không khớp tổng hợp từ báo cáo của các đơn vị (${expected}).` });
          }
        }
      }
    });
    visit(s.sections ?? [], path);
  });
  visit(doc.body, '');
  return findings;
}

function signatureOf(cycle: OpenedCycleState, onBehalfOf?: string): SignatureBlock {
  const s = cycle.signer;
  if (!s) return { title: 'BÍ THƯ', name: '' };
  const authority = (s.authority === 'TUQ' ? 'T/UQ' : s.authority) as SignatureBlock['authority'];
  const collective = onBehalfOf && (authority === 'T/M' || authority === 'TM.') ? onBehalfOf : defaultOnBehalfOf(authority!);
  return { authority, onBehalfOf: collective, title: s.title, name: s.name };
}

/** The cycle's requesting document when it names at least a reference and an issuer. */
function requestOf(requestedBy: unknown): RequestingDocument | undefined {
  const r = requestedBy as Partial<RequestingDocument> | undefined;
  if (!r || typeof r.reference !== 'string' || typeof r.issuer !== 'string') return undefined;
  return r as RequestingDocument;
}

function defaultOnBehalfOf(authority: string): string {
  return authority.startsWith('T') && authority !== 'TL.' && authority !== 'T/L' ? 'BAN THƯỜNG VỤ' : 'BÍ THƯ';
}

/** 'Huyện ủy Tam Đường' → 'Tam Đường'; 'Ủy ban MTTQ Việt Nam huyện Tam Đường' → 'Tam Đường'. */
function placeOf(issuer: string): string {
  const m = /(?:^|\s)(?:huyện ủy|tỉnh ủy|thành ủy|thị ủy|huyện|tỉnh|xã|phường|thị trấn|thành phố|thị xã|quận)\s+(.+)$/iu.exec(issuer);
  return (m ? m[1] : issuer).trim();
}

function shortIssuer(issuer: string): string {
  return issuer.replace(/\s+(huyện|tỉnh|xã)?\s*[^\s]+\s+[^\s]+$/u, '').trim() || issuer;
}

/**
 * Nơi nhận from the registry: the issuer's parent (b/c), then the reporting units grouped by level — those of
 * the issuer's level ("MTTQ và các đoàn thể huyện") and those below ("Các đảng ủy xã, thị trấn") — each line
 * naming its units so distribution reaches every one.
 */
function defaultRecipients(cycle: OpenedCycleState, units: Map<string, OrgUnitRow>, parent: OrgUnitRow | undefined): Recipient[] {
  const issuer = units.get(cycle.issuingBody.unitId);
  const lines: Recipient[] = [];
  if (parent) lines.push({ name: parent.canonical_name, purpose: 'b/c', unitIds: [parent.id] });
  const assigned = cycle.assignedUnits.map((u) => units.get(u.unitId)).filter((u): u is OrgUnitRow => !!u);
  const sameLevel = assigned.filter((u) => u.level === issuer?.level);
  const below = assigned.filter((u) => u.level !== issuer?.level);
  const levelVi = LEVEL_VI[issuer?.level ?? ''] ?? '';
  if (sameLevel.length) lines.push({ name: `MTTQ và các đoàn thể ${levelVi}`.trim(), purpose: 't/d', unitIds: sameLevel.map((u) => u.id) });
  if (below.length) {
    const communes = below.every((u) => u.kind === 'DANG_UY_XA');
    lines.push({ name: communes ? 'Các đảng ủy xã, thị trấn' : 'Các đơn vị trực thuộc', purpose: 't/d', unitIds: below.map((u) => u.id) });
  }
  return lines;
}

async function findOnPath(programs: string[]): Promise<string | undefined> {
  for (const p of programs) {
    try {
      const { stdout } = await promisify(execFile)('which', [p]);
      if (stdout.trim()) return stdout.trim();
    } catch {
      // not installed
    }
  }
  return undefined;
}
