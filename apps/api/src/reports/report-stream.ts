import { reportDecider, type ReportState } from '../../../../libs/domain/src/report';
import type { EventStore } from '../../../../libs/persistence/src/event-store/event-store';

export const reportStream = (cycleId: string) => `report-${cycleId}`;

/** The status of the cycle's report (for the cycle's phase guards; kept apart from ReportsService to avoid an import cycle). */
export async function reportStatusOf(store: EventStore, cycleId: string): Promise<ReportState['status']> {
  const events = await store.readStream(reportStream(cycleId));
  return events.reduce<ReportState>((s, e) => reportDecider.evolve(s, { type: e.type, data: e.data } as any), reportDecider.initialState()).status;
}
