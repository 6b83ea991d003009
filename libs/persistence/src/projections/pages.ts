/**
 * Units written per statement by a read model: a page, whatever the number of units one event names (a national
 * cycle's opening names 20,000). Bounds what one statement holds in the API (its parameters, its message, its
 * answer) instead of building them for every unit at once (#16, the API's peak memory).
 */
export const UNIT_PAGE = 1000;

/** `items` in arrays of at most `size` (≥ 1), in order. */
export function* pages<T>(items: Iterable<T>, size: number): Generator<T[]> {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`page size must be a whole number of at least 1, not ${size}`);
  let page: T[] = [];
  for (const item of items) {
    page.push(item);
    if (page.length === size) {
      yield page;
      page = [];
    }
  }
  if (page.length) yield page;
}
