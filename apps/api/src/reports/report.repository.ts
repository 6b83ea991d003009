import { Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { OfficialDocument } from '@kybaocao/domain/document/document.model';
import type { RegistryUnit, ReportCommand, ReportState, ReportUser } from '@kybaocao/domain/report';
import { registerDecider, registerStreamId, reportDecider, type RegisterKey } from '@kybaocao/domain/report';
import { CommandHandler, type HandleResult } from '@kybaocao/persistence/event-store/command-handler';
import { EventStore, type RecordedEvent } from '@kybaocao/persistence/event-store/event-store';
import { foldStream } from '@kybaocao/persistence/event-store/fold-stream';
import { orgUnitQueries } from '@kybaocao/persistence/projections/org-units/org-units.projection';
import { Projector } from '@kybaocao/persistence/projections/projector';
import { Actor, authorize, metadataOf } from '../common/actor';
import type { WriteOptions } from '../common/write-options';
import { reportStream } from './report-stream';

/** The events that carry a whole document (a version of the report). */
const DOCUMENT_EVENTS = ['ReportDrafted', 'ReportRevised'];

/** What stands for a document readForView leaves in the database. */
const DOCUMENT_NOT_READ = { body: [] } as unknown as OfficialDocument;

/** The read models a report reads: the registry (names, Nơi nhận) and the approved submissions (its figures). */
export const REPORT_READ_MODELS = ['org-units', 'approved-submissions'];

/** The report's stream (`report-<cycleId>`), the numbering registers, and the registry units a report names. */
@Injectable()
export class ReportRepository {
  constructor(
    private readonly commands: CommandHandler,
    private readonly store: EventStore,
    private readonly projector: Projector,
    private readonly db: DataSource,
  ) {}

  async read(cycleId: string): Promise<{ state: ReportState; version: number; events: RecordedEvent[] }> {
    const events = await this.store.readStream(reportStream(cycleId));
    return { state: foldStream(reportDecider, events), version: events.length, events };
  }

  /**
   * The report as its view shows it (GET …/report, and every write's answer): every event folded, but the documents
   * of versions other than the latest and the signed one are left in the database (each such version keeps its
   * number, author and note, with an empty document). Which versions to read comes from the report's head in the
   * same statement, so from the same snapshot as the events; with no head row, every document is read. Only for a
   * view that shows the latest or the signed version: anything reading another version's text uses `read`.
   */
  async readForView(cycleId: string): Promise<{ state: ReportState; version: number }> {
    const rows: { event_type: string; data: any }[] = await this.db.query(
      `WITH keep AS (
         SELECT array_remove(ARRAY[(head->>'latestVersion')::int, (head#>>'{signed,version}')::int], NULL) AS versions
           FROM report_heads WHERE cycle_id = $3)
       SELECT e.event_type,
              CASE WHEN e.event_type = ANY($2::text[]) AND EXISTS (SELECT 1 FROM keep)
                        AND NOT EXISTS (SELECT 1 FROM keep WHERE (e.data->>'version')::int = ANY(keep.versions))
                   THEN e.data - 'document' ELSE e.data END AS data
         FROM events e WHERE e.stream_id = $1 ORDER BY e.version`,
      [reportStream(cycleId), DOCUMENT_EVENTS, cycleId],
    );
    const events = rows.map((r) => ({
      type: r.event_type,
      data: DOCUMENT_EVENTS.includes(r.event_type) && r.data.document === undefined ? { ...r.data, document: DOCUMENT_NOT_READ } : r.data,
    }));
    return { state: foldStream(reportDecider, events), version: rows.length };
  }

  /**
   * Decides `build`'s command on the report and appends the events. `build` sees the state the command is
   * decided on; a retried request (same caller, same Idempotency-Key) is answered without calling it.
   */
  async append(
    cycleId: string,
    actor: Actor,
    opts: WriteOptions,
    build: (by: ReportUser, at: string, state: ReportState) => ReportCommand,
  ): Promise<HandleResult<ReportState>> {
    const by = { userId: actor.userId, name: actor.user.displayName || actor.user.username };
    const at = new Date().toISOString();
    // An Idempotency-Key is the caller's: two users reusing one key write two things.
    const idempotencyKey = opts.idempotencyKey ? `${actor.userId}\u0000${opts.idempotencyKey}` : undefined;
    return this.commands.handle(reportDecider, reportStream(cycleId), (state: ReportState) => build(by, at, state), {
      metadata: metadataOf(actor),
      now: new Date(),
      expectedVersion: opts.expectedVersion,
      idempotencyKey,
    });
  }

  /** Issues the next number of a register to the cycle's report (the register's own stream decides it). */
  async issueNumber(cycleId: string, key: RegisterKey, date: string, actor: Actor) {
    const registered = await this.commands.handle(
      registerDecider,
      registerStreamId(key),
      {
        type: 'IssueNumber',
        data: { key, documentId: reportStream(cycleId), date, at: new Date().toISOString() },
      },
      { metadata: metadataOf(actor), now: new Date() },
    );
    return registered.state;
  }

  /** Every numbering register (sổ đăng ký văn bản đi) with the numbers issued. */
  async registers() {
    const events = await this.store.readByStreamPrefix(['register-']);
    const byStream = new Map<string, RecordedEvent[]>();
    for (const e of events) byStream.set(e.streamId, [...(byStream.get(e.streamId) ?? []), e]);
    return [...byStream.entries()].map(([streamId, es]) => {
      const state = foldStream(registerDecider, es);
      return { register: streamId, period: es[0].data.period, key: state.key, issued: state.issued };
    });
  }

  /**
   * The registry units named (unknown ids are absent), once the report's read models have caught up: the registry
   * and the approvals the figures come from. Not the board's or the unit figures', which may lag under a rush of
   * submissions and which a report never reads.
   */
  async units(ids: readonly string[]): Promise<Map<string, RegistryUnit>> {
    await this.caughtUp();
    return this.unitsAsProjected(ids);
  }

  /** Waits until the report's read models (see units) have caught up with the log. */
  async caughtUp(): Promise<void> {
    await this.projector.catchUpToNow(undefined, REPORT_READ_MODELS);
  }

  /** The registry units named, as projected now (after caughtUp, when the caller needs the log's latest). */
  async unitsAsProjected(ids: readonly string[]): Promise<Map<string, RegistryUnit>> {
    return new Map((await orgUnitQueries.byIds(this.db.manager, ids)).map((u) => [u.id, u]));
  }

  async requireKnownUnits(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const units = await this.units(ids);
    const unknown = [...new Set(ids)].filter((id) => !units.has(id));
    if (unknown.length) {
      throw new UnprocessableEntityException({
        statusCode: 422,
        error: 'RECIPIENT_UNIT_UNKNOWN',
        message: `recipients name units not in the registry: ${unknown.join(', ')}`,
        messageVi: `Nơi nhận có đơn vị không có trong danh mục tổ chức: ${unknown.join(', ')}.`,
        unitIds: unknown,
      });
    }
  }
}

export function versionOf(state: ReportState, n: number) {
  const v = Number.isInteger(n) ? state.versions[n - 1] : undefined;
  if (!v) {
    throw new NotFoundException({
      statusCode: 404,
      error: 'REPORT_VERSION_NOT_FOUND',
      message: `the report has no version ${n}`,
      messageVi: `Báo cáo không có phiên bản ${n}.`,
    });
  }
  return v;
}

/** The office reads every report; a unit reads one that was sent to it. */
export function requireReader(actor: Actor, state: ReportState): void {
  authorize(actor, 'report.read', { reportRecipientUnitIds: state.distribution?.deliveries.map((d) => d.unitId) ?? [] });
}
