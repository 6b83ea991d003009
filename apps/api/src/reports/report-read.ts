import type { DataSource } from 'typeorm';
import type { OfficialDocument } from '@kybaocao/domain/document/document.model';
import { issuedDocument, latestVersion, reportDecider, type ReportState } from '@kybaocao/domain/report';
import {
  EventStore,
  recordedColumns,
  toRecorded,
  type RecordedEvent,
  type StreamHead,
} from '@kybaocao/persistence/event-store/event-store';
import { foldStream } from '@kybaocao/persistence/event-store/fold-stream';
import { reportStream } from './report-stream';

/**
 * Which versions' documents a read of the report's stream brings back (#16: each ReportDrafted / ReportRevised carries
 * the whole document, ≈5 MB of JSON at 20,000 units, and the stream holds every version). The others stay in the
 * database: such a version keeps its number, author and note, with a stand-in document (documentRead tells them apart).
 * - `shown`: the documents the report's view shows, the latest and the signed version's (the signed version is the
 *   latest: nothing revises a signed report). What every read and command reads unless it says otherwise.
 * - `versions`: these versions' documents too (a comment's version, a version asked for by number).
 * - `'all'`: every version's.
 */
export type ReportDocuments = 'all' | { shown: boolean; versions?: readonly number[] };

/** The documents the view shows (the default). */
export const SHOWN_DOCUMENTS: ReportDocuments = { shown: true };
/** No document: a decision on the versions' numbers, the comments, the signature or the deliveries alone. */
export const NO_DOCUMENTS: ReportDocuments = { shown: false };

/** The report's stream as read: its events (every one, with the documents asked for), their fold and what was asked. */
export interface ReportRead {
  state: ReportState;
  version: number;
  events: RecordedEvent[];
  documents: ReportDocuments;
  /**
   * A read for one unit's receipt (readForReceipt): `events` leave out the other units' deliveries and receipts, and
   * `state` is good for deciding that unit's receipt only; `head` is the stream's head, read with them.
   */
  receiptOf?: { unitId: string; head: StreamHead };
  /**
   * A reader's read (readForReader): `events` leave out the deliveries and receipts of units other than the reader's,
   * so `state.distribution` lists the reader's units' deliveries alone (all that the report's reading rules look at),
   * and the distribution's counts are given here. Good for reading, never for deciding a command.
   */
  readerOf?: DeliveryCounts;
}

/** A distribution's counts: the units it was sent to, and how many of them confirmed receipt. */
export interface DeliveryCounts {
  delivered: number;
  acknowledged: number;
}

/** The distribution's counts of a read: the reader's read gives them; a whole read counts its fold's deliveries. */
export function deliveryCounts(read: Pick<ReportRead, 'state' | 'readerOf'>): DeliveryCounts | null {
  const d = read.state.distribution;
  if (!d) return null;
  if (read.readerOf) return read.readerOf;
  let acknowledged = 0;
  for (const x of d.deliveries) if (x.acknowledgedAt) acknowledged++;
  return { delivered: d.deliveries.length, acknowledged };
}

/** The events that carry a whole document (a version of the report). */
const DOCUMENT_EVENTS = ['ReportDrafted', 'ReportRevised'];

/**
 * What stands for a document left in the database: an empty body (so evolve and withSourceTable fold it), marked by
 * a symbol that every copy the fold makes keeps ({...doc}) and that JSON never writes.
 */
const NOT_READ = Symbol('report document not read');
const DOCUMENT_NOT_READ = { body: [], [NOT_READ]: true } as unknown as OfficialDocument;

/** False for the stand-in of a document a read left in the database. */
export const documentRead = (document: OfficialDocument): boolean => !(NOT_READ in document);

/** The document the report's view shows: the issued one once signed, else the latest version's. */
export function shownDocument(state: ReportState): OfficialDocument | undefined {
  return issuedDocument(state) ?? latestVersion(state)?.document;
}

/**
 * The report's stream with the documents asked for. Which versions `shown` names comes from the report's head in the
 * same statement, so from the same snapshot as the events; with no head row, every document is read.
 */
export async function readReport(db: DataSource, store: EventStore, cycleId: string, documents: ReportDocuments): Promise<ReportRead> {
  const events =
    documents === 'all'
      ? await store.readStream(reportStream(cycleId))
      : (
          (await db.query(
            `WITH keep AS (
             SELECT CASE WHEN $4 THEN array_remove(ARRAY[(head->>'latestVersion')::int, (head#>>'{signed,version}')::int], NULL)
                         ELSE '{}'::int[] END || $5::int[] AS versions
               FROM report_heads WHERE cycle_id = $3)
           SELECT ${recordedColumns(`CASE WHEN e.event_type = ANY($2::text[]) AND EXISTS (SELECT 1 FROM keep)
                    AND NOT EXISTS (SELECT 1 FROM keep WHERE (e.data->>'version')::int = ANY(keep.versions))
                  THEN e.data - 'document' ELSE e.data END`)}
             FROM events e WHERE e.stream_id = $1 ORDER BY e.version`,
            [
              reportStream(cycleId),
              DOCUMENT_EVENTS,
              cycleId,
              documents.shown,
              (documents.versions ?? []).filter((v) => Number.isSafeInteger(v) && Math.abs(v) <= 2 ** 31 - 1),
            ],
          )) as unknown[]
        ).map(recordedWithStandIns);
  return { state: foldStream(reportDecider, events), version: events.length, events, documents };
}

/** An event as read, with the stand-in for a document left in the database. */
function recordedWithStandIns(row: unknown): RecordedEvent {
  const e = toRecorded(row);
  const left = DOCUMENT_EVENTS.includes(e.type) && e.data.document === undefined;
  return left ? { ...e, data: { ...e.data, document: DOCUMENT_NOT_READ } } : e;
}

/** The events a distribution writes one of per receiving unit, then per receipt (#16: 20,000 each for a national report). */
export const DELIVERY_EVENTS: readonly string[] = ['ReportDelivered', 'ReportReceiptAcknowledged'];

/**
 * What a receiving unit's receipt is decided on (#16: a report sent to 20,000 units holds one ReportDelivered event per
 * unit, in time one receipt each, and its ReportDistributed names them all): readCut for that unit, without the
 * documents or Nơi nhận amendments' lines. Its fold has the report's status, recall and this unit's delivery as the whole
 * stream's has them — all the receipt's rule looks at — and is good for nothing else (ReportRepository.append decides
 * only that unit's receipt on it).
 */
export async function readForReceipt(db: DataSource, cycleId: string, unitId: string): Promise<ReportRead> {
  const cut = await readCut(db, cycleId, [unitId], NO_DOCUMENTS, { amendmentLines: false });
  return { ...cut.read, receiptOf: { unitId, head: cut.head } };
}

/**
 * What a reader of the report reads (GET …/report, a version, a download, the checks: whoever reads it, including each
 * of the up to 20,000 units it was sent to): readCut for the reader's units, with the documents asked for. Its fold has
 * everything the report's view shows but the other units' deliveries; the distribution's counts come with it, exact:
 * the stream holds, besides the events read, one ReportDelivered per unit the distribution names and one receipt per
 * unit that confirmed (the report's decider writes them so, and no other way: report.decider.spec pins it).
 */
export async function readForReader(
  db: DataSource,
  cycleId: string,
  unitIds: readonly string[],
  documents: ReportDocuments,
  opts: { sourceTable?: boolean } = {},
): Promise<ReportRead> {
  // Nơi nhận's amended lines (each naming its units: 20,000 of them, say) only with a document to print them in.
  const amendmentLines = documents === 'all' || documents.shown || (documents.versions ?? []).length > 0;
  const { read, head, recipients, decisions } = await readCut(db, cycleId, unitIds, documents, {
    amendmentLines,
    sourceTable: opts.sourceTable ?? true,
  });
  const acknowledged = recipients === null ? 0 : head.version - decisions - recipients;
  return {
    ...read,
    readerOf: { delivered: recipients ?? 0, acknowledged },
  };
}

/**
 * The report's stream cut to some units' deliveries, in one statement, a few rows whatever the number of units it was
 * sent to: its events but the other units' deliveries and receipts (two partial indexes, migration 1764500000000),
 * ReportDistributed's recipients cut to these units' (and their number), the documents asked for (as readReport), and
 * the stream's head. `decisions` counts the events read that are neither a delivery nor a receipt.
 */
async function readCut(
  db: DataSource,
  cycleId: string,
  unitIds: readonly string[],
  documents: ReportDocuments,
  opts: { amendmentLines: boolean; sourceTable?: boolean },
): Promise<{ read: ReportRead; head: StreamHead; recipients: number | null; decisions: number }> {
  const all = documents === 'all';
  const shown = !all && documents.shown;
  const versions = all ? [] : (documents.versions ?? []).filter((v) => Number.isSafeInteger(v) && Math.abs(v) <= 2 ** 31 - 1);
  const rows: { head_version: number | null; head_hash: string | null; recipients_total: number | null; event_id: unknown }[] =
    await db.query(
      `WITH head AS (SELECT version, hash FROM events WHERE stream_id = $1 ORDER BY version DESC LIMIT 1),
            keep AS (
             SELECT CASE WHEN $4 THEN array_remove(ARRAY[(head->>'latestVersion')::int, (head#>>'{signed,version}')::int], NULL)
                         ELSE '{}'::int[] END || $5::int[] AS versions
               FROM report_heads WHERE cycle_id = $3),
            decided AS (
              SELECT * FROM events
               WHERE stream_id = $1 AND stream_type = 'report' AND event_type NOT IN ('ReportDelivered', 'ReportReceiptAcknowledged')
              UNION ALL
              SELECT * FROM events
               WHERE stream_id = $1 AND event_type IN ('ReportDelivered', 'ReportReceiptAcknowledged') AND data->>'unitId' = ANY($2::text[]))
       SELECT h.version AS head_version, h.hash AS head_hash, e.*
         FROM head h LEFT JOIN LATERAL (
           SELECT ${recordedColumns(`CASE
                    WHEN e.event_type = 'ReportDistributed' THEN jsonb_set(e.data, '{recipients}', CASE
                      -- A few units (a unit's cán bộ, an office): one pass of the list in jsonpath, no row per recipient.
                      WHEN cardinality($2::text[]) <= 8 THEN jsonb_path_query_array(e.data->'recipients',
                        '$[*] ? (@.unitId == $u[*])', jsonb_build_object('u', to_jsonb($2::text[])))
                      -- Many (an account may hold 500): each recipient looked up in the hashed list of them.
                      ELSE (SELECT coalesce(jsonb_agg(r.v ORDER BY r.n), '[]'::jsonb)
                              FROM jsonb_array_elements(e.data->'recipients') WITH ORDINALITY r(v, n)
                             WHERE r.v->>'unitId' = ANY($2::text[])) END)
                    WHEN e.event_type = 'ReportRecipientsAmended' AND NOT $7 THEN jsonb_set(e.data, '{recipients}', '[]'::jsonb)
                    WHEN e.event_type = ANY($6::text[]) AND NOT $8 AND EXISTS (SELECT 1 FROM keep)
                         AND NOT EXISTS (SELECT 1 FROM keep WHERE (e.data->>'version')::int = ANY(keep.versions))
                    THEN e.data - 'document'
                    -- Without the source table (one entry per approved unit, half a draft's document): what prints and
                    -- the view never show it.
                    WHEN e.event_type = ANY($6::text[]) AND NOT $9 THEN e.data #- '{document,figureSources}'
                    ELSE e.data END`)},
                  CASE WHEN e.event_type = 'ReportDistributed' THEN jsonb_array_length(e.data->'recipients') END AS recipients_total
             FROM decided e) e ON true
        ORDER BY e.version`,
      [reportStream(cycleId), [...unitIds], cycleId, shown, versions, DOCUMENT_EVENTS, opts.amendmentLines, all, opts.sourceTable ?? true],
    );
  const read = rows.filter((r) => r.event_id != null);
  const events = read.map(recordedWithStandIns);
  const head: StreamHead = { version: Number(rows[0]?.head_version ?? 0), hash: rows[0]?.head_hash ?? null };
  const distributed = read.find((r) => r.recipients_total != null);
  return {
    read: { state: foldStream(reportDecider, events), version: head.version, events, documents },
    head,
    recipients: distributed ? Number(distributed.recipients_total) : null,
    decisions: events.filter((e) => !DELIVERY_EVENTS.includes(e.type)).length,
  };
}
