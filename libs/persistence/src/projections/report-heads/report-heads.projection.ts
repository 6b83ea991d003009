import type { OfficialDocument } from '@kybaocao/domain/document/document.model';
import { reportDecider, type ReportEvent, type ReportState } from '@kybaocao/domain/report';
import type { RecordedEvent } from '../../event-store/event-store';
import type { InlineProjection, Sql } from '../cycle-heads/cycle-heads.projection';
import { rebuildInline } from '../inline-rebuild';

/**
 * The report of a cycle without its documents, comments and deliveries: what the cycle's phase guards and the
 * report's status checks need, one row whatever the size of the documents (a draft of 20,000 units is megabytes,
 * and the stream keeps every version of it).
 */
export interface ReportHead {
  status: ReportState['status'];
  /** The latest version's number (0 before the first draft). */
  latestVersion: number;
  signed?: ReportState['signed'];
  numbered?: ReportState['numbered'];
  recall?: ReportState['recall'];
}

const NO_REPORT: ReportHead = { status: 'none', latestVersion: 0 };

/** The head as the decider's state with no version, comment or delivery: what `evolve` folds the next event onto. */
const stateOf = (head: ReportHead): ReportState => ({
  status: head.status,
  versions: [],
  comments: [],
  ...(head.signed ? { signed: head.signed } : {}),
  ...(head.numbered ? { numbered: head.numbered } : {}),
  ...(head.recall ? { recall: head.recall } : {}),
});

/** The head fields of a folded state; the versions it added (over an empty list) count up the latest version. */
const headOf = (state: ReportState, before: ReportHead): ReportHead => ({
  status: state.status,
  latestVersion: state.versions.length ? state.versions[state.versions.length - 1].version : before.latestVersion,
  ...(state.signed ? { signed: state.signed } : {}),
  ...(state.numbered ? { numbered: state.numbered } : {}),
  ...(state.recall ? { recall: state.recall } : {}),
});

/** What stands for a version's document in the head's fold: the head keeps nothing of a document. */
const NO_DOCUMENT = { body: [] } as unknown as OfficialDocument;

/**
 * The event as the head folds it: without what the head keeps nothing of (a version's document, megabytes at 20,000
 * units; a distribution's recipient list), so the append does not walk them again and an event stored in another
 * shape (a test's) folds all the same.
 */
function headPart(recorded: Pick<RecordedEvent, 'type' | 'data'>): ReportEvent {
  const data = recorded.data ?? {};
  if (recorded.type === 'ReportDrafted' || recorded.type === 'ReportRevised')
    return { type: recorded.type, data: { ...data, document: NO_DOCUMENT } } as ReportEvent;
  if (recorded.type === 'ReportDistributed') return { type: recorded.type, data: { ...data, recipients: [] } } as ReportEvent;
  return { type: recorded.type, data } as ReportEvent;
}

/**
 * The events that change a head field (evolve changes nothing of the head for the others: comments, amended
 * recipients, deliveries and receipts). Only these make the append a transaction with the head's update: a comment
 * or a unit's receipt stays one INSERT.
 */
const HEAD_EVENT_TYPES = [
  'ReportDrafted',
  'ReportRevised',
  'ReportSigned',
  'ReportNumbered',
  'ReportDistributed',
  'ReportRecalled',
] as const satisfies readonly ReportEvent['type'][];

/**
 * `report_heads` (one row per report stream: its status, latest version, signature, number and recall, and the
 * stream version of the last event that changed them), written in the append's transaction like the cycle heads. Each event is folded by the domain's
 * own `evolve` onto the head taken as a state without versions, comments or deliveries, so the head cannot drift
 * from the decider; what evolve adds to those lists is dropped after each event (a distribution's N deliveries are
 * not walked N times).
 */
export const reportHeadsProjection: InlineProjection = {
  name: 'report-heads',
  streamType: 'report',
  handles: HEAD_EVENT_TYPES,
  async apply(m, streamId, events) {
    const cycleId = streamId.slice('report-'.length);
    const [row] = await m.query(`SELECT head FROM report_heads WHERE cycle_id = $1`, [cycleId]);
    let head: ReportHead = row ? row.head : NO_REPORT;
    let version = 0;
    for (const recorded of events) {
      if (!this.handles.includes(recorded.type)) continue;
      head = headOf(reportDecider.evolve(stateOf(head), headPart(recorded)), head);
      version = recorded.version;
    }
    if (version === 0) return;
    await m.query(
      `INSERT INTO report_heads (cycle_id, version, status, head) VALUES ($1, $2, $3, $4)
       ON CONFLICT (cycle_id) DO UPDATE SET version = EXCLUDED.version, status = EXCLUDED.status, head = EXCLUDED.head`,
      [cycleId, version, head.status, head],
    );
  },
};

/** Queries of the report heads: one primary-key row, whatever the size of the report's documents. */
export const reportHeadQueries = {
  /**
   * The cycle's report head and the stream version of the last event that changed it (later comments or receipts do
   * not); `none` at version 0 when the cycle has no report yet.
   */
  async head(m: Sql, cycleId: string): Promise<{ head: ReportHead; version: number }> {
    const [row] = await m.query(`SELECT head, version FROM report_heads WHERE cycle_id = $1`, [cycleId]);
    return row ? { head: row.head, version: Number(row.version) } : { head: NO_REPORT, version: 0 };
  },
};

/** Rebuilds the report heads from the log, a stream at a time (the migration that creates them backfills with it). */
export const rebuildReportHeads = (m: Sql): Promise<number> => rebuildInline(m, reportHeadsProjection, ['report_heads']);
