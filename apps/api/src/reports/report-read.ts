import type { DataSource } from 'typeorm';
import type { OfficialDocument } from '@kybaocao/domain/document/document.model';
import { issuedDocument, latestVersion, reportDecider, type ReportState } from '@kybaocao/domain/report';
import { EventStore, recordedColumns, toRecorded, type RecordedEvent } from '@kybaocao/persistence/event-store/event-store';
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
        ).map((row) => {
          const e = toRecorded(row);
          const left = DOCUMENT_EVENTS.includes(e.type) && e.data.document === undefined;
          return left ? { ...e, data: { ...e.data, document: DOCUMENT_NOT_READ } } : e;
        });
  return { state: foldStream(reportDecider, events), version: events.length, events, documents };
}
