import { reportDecider, type ReportState } from '@kybaocao/domain/report';
import type { EventStore } from '@kybaocao/persistence/event-store/event-store';
import { foldStream } from '@kybaocao/persistence/event-store/fold-stream';

export const reportStream = (cycleId: string) => `report-${cycleId}`;

/** The status of the cycle's report (for the cycle's phase guards; kept apart from the report's use cases to avoid an import cycle). */
export async function reportStatusOf(store: EventStore, cycleId: string): Promise<ReportState['status']> {
  return foldStream(reportDecider, await store.readStream(reportStream(cycleId))).status;
}
