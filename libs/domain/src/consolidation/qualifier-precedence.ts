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
  const has = (q: Qualifier) => qualifiers.includes(q);
  const cumulativeCount = qualifiers.filter((q) => q === 'luy_ke').length;
  const mixedCumulative = cumulativeCount > 0 && cumulativeCount < qualifiers.length;
  const mixedBounds = has('tren') && has('gan');
  let qualifier: Qualifier | undefined;
  if (has('uoc_dat') || mixedBounds) qualifier = 'uoc_dat';
  else if (has('tren')) qualifier = 'tren';
  else if (has('gan')) qualifier = 'gan';
  else if (qualifiers.length > 0 && cumulativeCount === qualifiers.length) qualifier = 'luy_ke';
  return qualifier === undefined ? { mixedBounds, mixedCumulative } : { qualifier, mixedBounds, mixedCumulative };
}

/** "trên", "gần" and "ước đạt" make a number approximate; "lũy kế" and no qualifier do not. */
export function isApproximate(qualifier: Qualifier | undefined): boolean {
  return qualifier === 'tren' || qualifier === 'gan' || qualifier === 'uoc_dat';
}
