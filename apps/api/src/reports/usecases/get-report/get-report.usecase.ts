import { reportFor } from '../../report-visibility';
import { withoutSourceTable } from '@kybaocao/domain/document/figure-sources';
import { Injectable } from '@nestjs/common';
import { allowedActions } from '@kybaocao/domain/permissions';
import { latestVersion, type ReportState } from '@kybaocao/domain/report';
import type { OpenedCycleState } from '@kybaocao/domain/cycle';
import type { HandleResult } from '@kybaocao/persistence/event-store/command-handler';
import { Actor, permissionActor } from '../../../common/actor';
import { CyclesService } from '../../../cycles/cycles.service';
import type { DistributionDto, ReportDto } from '../../report-response.dto';
import { deliveryCounts, documentRead, shownDocument, SHOWN_DOCUMENTS, type ReportRead } from '../../report-read';
import { ReportRepository, requireReader } from '../../report.repository';

/** The report as its reader sees it: status, versions, comments, signature, number, distribution, what the caller may do. */
@Injectable()
export class GetReport {
  constructor(
    private readonly cycles: CyclesService,
    private readonly reports: ReportRepository,
  ) {}

  async execute(cycleId: string, actor: Actor): Promise<ReportDto> {
    const cycle = await this.cycles.cycleHead(cycleId);
    // The view shows the latest and the signed version's text only: the other versions' documents stay unread.
    // Without the other units' deliveries (the distribution's counts come with the read): a report sent to 20,000 units
    // is opened by each of them.
    const read = await this.reports.readAs(actor, cycleId, SHOWN_DOCUMENTS, { sourceTable: false });
    return this.view(cycleId, actor, read, cycle.status);
  }

  /** What a write answers: the report read again, with the stream version the write produced. */
  async afterWrite(cycleId: string, actor: Actor, written: { version: number }): Promise<ReportDto> {
    return { ...(await this.execute(cycleId, actor)), streamVersion: written.version };
  }

  /**
   * What a write answers, from the state the write itself folded (not read again: a draft's document is the largest
   * thing a cycle stores, and the stream holds every version of it), with the cycle's phase the caller read. Read
   * again, as afterWrite, for a retried request, and when the write decided without the document the view shows.
   */
  async ofWrite(
    cycleId: string,
    actor: Actor,
    written: HandleResult<ReportState>,
    cycleStatus: OpenedCycleState['status'],
  ): Promise<ReportDto> {
    const shown = shownDocument(written.state);
    if (written.idempotentReplay || (shown && !documentRead(shown))) return this.afterWrite(cycleId, actor, written);
    return this.view(cycleId, actor, { state: written.state, version: written.version }, cycleStatus);
  }

  private view(
    cycleId: string,
    actor: Actor,
    read: Pick<ReportRead, 'state' | 'version' | 'readerOf'>,
    cycleStatus: OpenedCycleState['status'],
  ): ReportDto {
    const { state, version } = read;
    const cycle = { status: cycleStatus };
    requireReader(actor, state);
    const latest = latestVersion(state);
    const shown = shownDocument(state);
    // A reader outside the office (a reporter the report was sent to) sees the issued version alone.
    return reportFor(actor, {
      cycleId,
      streamVersion: version,
      status: state.status,
      cyclePhase: cycle.status,
      allowedActions: allowedActions(permissionActor(actor), 'report', {
        cycleStatus: cycle.status,
        reportStatus: state.status,
        reportRecipientUnitIds: state.distribution?.deliveries.map((d) => d.unitId) ?? [],
      }),
      versions: state.versions.map((v) => ({
        version: v.version,
        origin: v.origin,
        createdAt: v.createdAt,
        createdBy: v.createdBy,
        ...(v.note ? { note: v.note } : {}),
      })),
      latestVersion: latest?.version ?? null,
      comments: state.comments,
      signed: state.signed ?? null,
      numbered: state.numbered ?? null,
      distribution: distributionOf(read),
      recall: state.recall ?? null,
      recipientsAmended: state.recipientsAmended
        ? {
            at: state.recipientsAmended.at,
            by: state.recipientsAmended.by,
            ...(state.recipientsAmended.reason ? { reason: state.recipientsAmended.reason } : {}),
          }
        : null,
      document: shown ? withoutSourceTable(shown) : null,
    });
  }
}

/**
 * The distribution as every answer carries it: when, by whom, and the counts, never the list of deliveries (one per
 * receiving unit, ~20,000 for a national report): the office pages it on GET …/report/deliveries.
 */
function distributionOf(read: Pick<ReportRead, 'state' | 'readerOf'>): DistributionDto | null {
  const d = read.state.distribution;
  const counts = deliveryCounts(read);
  if (!d || !counts) return null;
  return { at: d.at, by: d.by, deliveredCount: counts.delivered, acknowledgedCount: counts.acknowledged };
}
