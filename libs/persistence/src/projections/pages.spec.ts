import { pages } from './pages';

describe('pages', () => {
  it('cuts items into arrays of at most the size, in order, the last one shorter', () => {
    expect([...pages([1, 2, 3, 4, 5], 2)]).toEqual([[1, 2], [3, 4], [5]]);
    expect([...pages([1, 2, 3, 4], 2)]).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect([
      ...pages(
        new Map([
          ['a', 1],
          ['b', 2],
          ['c', 3],
        ]).values(),
        5,
      ),
    ]).toEqual([[1, 2, 3]]);
    expect([...pages([], 3)]).toEqual([]);
  });

  it('refuses a size that would never end a page', () => {
    for (const size of [0, -1, 1.5, NaN]) expect(() => [...pages([1], size)]).toThrow(RangeError);
  });
});
