import { Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { formatFigure } from '@kybaocao/domain/consolidation/figure-format';
import type { BodyParagraph, BodySection, FigureSource } from '@kybaocao/domain/document/document.model';
import { sourceCountOf, sourcesOf } from '@kybaocao/domain/document/figure-sources';
import { issuedDocument } from '@kybaocao/domain/report';
import type { FigureValue } from '@kybaocao/domain/templates/report-template';
import { Projector } from '@kybaocao/persistence/projections/projector';
import { Actor, authorize } from '../common/actor';
import { CyclesService } from '../cycles/cycles.service';
import type { FigureSourcesDto } from './figure-sources.dto';
import { ReportRepository } from './report.repository';

/** At most this many contributing units per figure in one answer (a page; the rest are counted, not listed). */
export const MAX_SOURCES_PER_FIGURE = 100;

interface SourceRow {
  source_event_id: string;
  unit_id: string;
  version: number;
  approved_at: Date;
  figures: Record<string, FigureValue>;
  unit_name: string | null;
  approved_by: string | null;
}

/**
 * Where the figures of one passage of a report version came from: for each indicator its runs cite, the
 * consolidated total and, per contributing unit, the approved submission version, the unit's own figure and
 * the approving event (when, by whom). Reads the cited approvals by their event ids (indexed), never the cycle.
 */
@Injectable()
export class FigureSources {
  constructor(
    private readonly reports: ReportRepository,
    private readonly cycles: CyclesService,
    private readonly projector: Projector,
    private readonly db: DataSource,
  ) {}

  async ofPassage(cycleId: string, n: number, passageId: string, actor: Actor, page = 1): Promise<FigureSourcesDto> {
    const cycle = await this.cycles.cycleHead(cycleId);
    authorize(actor, 'report.checks');
    // That version's document alone (the others stay in the database).
    const { state } = await this.reports.readAs(actor, cycleId, { shown: false, versions: [n] });
    const v = state.versions[n - 1];
    if (!v) {
      throw new NotFoundException({
        statusCode: 404,
        error: 'REPORT_VERSION_NOT_FOUND',
        message: `the report has no version ${n}`,
        messageVi: `Báo cáo không có phiên bản ${n}.`,
      });
    }
    const document = state.signed?.version === n ? issuedDocument(state)! : v.document;
    const paragraph = paragraphAt(document.body, passageId);
    if (!paragraph) {
      throw new UnprocessableEntityException({
        statusCode: 422,
        error: 'PASSAGE_NOT_FOUND',
        message: `version ${n} has no paragraph ${passageId}`,
        messageVi: 'Không tìm thấy đoạn văn này trong phiên bản đã chọn.',
      });
    }
    // Per indicator the passage cites: how many sources, and this page of them (never the whole list).
    const window = { offset: (page - 1) * MAX_SOURCES_PER_FIGURE, limit: MAX_SOURCES_PER_FIGURE };
    const cited = new Map<string, { count: number; listed: FigureSource[] }>();
    for (const run of paragraph.runs) {
      for (const ind of run.provenance?.indicators ?? []) {
        if (cited.has(ind.code)) continue;
        const count = ind.sources ? ind.sources.length : sourceCountOf(document.figureSources, ind.code);
        cited.set(ind.code, { count, listed: sourcesOf(document.figureSources, ind, window) });
      }
    }
    const template = await this.cycles.templateOf(cycle);
    const eventIds = [...new Set([...cited.values()].flatMap((c) => c.listed.map((s) => s.sourceEventId)))];
    const rows = await this.rows(eventIds);
    const indicators = [...cited.entries()].map(([code, { count, listed }]) => {
      const indicator = template.indicators.find((i) => i.code === code);
      const found = listed.map((s) => rows.get(s.sourceEventId)).filter((r): r is SourceRow => !!r);
      return {
        code,
        name: indicator?.name ?? code,
        unit: indicator?.unit ?? '',
        sourceCount: count,
        sources: found.map((r) => {
          const value = r.figures?.[code];
          return {
            unitId: r.unit_id,
            unitName: r.unit_name ?? r.unit_id,
            submissionVersion: r.version,
            sourceEventId: r.source_event_id,
            approvedAt: new Date(r.approved_at).toISOString(),
            ...(r.approved_by ? { approvedBy: r.approved_by } : {}),
            ...(value && indicator ? { valueText: formatFigure(indicator, value) } : {}),
          };
        }),
      };
    });
    return { cycleId, version: n, passageId, page, pageSize: MAX_SOURCES_PER_FIGURE, indicators };
  }

  private async rows(eventIds: string[]): Promise<Map<string, SourceRow>> {
    if (eventIds.length === 0) return new Map();
    await this.projector.catchUpToNow();
    const rows: SourceRow[] = await this.db.query(
      `SELECT a.source_event_id::text AS source_event_id, a.unit_id, a.version, a.approved_at, v.figures,
              COALESCE(o.short_name, o.canonical_name) AS unit_name,
              (SELECT u.display_name FROM users u WHERE u.id::text = e.metadata->'actor'->>'userId') AS approved_by
         FROM submission_approvals a
         JOIN submission_versions v ON v.cycle_id = a.cycle_id AND v.unit_id = a.unit_id AND v.version = a.version
         LEFT JOIN org_units o ON o.id = a.unit_id
         LEFT JOIN events e ON e.event_id = a.source_event_id
        WHERE a.source_event_id = ANY($1::uuid[])`,
      [eventIds],
    );
    return new Map(rows.map((r) => [r.source_event_id, r]));
  }
}

/** The paragraph a passage id names ('s2.1/p1'; a footnote 's2.1/p1/f1' names its paragraph's figures). */
export function paragraphAt(body: readonly BodySection[], passageId: string): BodyParagraph | undefined {
  const m = /^s(\d+(?:\.\d+)*)\/p(\d+)(?:\/f\d+)?$/.exec(passageId);
  if (!m) return undefined;
  let sections: readonly BodySection[] | undefined = body;
  let section: BodySection | undefined;
  for (const i of m[1].split('.').map(Number)) {
    section = sections?.[i - 1];
    sections = section?.sections;
  }
  return section?.paragraphs[Number(m[2]) - 1];
}
