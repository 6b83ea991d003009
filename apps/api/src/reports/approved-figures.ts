import type { DataSource } from 'typeorm';
import { Consolidator, type ConsolidatorInput } from '@kybaocao/domain/consolidation/consolidator';
import type { Consolidation } from '@kybaocao/domain/consolidation/consolidation.model';
import type { RegistryUnit, UnitNarrative } from '@kybaocao/domain/report';
import { approvedSubmissionQueries } from '@kybaocao/persistence/projections/approved-submissions/approved-submissions.projection';

/** What consolidating a cycle's approvals needs besides them: the consolidation's input and the registry's units (names, kinds). */
export interface ApprovedFiguresSetup {
  input: ConsolidatorInput;
  units: ReadonlyMap<string, RegistryUnit>;
}

export interface ApprovedFigures {
  consolidation: Consolidation;
  /** Each approved unit's narrative, in the report's order. */
  narratives: UnitNarrative[];
  /** The approved units, in the report's order. */
  approvedUnits: string[];
}

/**
 * The cycle's approved submissions (the approved-submissions read model; with `upToPosition`, as they stood then)
 * consolidated a batch at a time: each batch's figures are read into the consolidation's columns and dropped before
 * the next is fetched, so a national cycle's 800,000 figure objects never live at once. Units are listed in
 * `unitOrder` (a unit's first mention); an approval of a unit not in it is left out. A unit's name and kind come from
 * the registry (its short name, else its name; else its id and 'UNKNOWN'). `setup` is awaited when the first batch
 * arrives (it is read while the cursor opens).
 */
export async function consolidateApproved(
  db: DataSource,
  cycleId: string,
  unitOrder: readonly string[],
  opts: { upToPosition?: string; batchRows?: number },
  setup: Promise<ApprovedFiguresSetup>,
): Promise<ApprovedFigures> {
  const place = new Map<string, number>();
  for (const id of unitOrder) if (!place.has(id)) place.set(id, place.size);
  const narratives: (UnitNarrative | undefined)[] = new Array<UnitNarrative | undefined>(place.size).fill(undefined);
  const consolidator = setup.then(({ input }) => new Consolidator(input, place.size));
  const read = approvedSubmissionQueries.ofCycleInBatches(db, cycleId, opts, async (rows) => {
    const into = await consolidator;
    const { units } = await setup;
    for (const a of rows) {
      const slot = place.get(a.unitId);
      if (slot === undefined) continue;
      const unit = units.get(a.unitId);
      const unitName = unit?.shortName ?? unit?.canonicalName ?? a.unitId;
      const submission = {
        unitId: a.unitId,
        unitName,
        unitKind: unit?.kind ?? 'UNKNOWN',
        sourceEventId: a.sourceEventId,
        sourcePosition: a.sourcePosition,
      };
      if (a.row !== undefined) into.addRow(slot, submission, a.row);
      else into.add(slot, { ...submission, figures: a.figures });
      narratives[slot] = { unitId: a.unitId, unitName, narrative: a.narrative };
    }
  });
  const [, done] = await Promise.all([read, consolidator]);
  const listed = narratives.filter((n): n is UnitNarrative => n !== undefined);
  return { consolidation: done.finish(), narratives: listed, approvedUnits: listed.map((n) => n.unitId) };
}
