import type { Figures } from '../templates/report-template';
import type { ApprovedSubmission } from './consolidation.model';

/**
 * An approved submission for specs: the source event id is `evt-<unitId>` and the position is given, so a
 * test can check where every number came from.
 */
export function approved(unitId: string, unitName: string, unitKind: string, figures: Figures, position: number): ApprovedSubmission {
  return { unitId, unitName, unitKind, figures, sourceEventId: `evt-${unitId}`, sourcePosition: String(position) };
}
