import type { CycleListScope } from '@kybaocao/domain/permissions';
import { Injectable, NotFoundException } from '@nestjs/common';
import { PENDING_NAMES_SHOWN, pendingLineOf } from '@kybaocao/domain/board';
import { Projector } from '@kybaocao/persistence/projections/projector';
import { formatPercentVi } from '@kybaocao/domain/format/vietnamese-format';
import { BoardRepository, type CycleHeaderRow } from './board.repository';
import { BoardDto, BoardUnitViewDto, CycleSummaryDto } from './board.dto';
import { BoardQueryDto } from './board-query.dto';
import { boardOfCycle, pageRequest, toView } from './board-page';
import { decodeCursor, encodeCursor } from '../common/cursor';
import { readYourWrites, type ReadAfter } from '../common/read-your-writes';

/** The read models the board reads (cycles, cycle_units; org_units): a busy figures projection does not hold it back. */
export const BOARD_READ_MODELS = ['cycle-board', 'org-units'];

const isCycleCursor = (k: any): k is { openedAt: string; id: string } =>
  typeof k?.openedAt === 'string' && !Number.isNaN(Date.parse(k.openedAt)) && typeof k?.id === 'string' && /^[0-9a-f-]{36}$/i.test(k.id);

export { LEVEL_ORDER, LEVEL_LABELS_VI, levelLabel, STATUS_LABELS_VI } from './board-labels';

/** The coordinator's board: one page of rows and every total, computed in SQL (board-page.query.ts). */
@Injectable()
export class BoardService {
  constructor(
    private readonly repository: BoardRepository,
    private readonly projector: Projector,
  ) {}

  /** One page of the cycles, the most recently opened first. */
  async cycles(
    scope: CycleListScope,
    limit: number,
    cursor: string | undefined,
    readAfter: ReadAfter,
  ): Promise<{ items: CycleSummaryDto[]; nextCursor: string | null }> {
    const after = decodeCursor(cursor, isCycleCursor);
    await this.fresh(readAfter);
    const rows = await this.repository.cyclesNewestFirst(scope, limit + 1, after);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit && last ? encodeCursor({ openedAt: last.openedAt, id: last.id }) : null };
  }

  async hierarchy(cycleId: string, readAfter: ReadAfter, now = new Date()) {
    await this.fresh(readAfter);
    return boardHierarchy(this.repository, cycleId, now);
  }

  async board(cycleId: string, query: BoardQueryDto, readAfter: ReadAfter, now = new Date()): Promise<BoardDto> {
    await this.fresh(readAfter);
    const board = await boardOfCycle(this.repository, cycleId, query, now);
    if (!board) {
      throw new NotFoundException({
        statusCode: 404,
        error: 'CYCLE_NOT_FOUND',
        message: `cycle ${cycleId} does not exist`,
        messageVi: 'Không tìm thấy kỳ báo cáo.',
      });
    }
    return board;
  }

  /** The caller's own writes applied to the board's read models (no wait, no statement, without a token). */
  private fresh(readAfter: ReadAfter): Promise<void> {
    return readYourWrites(this.projector, BOARD_READ_MODELS, readAfter);
  }

  /** Every row of the board, filtered and sorted as asked, a page at a time (the CSV and XLSX downloads). */
  async *allRows(cycleId: string, query: BoardQueryDto, now = new Date()): AsyncGenerator<BoardUnitViewDto[]> {
    const pageSize = 2000;
    for (let offset = 0; ; offset += pageSize) {
      const rows = await this.repository.pageRows(pageRequest(cycleId, query, now, offset, pageSize));
      const failed = await this.repository.failedDeliveriesPerUnit(
        cycleId,
        rows.map((r) => r.unitId),
      );
      yield rows.map((r) => toView(r, failed.get(r.unitId) ?? 0));
      if (rows.length < pageSize) return;
    }
  }
}

/** Counts of one level of a cycle hierarchy (or of all of it). */
export interface HierarchyTotals {
  cycles: number;
  expected: number;
  submitted: number;
  onTime: number;
  /** '75%' (Vietnamese decimal comma); null with nothing expected. */
  completeness: string | null;
  timeliness: string | null;
}

export interface HierarchyNode {
  cycle: CycleHeaderRow;
  /** The unit of the parent cycle this cycle reports for; null at the root. */
  unitId: string | null;
  depth: number;
  overall: { expected: number; submitted: number; onTime: number; pending: number; completeness: string | null; timeliness: string | null };
  pendingLine: string;
  children: HierarchyNode[];
}

const MAX_HIERARCHY_DEPTH = 4;
const percent = (count: number, of: number) => (of === 0 ? null : formatPercentVi(count / of));
const totals = (cycles: number, expected: number, submitted: number, onTime: number): HierarchyTotals => ({
  cycles,
  expected,
  submitted,
  onTime,
  completeness: percent(submitted, expected),
  timeliness: percent(onTime, expected),
});

/**
 * The board rolled up across a hierarchy of cycles: under each unit of a cycle, the unit's own cycle for the
 * same data period (communes' cycles under the district's). Totals per depth and over the whole tree, so the
 * district sees at a glance how far the communes' own collection has got.
 */
export async function boardHierarchy(
  repository: BoardRepository,
  cycleId: string,
  now: Date,
): Promise<{ root: HierarchyNode; byDepth: (HierarchyTotals & { depth: number })[]; all: HierarchyTotals }> {
  const root = await repository.cycleHeader(cycleId);
  if (!root)
    throw new NotFoundException({
      statusCode: 404,
      error: 'CYCLE_NOT_FOUND',
      message: `cycle ${cycleId} does not exist`,
      messageVi: 'Không tìm thấy kỳ báo cáo.',
    });
  const byIssuer = new Map<string, CycleHeaderRow>();
  for (const c of await repository.cyclesEndingOn(root.dataTo))
    if (!byIssuer.has(c.issuingBodyUnitId)) byIssuer.set(c.issuingBodyUnitId, c);
  const visited = new Set<string>();
  const build = async (cycle: CycleHeaderRow, unitId: string | null, depth: number): Promise<HierarchyNode> => {
    visited.add(cycle.id);
    // The cycle's totals from its grouped counts and the first pending names: O(1) rows per cycle, not one per unit.
    const [{ overall: o }, children] = await Promise.all([
      repository.aggregates({ cycleId: cycle.id, now: now.toISOString(), filter: {} }),
      depth < MAX_HIERARCHY_DEPTH ? repository.assignedAmong(cycle.id, [...byIssuer.keys()]) : Promise.resolve([]),
    ]);
    const pending = o.expected - o.submitted;
    const names = pending > 0 ? await repository.pendingNames(cycle.id, now.toISOString(), PENDING_NAMES_SHOWN) : [];
    const nodes: HierarchyNode[] = [];
    for (const u of children) {
      const child = byIssuer.get(u);
      if (child && !visited.has(child.id)) nodes.push(await build(child, u, depth + 1));
    }
    return {
      cycle: {
        id: cycle.id,
        periodLabel: cycle.periodLabel,
        dataFrom: cycle.dataFrom,
        dataTo: cycle.dataTo,
        issuingBodyName: cycle.issuingBodyName,
        submissionDeadline: cycle.submissionDeadline,
        status: cycle.status,
        openedAt: cycle.openedAt,
      },
      unitId,
      depth,
      overall: {
        expected: o.expected,
        submitted: o.submitted,
        onTime: o.onTime,
        pending,
        completeness: percent(o.submitted, o.expected),
        timeliness: percent(o.onTime, o.expected),
      },
      pendingLine: pendingLineOf({ expected: o.expected, pending, names }),
      children: nodes,
    };
  };
  const tree = await build(root, null, 0);
  const sums = new Map<number, [number, number, number, number]>();
  const walk = (n: HierarchyNode) => {
    const s = sums.get(n.depth) ?? [0, 0, 0, 0];
    sums.set(n.depth, [s[0] + 1, s[1] + n.overall.expected, s[2] + n.overall.submitted, s[3] + n.overall.onTime]);
    n.children.forEach(walk);
  };
  walk(tree);
  const byDepth = [...sums.entries()].sort(([a], [b]) => a - b).map(([depth, [c, e, s, t]]) => ({ depth, ...totals(c, e, s, t) }));
  const all = byDepth.reduce((acc, d) => [acc[0] + d.cycles, acc[1] + d.expected, acc[2] + d.submitted, acc[3] + d.onTime], [0, 0, 0, 0]);
  return { root: tree, byDepth, all: totals(all[0], all[1], all[2], all[3]) };
}
