import type { CycleListScope } from '../../../../libs/domain/src/permissions';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { BoardStatus, BoardUnitRow } from '../../../../libs/domain/src/board';
import { notificationQueries, type FailedDelivery } from '../../../../libs/notifications/src/notification.queries';

/** A board row as the read models give it, with what the board shows but the statistics do not need. */
export interface BoardReadRow extends BoardUnitRow {
  /** Last draft, submission, return or approval; null when nothing happened yet. */
  lastActivityAt: string | null;
}

export interface CycleHeaderRow {
  id: string;
  periodLabel: string;
  dataFrom: string;
  dataTo: string;
  issuingBodyName: string;
  submissionDeadline: string;
  status: string;
  openedAt: string;
}

const iso = (v: Date | string | null): string | null => (v === null || v === undefined ? null : new Date(v).toISOString());

const toCycle = (r: any): CycleHeaderRow => ({
  id: r.id, periodLabel: r.period_label, dataFrom: r.data_from, dataTo: r.data_to, issuingBodyName: r.issuing_body_name,
  submissionDeadline: r.submission_deadline, status: r.status, openedAt: iso(r.opened_at)!,
});

/** `issuers`: the scope's units ($1), and with `below` every unit under them in the registry. */
export const issuersCte = (scope: { below: boolean }) => (scope.below
  ? `WITH RECURSIVE issuers(id) AS (SELECT unnest($1::text[]) UNION SELECT o.id FROM org_units o JOIN issuers i ON o.parent_id = i.id)`
  : `WITH issuers(id) AS (SELECT unnest($1::text[]))`);

/** Queries of the board read models (cycles, cycle_units, org_units), named by intent. */
@Injectable()
export class BoardRepository {
  constructor(private readonly db: DataSource) {}

  /** The cycle's header row, or null when the read model has no such cycle. */
  async cycleHeader(cycleId: string): Promise<CycleHeaderRow | null> {
    const [row] = await this.db.query(`SELECT * FROM cycles WHERE id = $1`, [cycleId]);
    return row ? toCycle(row) : null;
  }

  /** Cycles (not cancelled) whose data period ends on `dataTo`, the most recently opened first, with their issuer. */
  async cyclesEndingOn(dataTo: string): Promise<(CycleHeaderRow & { issuingBodyUnitId: string })[]> {
    const rows = await this.db.query(`SELECT * FROM cycles WHERE data_to = $1 AND status <> 'cancelled' ORDER BY opened_at DESC, id`, [dataTo]);
    return rows.map((r: any) => ({ ...toCycle(r), issuingBodyUnitId: r.issuing_body_unit_id }));
  }

  /** The cycles in the scope (issued by the scope's units, or below them), the most recently opened first. */
  async cyclesNewestFirst(scope: CycleListScope): Promise<CycleHeaderRow[]> {
    const rows = 'all' in scope ? await this.db.query(`SELECT * FROM cycles ORDER BY opened_at DESC, id`)
      : await this.db.query(`${issuersCte(scope)} SELECT * FROM cycles WHERE issuing_body_unit_id IN (SELECT id FROM issuers) ORDER BY opened_at DESC, id`, [scope.issuers]);
    return rows.map(toCycle);
  }

  /**
   * Every unit ever assigned to the cycle (unassigned ones included: the statistics leave them out of the
   * denominators), with the org unit's kind, level and existence interval.
   */
  async boardRowsOfCycle(cycleId: string): Promise<BoardReadRow[]> {
    const rows = await this.db.query(
      `SELECT cu.unit_id, cu.assigned, cu.status, cu.effective_deadline, cu.submitted_at, cu.late, cu.last_activity_at,
              ou.canonical_name, ou.kind, ou.level, ou.active_from, ou.active_to, c.data_from
         FROM cycle_units cu
         JOIN cycles c ON c.id = cu.cycle_id
         LEFT JOIN org_units ou ON ou.id = cu.unit_id
        WHERE cu.cycle_id = $1
        ORDER BY cu.unit_id`, [cycleId]);
    return rows.map((r: any) => ({
      unitId: r.unit_id,
      unitName: (r.canonical_name ?? r.unit_id).normalize('NFC'),
      unitKind: r.kind ?? 'KHONG_RO',
      level: r.level ?? 'khong-ro',
      status: r.status as BoardStatus,
      effectiveDeadline: r.effective_deadline,
      submittedAt: iso(r.submitted_at),
      late: r.late,
      activeFrom: r.active_from ?? r.data_from,
      activeTo: r.active_to ?? null,
      assigned: r.assigned,
      lastActivityAt: iso(r.last_activity_at),
    }));
  }

  /** E-mails of the cycle's notifications whose latest attempt failed. */
  failedDeliveriesOfCycle(cycleId: string): Promise<FailedDelivery[]> {
    return notificationQueries.failedDeliveriesOfCycle(this.db, cycleId);
  }
}
