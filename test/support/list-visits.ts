/**
 * The array entries `work` walks with the list methods (map, forEach, filter, find, …; each call counts its array's
 * length): a count, not a clock, for specs that check a step is linear in the units (a lookup by scanning a list
 * inside a loop over it shows as entries × entries).
 */
export function listVisits<T>(work: () => T): { result: T; visited: number } {
  const methods = ['map', 'forEach', 'filter', 'find', 'findIndex', 'some', 'every', 'reduce', 'flatMap'] as const;
  let visited = 0;
  const spies = methods.map((m) => {
    const original = Array.prototype[m] as (...args: unknown[]) => unknown;
    return jest.spyOn(Array.prototype, m).mockImplementation(function (this: unknown[], ...args: unknown[]) {
      visited += this.length;
      return original.apply(this, args);
    } as never);
  });
  try {
    return { result: work(), visited };
  } finally {
    spies.forEach((s) => s.mockRestore());
  }
}
