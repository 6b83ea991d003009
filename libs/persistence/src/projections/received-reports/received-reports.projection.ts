import { EntityManager } from 'typeorm';
import { issuedDocument, reportDecider, type ReportEvent } from '@kybaocao/domain/report';
import { titleLines } from '@kybaocao/domain/document/official-document';
import { RecordedEvent } from '../../event-store/event-store';
import { Projection } from '../projector';

type Handled = Extract<ReportEvent, { type: 'ReportDistributed' | 'ReportDelivered' | 'ReportReceiptAcknowledged' | 'ReportRecalled' }>;
const HANDLES: Handled['type'][] = ['ReportDistributed', 'ReportDelivered', 'ReportReceiptAcknowledged', 'ReportRecalled'];

/**
 * "Văn bản đến": each distributed report (its title, number and date as issued, recalled or not) and one row per
 * recipient unit (line, delivery, acknowledgement). The issued document is folded once, when the report is
 * distributed, from its stream up to that event; afterwards each delivery, receipt and recall updates its own row.
 */
export const receivedReportsProjection: Projection = {
  name: 'received-reports',
  handles: HANDLES,
  async apply(m: EntityManager, events: RecordedEvent[]) {
    // A distribution is one ReportDelivered per receiving unit (20,000 for a national report): a run of them is one
    // UPDATE, written before any other event of the batch is applied, so the rows change in the log's order.
    const delivered = new Map<string, { cycleId: string; unitId: string; at: string }>();
    const flushDelivered = async () => {
      if (delivered.size === 0) return;
      const rows = [...delivered.values()];
      delivered.clear();
      await m.query(
        `UPDATE report_deliveries d SET delivered_at = x.at
           FROM unnest($1::text[], $2::text[], $3::text[]) AS x(cycle_id, unit_id, at)
          WHERE d.cycle_id = x.cycle_id AND d.unit_id = x.unit_id`,
        [rows.map((r) => r.cycleId), rows.map((r) => r.unitId), rows.map((r) => r.at)],
      );
    };
    for (const recorded of events) {
      const e = { type: recorded.type, data: recorded.data } as Handled;
      const cycleId = e.data.cycleId;
      if (e.type === 'ReportDelivered') {
        // The last delivery of a unit in the run is the one its row keeps, as one UPDATE per event left it.
        const key = `${cycleId}\u0000${e.data.unitId}`;
        delivered.delete(key);
        delivered.set(key, { cycleId, unitId: e.data.unitId, at: e.data.at });
        continue;
      }
      await flushDelivered();
      switch (e.type) {
        case 'ReportDistributed':
          await distributed(m, recorded, e.data);
          break;
        case 'ReportReceiptAcknowledged':
          await m.query(`UPDATE report_deliveries SET acknowledged_at = $3, acknowledged_by = $4 WHERE cycle_id = $1 AND unit_id = $2`, [
            cycleId,
            e.data.unitId,
            e.data.at,
            e.data.by.name,
          ]);
          break;
        case 'ReportRecalled':
          await m.query(`UPDATE issued_reports SET recalled_reason = $2 WHERE cycle_id = $1`, [cycleId, e.data.reason]);
          break;
      }
    }
    await flushDelivered();
  },
  async reset(m: EntityManager) {
    await m.query(`DELETE FROM report_deliveries`);
    await m.query(`DELETE FROM issued_reports`);
  },
};

async function distributed(m: EntityManager, recorded: RecordedEvent, data: Extract<Handled, { type: 'ReportDistributed' }>['data']) {
  const rows: { event_type: string; data: unknown }[] = await m.query(
    `SELECT event_type, data FROM events WHERE stream_id = $1 AND version <= $2 ORDER BY version`,
    [recorded.streamId, recorded.version],
  );
  const state = rows.reduce(
    (s, r) => reportDecider.evolve(s, { type: r.event_type, data: r.data } as ReportEvent),
    reportDecider.initialState(),
  );
  const doc = issuedDocument(state);
  if (!doc) return; // a distributed report always has its issued document; nothing to list otherwise
  await m.query(
    `INSERT INTO issued_reports (cycle_id, type_name, title, issuing_body, number_text, issued_on, distributed_position)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (cycle_id) DO UPDATE SET type_name = EXCLUDED.type_name, title = EXCLUDED.title, issuing_body = EXCLUDED.issuing_body,
       number_text = EXCLUDED.number_text, issued_on = EXCLUDED.issued_on, distributed_position = EXCLUDED.distributed_position`,
    [
      data.cycleId,
      titleLines(doc)[0],
      doc.title,
      doc.header.issuingBody,
      state.numbered?.numberText ?? null,
      state.numbered?.date ?? null,
      recorded.globalPosition,
    ],
  );
  await m.query(`DELETE FROM report_deliveries WHERE cycle_id = $1`, [data.cycleId]);
  await m.query(
    `INSERT INTO report_deliveries (cycle_id, unit_id, ordinal, line, purpose, delivered_at, distributed_position)
     SELECT $1, r.unit_id, r.n, r.line, r.purpose, $5, $6
       FROM unnest($2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS r(unit_id, line, purpose, n)
     ON CONFLICT (cycle_id, unit_id) DO NOTHING`,
    [
      data.cycleId,
      data.recipients.map((r) => r.unitId),
      data.recipients.map((r) => r.line),
      data.recipients.map((r) => r.purpose ?? null),
      data.at,
      recorded.globalPosition,
    ],
  );
}
