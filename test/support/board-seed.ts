import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { BOARD_STATUSES, type BoardStatus, type BoardUnitRow } from '@kybaocao/domain/board';

/** A board read model seeded straight into cycles and cycle_units (the paged board's specs): every case computeBoard distinguishes. */
export const NOW = new Date('2026-12-19T03:00:00Z');
export const DATA_FROM = '2025-12-15';
export const DATA_TO = '2026-12-14';
export const KINDS = ['HLHPN', 'HND', 'DANG_UY_XA', 'HCCB', 'LA_KIND'];
export const LEVELS = ['xa', 'huyen', 'tinh', 'thon'];
const NAMES = [
  'Đảng ủy xã Bản Bo',
  'Hội Nông dân xã Bình Lư',
  'Hội Cựu chiến binh xã Sơn Bình',
  'Ủy ban MTTQ xã Ẳng Nưa',
  'Chi hội Phụ nữ bản Nà Ơ',
  'Đoàn xã Giang Ma',
  'ấp An Hòa',
  'Ban Dân vận',
];

/** A deterministic mix of every case computeBoard distinguishes: statuses, late and on-time, extensions, unassigned, closed and opened units. */
export function rowOf(i: number): BoardUnitRow & { lastActivityAt: string | null } {
  const status = BOARD_STATUSES[i % BOARD_STATUSES.length];
  const submittedStatus = ['submitted', 'returned', 'resubmitted', 'approved'].includes(status);
  const deadline = i % 7 === 0 ? '2026-12-22' : '2026-12-16';
  const submittedAt =
    !submittedStatus || i % 11 === 0
      ? null
      : i % 3 === 0
        ? '2026-12-16T16:59:59.999Z'
        : i % 3 === 1
          ? '2026-12-17T01:00:00.000Z'
          : '2026-12-18T20:00:00.000Z';
  return {
    unitId: `u-${String(i).padStart(5, '0')}`,
    unitName: `${NAMES[i % NAMES.length]} ${i % 13}`,
    unitKind: KINDS[i % KINDS.length],
    level: LEVELS[i % LEVELS.length],
    status: status as BoardStatus,
    effectiveDeadline: deadline,
    submittedAt,
    late: submittedStatus && submittedAt === null ? i % 2 === 0 : null,
    activeFrom: i % 17 === 0 ? '2026-12-15' : '2020-01-01',
    activeTo: i % 19 === 0 ? '2026-06-30' : null,
    assigned: i % 23 !== 0,
    lastActivityAt: submittedAt,
  };
}

export async function seed(owner: DataSource, n: number): Promise<string> {
  const cycleId = randomUUID();
  await owner.query(
    `INSERT INTO cycles (id, template_id, template_version, period_label, data_from, data_to, issuing_body_unit_id, issuing_body_name,
                       coordinator_id, submission_deadline, status, opened_at, version)
                     VALUES ($1, 'dan-van-annual', 1, 'năm 2026', $2, $3, 'hu', 'Huyện ủy', 'cv', '2026-12-16', 'collecting', now(), 1)`,
    [cycleId, DATA_FROM, DATA_TO],
  );
  const rows = Array.from({ length: n }, (_, i) => rowOf(i));
  await owner.query(
    `INSERT INTO org_units (id, level, kind, canonical_name, active_from, active_to, version)
                     SELECT * , 1 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::date[], $6::date[]) ON CONFLICT (id) DO NOTHING`,
    [
      rows.map((r) => r.unitId),
      rows.map((r) => r.level),
      rows.map((r) => r.unitKind),
      rows.map((r) => r.unitName),
      rows.map((r) => r.activeFrom),
      rows.map((r) => r.activeTo),
    ],
  );
  await owner.query(
    `INSERT INTO cycle_units (cycle_id, unit_id, assigned, base_deadline, effective_deadline, status, submitted_at, late, last_activity_at,
                              unit_name, unit_kind, unit_level, unit_active_from, unit_active_to)
                     SELECT $1, u.*, ou.canonical_name, ou.kind, ou.level, ou.active_from, ou.active_to
                       FROM unnest($2::text[], $3::boolean[], $4::date[], $4::date[], $5::text[], $6::timestamptz[], $7::boolean[], $6::timestamptz[]) AS u(unit_id)
                       LEFT JOIN org_units ou ON ou.id = u.unit_id`,
    [
      cycleId,
      rows.map((r) => r.unitId),
      rows.map((r) => r.assigned),
      rows.map((r) => r.effectiveDeadline),
      rows.map((r) => r.status),
      rows.map((r) => r.submittedAt),
      rows.map((r) => r.late),
    ],
  );
  return cycleId;
}
