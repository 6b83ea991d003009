import { sameFigure, type FigureValue } from '../templates/report-template';
import type { SubmissionContent } from './submission.model';

export interface FigureChange {
  code: string;
  from: FigureValue;
  to: FigureValue;
}

export interface NarrativeChange {
  sectionCode: string;
  change: 'added' | 'removed' | 'changed';
  from?: string;
  to?: string;
}

export interface SubmissionDiff {
  figures: {
    added: { code: string; value: FigureValue }[];
    removed: { code: string; value: FigureValue }[];
    /** Value or qualifier changed ("trên 500" → "500" is a change). */
    changed: FigureChange[];
  };
  narrative: NarrativeChange[];
  /** Nothing differs. */
  unchanged: boolean;
}

/** What changed from `a` (older) to `b` (newer). Codes are listed in sorted order. */
export function diffVersions(a: SubmissionContent, b: SubmissionContent): SubmissionDiff {
  const figures: SubmissionDiff['figures'] = { added: [], removed: [], changed: [] };
  for (const code of sortedKeys(a.figures, b.figures)) {
    const from = own(a.figures, code);
    const to = own(b.figures, code);
    if (from === undefined && to !== undefined) figures.added.push({ code, value: to });
    else if (from !== undefined && to === undefined) figures.removed.push({ code, value: from });
    else if (from !== undefined && to !== undefined && !sameFigure(from, to)) figures.changed.push({ code, from, to });
  }
  const narrative: NarrativeChange[] = [];
  for (const sectionCode of sortedKeys(a.narrative, b.narrative)) {
    const from = own(a.narrative, sectionCode);
    const to = own(b.narrative, sectionCode);
    if (from === undefined && to !== undefined) narrative.push({ sectionCode, change: 'added', to });
    else if (from !== undefined && to === undefined) narrative.push({ sectionCode, change: 'removed', from });
    else if (from !== undefined && to !== undefined && from.normalize('NFC') !== to.normalize('NFC')) {
      narrative.push({ sectionCode, change: 'changed', from, to });
    }
  }
  const unchanged = figures.added.length + figures.removed.length + figures.changed.length + narrative.length === 0;
  return { figures, narrative, unchanged };
}

function sortedKeys(a: object, b: object): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
}

function own<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}
