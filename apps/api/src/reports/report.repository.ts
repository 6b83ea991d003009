import { Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { RegistryUnit, ReportCommand, ReportEvent, ReportState, ReportUser } from '@kybaocao/domain/report';
import { registerDecider, registerStreamId, reportDecider, type RegisterKey } from '@kybaocao/domain/report';
import type { Decider } from '@kybaocao/domain/shared/decider';
import { CommandHandler, type HandleResult } from '@kybaocao/persistence/event-store/command-handler';
import { ConcurrencyConflictError, EventStore, type RecordedEvent } from '@kybaocao/persistence/event-store/event-store';
import { foldStream } from '@kybaocao/persistence/event-store/fold-stream';
import { orgUnitQueries } from '@kybaocao/persistence/projections/org-units/org-units.projection';
import { Projector } from '@kybaocao/persistence/projections/projector';
import { Actor, authorize, metadataOf } from '../common/actor';
import type { WriteOptions } from '../common/write-options';
import {
  documentRead,
  readForReader,
  readForReceipt,
  readReport,
  SHOWN_DOCUMENTS,
  type ReportDocuments,
  type ReportRead,
} from './report-read';
import { reportStream } from './report-stream';

/** The read models a report reads: the registry (names, Nơi nhận) and the approved submissions (its figures). */
export const REPORT_READ_MODELS = ['org-units', 'approved-submissions'];

/** How many times a receipt is read and decided again when other writes keep moving the report's stream under it. */
const MOVES_RETRIED = 50;

/** The report's stream (`report-<cycleId>`), the numbering registers, and the registry units a report names. */
@Injectable()
export class ReportRepository {
  constructor(
    private readonly commands: CommandHandler,
    private readonly store: EventStore,
    private readonly projector: Projector,
    private readonly db: DataSource,
  ) {}

  /** The report's stream with the documents asked for (by default the ones its view shows: see ReportDocuments). */
  read(cycleId: string, documents: ReportDocuments = SHOWN_DOCUMENTS): Promise<ReportRead> {
    return readReport(this.db, this.store, cycleId, documents);
  }

  /**
   * The report as `actor` reads it (readForReader): the stream without the deliveries and receipts of units other than
   * the actor's, so that none of the up to 20,000 units a report is sent to reads all the others' to open it. Whether
   * the actor may read it (requireReader) and what it may do (allowedActions) look at the actor's units alone; the
   * distribution's counts come with the read (deliveryCounts). With `sourceTable: false`, the documents come without
   * their source table (`figureSources`: one entry per approved unit), for readers that neither show nor print it.
   * Never for deciding a command.
   */
  readAs(
    actor: Actor,
    cycleId: string,
    documents: ReportDocuments = SHOWN_DOCUMENTS,
    opts: { sourceTable?: boolean } = {},
  ): Promise<ReportRead> {
    return readForReader(this.db, cycleId, actor.user.unitIds, documents, opts);
  }

  /**
   * Decides `build`'s command on the report and appends the events. `build` sees the state the command is decided
   * on; a retried request (same caller, same Idempotency-Key) is answered without calling it. The stream is read once,
   * with the documents `decide.documents` names (by default the view's: the answer then comes from the state folded
   * here, see GetReport.ofWrite), or not at all when the caller passes the read it made just before (`decide.read`).
   * The append still checks the version and the head's hash that read found; when the stream moved since and the
   * client named no version (If-Match), it is read again and the command decided again, as a fresh request would be.
   * With `receiptOf`, the read is a unit's receipt's alone (readForReceipt: a few rows whatever the number of units the
   * report was sent to), the only command decided is that unit's receipt, and the state answered is not the report's:
   * the caller answers the new version only. With `receiptOf` or `retryOnMove` (a unit's receipt, whatever its answer)
   * the stream moving is never the caller's conflict, however often it moves (up to MOVES_RETRIED times): receipts of
   * different units do not refuse one another.
   */
  async append(
    cycleId: string,
    actor: Actor,
    opts: WriteOptions,
    build: (by: ReportUser, at: string, state: ReportState) => ReportCommand,
    decide: { documents?: ReportDocuments; read?: ReportRead; answerAsDecided?: boolean; receiptOf?: string; retryOnMove?: boolean } = {},
    moves = 0,
  ): Promise<HandleResult<ReportState>> {
    const by = { userId: actor.userId, name: actor.user.displayName || actor.user.username };
    const at = new Date().toISOString();
    // An Idempotency-Key is the caller's: two users reusing one key write two things.
    const idempotencyKey = opts.idempotencyKey ? `${actor.userId}\u0000${opts.idempotencyKey}` : undefined;
    const read =
      decide.read ??
      (decide.receiptOf !== undefined
        ? await readForReceipt(this.db, cycleId, decide.receiptOf)
        : await this.read(cycleId, decide.documents ?? SHOWN_DOCUMENTS));
    const command = (state: ReportState) => {
      const built = build(by, at, state);
      if (read.readerOf) throw new Error(`${built.type}: decided on a reader's read`);
      if (read.receiptOf && !(built.type === 'AcknowledgeReceipt' && built.data.unitId === read.receiptOf.unitId))
        throw new Error(`${built.type}: decided on a read for a receipt of unit ${read.receiptOf.unitId}`);
      return built;
    };
    try {
      return await this.commands.handle(withReadDocuments, reportStream(cycleId), command, {
        metadata: metadataOf(actor),
        now: new Date(),
        expectedVersion: opts.expectedVersion,
        idempotencyKey,
        stored: read.events,
        ...(read.receiptOf ? { storedHead: read.receiptOf.head } : {}),
        // The answer is what reading the stream again would give, to the byte (the draft's has always been as built).
        foldAsStored: !decide.answerAsDecided,
      });
    } catch (error) {
      const always = decide.receiptOf !== undefined || decide.retryOnMove === true;
      const reread = decide.read !== undefined || (always && moves < MOVES_RETRIED);
      if (!(reread && error instanceof ConcurrencyConflictError && opts.expectedVersion === undefined)) throw error;
      const again = { ...decide, read: undefined, documents: decide.read?.documents ?? decide.documents };
      return this.append(cycleId, actor, opts, build, again, moves + 1);
    }
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

/**
 * The report's decider, refusing to store a document a read left in the database (a command decided on a version
 * its use case did not ask for): a fault of this code, never of the request.
 */
const withReadDocuments: Decider<ReportCommand, ReportEvent, ReportState> = {
  ...reportDecider,
  decide(command, state) {
    const events = reportDecider.decide(command, state);
    for (const e of events) {
      if ('document' in e.data && !documentRead(e.data.document)) throw new Error(`${command.type}: decided on a document not read`);
    }
    return events;
  },
};
