import { EntityManager } from 'typeorm';

export interface ReceivedReportRow {
  cycleId: string;
  typeName: string;
  title: string;
  issuingBody: string;
  numberText: string | null;
  date: string | null;
  recalledReason: string | null;
  position: string;
  deliveries: {
    unitId: string;
    line: string;
    purpose: string | null;
    deliveredAt: string;
    acknowledgedAt: string | null;
    acknowledgedBy: string | null;
  }[];
}

export const receivedReportQueries = {
  /**
   * The reports distributed to any of `unitIds`, most recent first, `limit` of them after the position `before`, each with
   * those units' deliveries: an index range of the units' own deliveries, whatever the number of reports or recipients.
   */
  async page(m: EntityManager, unitIds: readonly string[], before: string | null, limit: number): Promise<ReceivedReportRow[]> {
    const reports: any[] = await m.query(
      `SELECT r.cycle_id, r.type_name, r.title, r.issuing_body, r.number_text, r.issued_on, r.recalled_reason,
              r.distributed_position::text AS position
         FROM (SELECT DISTINCT cycle_id, distributed_position FROM report_deliveries
                WHERE unit_id = ANY($1::text[]) AND ($2::bigint IS NULL OR distributed_position < $2::bigint)
                ORDER BY distributed_position DESC LIMIT $3) d
         JOIN issued_reports r ON r.cycle_id = d.cycle_id
        ORDER BY d.distributed_position DESC`,
      [unitIds, before, limit],
    );
    if (reports.length === 0) return [];
    const deliveries: any[] = await m.query(
      `SELECT cycle_id, unit_id, line, purpose, delivered_at, acknowledged_at, acknowledged_by FROM report_deliveries
        WHERE cycle_id = ANY($1::text[]) AND unit_id = ANY($2::text[]) ORDER BY cycle_id, ordinal`,
      [reports.map((r) => r.cycle_id), unitIds],
    );
    return reports.map((r) => ({
      cycleId: r.cycle_id,
      typeName: r.type_name,
      title: r.title,
      issuingBody: r.issuing_body,
      numberText: r.number_text,
      date: r.issued_on,
      recalledReason: r.recalled_reason,
      position: r.position,
      deliveries: deliveries
        .filter((d) => d.cycle_id === r.cycle_id)
        .map((d) => ({
          unitId: d.unit_id,
          line: d.line,
          purpose: d.purpose,
          deliveredAt: d.delivered_at,
          acknowledgedAt: d.acknowledged_at,
          acknowledgedBy: d.acknowledged_by,
        })),
    }));
  },
};
