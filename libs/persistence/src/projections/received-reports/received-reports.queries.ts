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

export interface ReportDeliveryRow {
  ordinal: number;
  unitId: string;
  unitName: string | null;
  line: string;
  purpose: string | null;
  deliveredAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
}

/** One report's deliveries as the office pages them (GET …/report/deliveries). */
export const reportDeliveryQueries = {
  /**
   * `limit` of the report's deliveries after the ordinal `after`, in Nơi nhận order (an index range of
   * (cycle_id, ordinal)), with each unit's registry name; `acknowledged` keeps the acknowledged (true) or the
   * others (false) only.
   */
  async page(
    m: EntityManager,
    cycleId: string,
    q: { after: number | null; limit: number; acknowledged?: boolean },
  ): Promise<ReportDeliveryRow[]> {
    const rows: any[] = await m.query(
      `SELECT d.ordinal, d.unit_id, o.canonical_name AS unit_name, d.line, d.purpose, d.delivered_at, d.acknowledged_at, d.acknowledged_by
         FROM (SELECT * FROM report_deliveries d
                WHERE d.cycle_id = $1 AND d.ordinal > $2 AND ${ACKNOWLEDGED(q.acknowledged)}
                ORDER BY d.ordinal LIMIT $3) d
         LEFT JOIN org_units o ON o.id = d.unit_id
        ORDER BY d.ordinal`,
      [cycleId, q.after ?? 0, q.limit],
    );
    return rows.map((d) => ({
      ordinal: d.ordinal,
      unitId: d.unit_id,
      unitName: d.unit_name,
      line: d.line,
      purpose: d.purpose,
      deliveredAt: d.delivered_at,
      acknowledgedAt: d.acknowledged_at,
      acknowledgedBy: d.acknowledged_by,
    }));
  },

  /** How many deliveries the filter keeps (counted in PostgreSQL over the index; the answer is one number). */
  async count(m: EntityManager, cycleId: string, acknowledged?: boolean): Promise<number> {
    const [{ total }] = await m.query(
      `SELECT count(*)::int AS total FROM report_deliveries d WHERE d.cycle_id = $1 AND ${ACKNOWLEDGED(acknowledged)}`,
      [cycleId],
    );
    return total;
  },
};

const ACKNOWLEDGED = (acknowledged: boolean | undefined): string =>
  acknowledged === undefined ? 'true' : acknowledged ? 'd.acknowledged_at IS NOT NULL' : 'd.acknowledged_at IS NULL';
