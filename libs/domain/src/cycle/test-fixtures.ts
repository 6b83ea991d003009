import type { OpenCycle } from './cycle.commands';
import type { CycleMilestones, IssuingBody } from './cycle.model';

/**
 * The OpenCycle command specs open their cycles with: the annual Dân vận report of `year` (data from 15/12 of the
 * year before to 14/12), milestones from 16/12 to 30/12, one assignment per unit. Each spec overrides only what it
 * is about.
 */
export function openCycleCommand(o: {
  cycleId: string;
  units: readonly string[];
  year?: number;
  periodKind?: string;
  coordinatorId?: string;
  issuingBody?: IssuingBody;
  milestones?: Partial<CycleMilestones>;
}): OpenCycle {
  const year = o.year ?? 2026;
  return {
    type: 'OpenCycle',
    data: {
      cycleId: o.cycleId,
      templateId: 'dan-van-annual',
      templateVersion: 1,
      coordinatorId: o.coordinatorId ?? 'cv',
      period: {
        kind: o.periodKind ?? 'annual',
        year,
        label: `năm ${year}`,
        dataFrom: `${year - 1}-12-15`,
        dataTo: `${year}-12-14`,
      },
      issuingBody: o.issuingBody ?? { unitId: 'hu', name: 'Huyện ủy', symbol: 'HU' },
      milestones: {
        submissionDeadline: `${year}-12-16`,
        reviewDue: `${year}-12-21`,
        commentsDue: `${year}-12-24`,
        signOffDue: `${year}-12-28`,
        distributionDue: `${year}-12-30`,
        ...o.milestones,
      },
      units: o.units.map((unitId) => ({ unitId })),
    },
  };
}
