import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { Actor, authorize } from '../../../common/actor';
import type { WriteOptions } from '../../../common/write-options';
import { CyclesService } from '../../../cycles/cycles.service';
import type { ReportDto } from '../../report-response.dto';
import { ReportRepository } from '../../report.repository';
import type { CommentDto } from '../../reports.dto';
import { GetReport } from '../get-report/get-report.usecase';

/** A Thường trực comment anchored to a passage of a version. */
@Injectable()
export class CommentOnReport {
  constructor(
    private readonly cycles: CyclesService,
    private readonly reports: ReportRepository,
    private readonly view: GetReport,
  ) {}

  async execute(cycleId: string, dto: CommentDto, actor: Actor, opts: WriteOptions): Promise<ReportDto> {
    const cycle = await this.cycles.cycleHead(cycleId);
    authorize(actor, 'report.comment', { cycleStatus: cycle.status });
    // A retried request (same caller, same key) names the same comment.
    const commentId = opts.idempotencyKey
      ? `c-${createHash('sha256').update(`${actor.userId}\u0000${opts.idempotencyKey}`).digest('hex').slice(0, 16)}`
      : randomUUID();
    const written = await this.reports.append(
      cycleId,
      actor,
      opts,
      (by, at) => ({
        type: 'AddComment',
        data: {
          commentId,
          version: dto.version,
          anchor: { passageId: dto.passageId, ...(dto.quote !== undefined ? { quote: dto.quote } : {}) },
          text: dto.text,
          at,
          by,
        },
      }),
      // The commented version's passages are checked; the view shows the latest (and signed) version's.
      { documents: { shown: true, versions: [dto.version] } },
    );
    return this.view.ofWrite(cycleId, actor, written, cycle.status);
  }
}
