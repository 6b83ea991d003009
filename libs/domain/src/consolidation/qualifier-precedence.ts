import type { Qualifier } from '../templates/report-template';

export interface CombinedQualifier {
  /** The qualifier of the total; absent when the total is exact. */
  qualifier?: Qualifier;
  /**
   * Some parts are lower bounds ("trên") and others upper bounds ("gần"): the total is approximate in an
   * unknown direction. The total is then written "ước đạt" and the reviewer is told.
   */
  mixedBounds: boolean;
  /** Some parts are cumulative ("lũy kế") and others are not: adding them mixes two meanings. */
  mixedCumulative: boolean;
}

/**
 * The qualifier of a sum, from the qualifiers of its parts (undefined = exact). Precedence, strongest first:
 *
 * 1. any "ước đạt" part → the total is "ước đạt": one estimated part makes the whole an estimate, whatever
 *    the others are ("ước đạt" beats "trên" and "gần");
 * 2. "trên" parts and "gần" parts together → "ước đạt" (`mixedBounds`): a lower bound plus an upper bound is
 *    neither;
 * 3. any "trên" part (the rest exact or "lũy kế") → "trên": exact + lower bound is a lower bound;
 * 4. any "gần" part (the rest exact or "lũy kế") → "gần": exact + nearly is nearly;
 * 5. every part "lũy kế" → "lũy kế"; some "lũy kế" and some not → no qualifier from them (`mixedCumulative`,
 *    a warning: a cumulative figure was added to figures of the period).
 * 6. otherwise exact.
 *
 * "Lũy kế" says what a number counts, the others how precise it is; a total carries only one qualifier, and
 * precision wins because it changes what the reader may conclude from the number.
 */
export function combineQualifiers(qualifiers: readonly (Qualifier | undefined)[]): CombinedQualifier {
  const counts: QualifierCounts = { tren: 0, gan: 0, uoc_dat: 0, luy_ke: 0, parts: qualifiers.length };
  for (const q of qualifiers) if (q === 'tren' || q === 'gan' || q === 'uoc_dat' || q === 'luy_ke') counts[q]++;
  return combineQualifierCounts(counts);
}

/** How many parts carry each qualifier, and how many parts there are (with a qualifier or not). */
export type QualifierCounts = Record<Qualifier, number> & { parts: number };

/** combineQualifiers from the counts of the parts' qualifiers (what a column of 20,000 parts gives without a list). */
export function combineQualifierCounts(counts: QualifierCounts): CombinedQualifier {
  const mixedCumulative = counts.luy_ke > 0 && counts.luy_ke < counts.parts;
  const mixedBounds = counts.tren > 0 && counts.gan > 0;
  let qualifier: Qualifier | undefined;
  if (counts.uoc_dat > 0 || mixedBounds) qualifier = 'uoc_dat';
  else if (counts.tren > 0) qualifier = 'tren';
  else if (counts.gan > 0) qualifier = 'gan';
  else if (counts.parts > 0 && counts.luy_ke === counts.parts) qualifier = 'luy_ke';
  return qualifier === undefined ? { mixedBounds, mixedCumulative } : { qualifier, mixedBounds, mixedCumulative };
}

/** "trên", "gần" and "ước đạt" make a number approximate; "lũy kế" and no qualifier do not. */
export function isApproximate(qualifier: Qualifier | undefined): boolean {
  return qualifier === 'tren' || qualifier === 'gan' || qualifier === 'uoc_dat';
}
