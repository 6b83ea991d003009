import type { ReportState } from '@kybaocao/domain/report';
import { reportHeadQueries } from '@kybaocao/persistence/projections/report-heads/report-heads.projection';
import type { Sql } from '@kybaocao/persistence/projections/cycle-heads/cycle-heads.projection';

export const reportStream = (cycleId: string) => `report-${cycleId}`;

/**
 * The status of the cycle's report (for the cycle's phase guards; kept apart from the report's use cases to avoid an
 * import cycle): one row of the report heads, written with each report append, never the stream and its documents.
 */
export async function reportStatusOf(m: Sql, cycleId: string): Promise<ReportState['status']> {
  return (await reportHeadQueries.head(m, cycleId)).head.status;
}
