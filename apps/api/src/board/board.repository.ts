import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { notificationQueries, type FailedDelivery } from '../../../../libs/notifications/src/notification.queries';
import { cycleBoardQueries } from '../../../../libs/persistence/src/projections/cycle-board/cycle-board.queries';

export type { BoardReadRow, CycleHeaderRow } from '../../../../libs/persistence/src/projections/cycle-board/cycle-board.queries';

/** What the board reads: the board read model's own queries (cycle-board.queries.ts) and failed e-mails. */
@Injectable()
export class BoardRepository {
  constructor(private readonly db: DataSource) {}

  cycleHeader(cycleId: string) {
    return cycleBoardQueries.cycleHeader(this.db.manager, cycleId);
  }

  cyclesEndingOn(dataTo: string) {
    return cycleBoardQueries.cyclesEndingOn(this.db.manager, dataTo);
  }

  cyclesNewestFirst() {
    return cycleBoardQueries.cyclesNewestFirst(this.db.manager);
  }

  boardRowsOfCycle(cycleId: string) {
    return cycleBoardQueries.boardRowsOfCycle(this.db.manager, cycleId);
  }

  /** E-mails of the cycle's notifications whose latest attempt failed. */
  failedDeliveriesOfCycle(cycleId: string): Promise<FailedDelivery[]> {
    return notificationQueries.failedDeliveriesOfCycle(this.db, cycleId);
  }
}
