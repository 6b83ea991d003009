import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { cycleScopeSql, type CycleScope } from '@kybaocao/persistence/projections/cycle-board/cycle-board.queries';
import { Projector } from '@kybaocao/persistence/projections/projector';
import { decodeCursor, encodeCursor } from '../common/cursor';
import { TemplateStore } from '../templates/template-store';
import type { CycleListItemDto, CycleListPageDto, CycleListQueryDto, NextMilestoneDto } from './cycle-list.dto';

interface CycleKey {
  o: string;
  i: string;
}
const isCycleKey = (k: any): k is CycleKey =>
  typeof k?.o === 'string' && !Number.isNaN(Date.parse(k.o)) && typeof k?.i === 'string' && /^[0-9a-f-]{36}$/i.test(k.i);

/** The milestone each phase works towards (a cycle closed or cancelled has none left). */
const MILESTONE_OF_PHASE: Record<string, { key: string; label: string } | undefined> = {
  planned: { key: 'submissionDeadline', label: 'Hạn nộp báo cáo' },
  collecting: { key: 'submissionDeadline', label: 'Hạn nộp báo cáo' },
  reviewing: { key: 'reviewDue', label: 'Hạn thẩm định' },
  commenting: { key: 'commentsDue', label: 'Hạn Thường trực cho ý kiến' },
  signing: { key: 'signOffDue', label: 'Hạn ký ban hành' },
  distributing: { key: 'distributionDue', label: 'Hạn phát hành' },
};

export function nextMilestone(status: string, milestones: Record<string, string> | undefined): NextMilestoneDto | null {
  const m = MILESTONE_OF_PHASE[status];
  const date = m && milestones?.[m.key];
  return m && date ? { ...m, date } : null;
}

const day = (v: Date | string): string => (typeof v === 'string' ? v.slice(0, 10) : v.toISOString().slice(0, 10));

/**
 * "Các kỳ báo cáo": one page of cycles, newest first, filtered by phase and year, each with its progress counted
 * in SQL over the page's cycles only (the answer's size does not grow with the number of units).
 */
@Injectable()
export class ListCyclesUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly projector: Projector,
    private readonly templates: TemplateStore,
  ) {}

  /** `scope`: the cycles the caller's office may read (permissions' cycleListScope). */
  async execute(query: CycleListQueryDto, scope: CycleScope): Promise<CycleListPageDto> {
    const after = decodeCursor(query.cursor, isCycleKey);
    const limit = query.limit ?? 20;
    await this.projector.catchUpToNow(undefined, ['cycle-board']);
    const inScope = cycleScopeSql(scope, 3, 'c.issuing_body_unit_id');
    const filters = `($1::text IS NULL OR c.status = $1) AND ($2::int IS NULL OR extract(year FROM c.data_to) = $2) AND ${inScope.condition}`;
    const params = [query.phase ?? null, query.year ?? null, ...inScope.params];
    const next = params.length + 1;
    const rows: any[] = await this.db.query(
      `${inScope.cte} SELECT c.id, c.template_id, c.template_version, c.period_label, c.data_from, c.data_to, c.issuing_body_name, c.status, c.opened_at,
              h.state->'milestones' AS milestones
         FROM cycles c LEFT JOIN cycle_heads h ON h.cycle_id = c.id::text
        WHERE ${filters} AND ($${next}::timestamptz IS NULL OR (c.opened_at, c.id) < ($${next}::timestamptz, $${next + 1}::uuid))
        ORDER BY c.opened_at DESC, c.id DESC LIMIT $${next + 2}`,
      [...params, after?.o ?? null, after?.i ?? null, limit + 1],
    );
    const page = rows.slice(0, limit);
    const [{ total }] = await this.db.query(`${inScope.cte} SELECT count(*)::int AS total FROM cycles c WHERE ${filters}`, params);
    const counts: any[] =
      page.length === 0
        ? []
        : await this.db.query(
            `SELECT cycle_id,
              count(*)::int AS expected,
              count(*) FILTER (WHERE status IN ('submitted', 'resubmitted', 'approved'))::int AS submitted,
              count(*) FILTER (WHERE status = 'approved')::int AS approved
         FROM cycle_units WHERE assigned AND cycle_id = ANY($1::uuid[]) GROUP BY cycle_id`,
            [page.map((r) => r.id)],
          );
    const progress = new Map(counts.map((c) => [c.cycle_id, { expected: c.expected, submitted: c.submitted, approved: c.approved }]));
    const items: CycleListItemDto[] = [];
    for (const r of page) {
      const template = await this.templates.get(r.template_id, r.template_version).catch(() => undefined);
      items.push({
        id: r.id,
        title: template?.title ?? 'Báo cáo',
        periodLabel: r.period_label,
        dataFrom: day(r.data_from),
        dataTo: day(r.data_to),
        issuingBodyName: r.issuing_body_name,
        status: r.status,
        openedAt: new Date(r.opened_at).toISOString(),
        progress: progress.get(r.id) ?? { expected: 0, submitted: 0, approved: 0 },
        nextMilestone: nextMilestone(r.status, r.milestones ?? undefined),
      });
    }
    const last = page[page.length - 1];
    return {
      items,
      total,
      nextCursor: rows.length > limit && last ? encodeCursor({ o: new Date(last.opened_at).toISOString(), i: last.id }) : null,
    };
  }
}
