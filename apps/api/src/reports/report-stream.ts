import { reportDecider, type ReportState } from '../../../../libs/domain/src/report';
import type { EventStore, RecordedEvent } from '../../../../libs/persistence/src/event-store/event-store';

export const reportStream = (cycleId: string) => `report-${cycleId}`;

/** The report's state folded from its stream's events. */
export function foldReport(events: readonly RecordedEvent[]): ReportState {
  return events.reduce<ReportState>((s, e) => reportDecider.evolve(s, { type: e.type, data: e.data } as any), reportDecider.initialState());
}

/** The status of the cycle's report (for the cycle's phase guards; kept apart from ReportsService to avoid an import cycle). */
export async function reportStatusOf(store: EventStore, cycleId: string): Promise<ReportState['status']> {
  return foldReport(await store.readStream(reportStream(cycleId))).status;
}
