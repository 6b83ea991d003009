import type { Qualifier } from '../templates/report-template';
import { combineQualifiers, isApproximate } from './qualifier-precedence';

type Q = Qualifier | undefined;

describe('combineQualifiers', () => {
  it.each<[string, Q[], Q]>([
    ['no parts', [], undefined],
    ['all exact', [undefined, undefined], undefined],
    ['exact + trên → trên', [undefined, 'tren'], 'tren'],
    ['all trên → trên (001 fn 20: trên 100 + trên 92 + trên 85)', ['tren', 'tren', 'tren'], 'tren'],
    ['exact + gần → gần', ['gan', undefined], 'gan'],
    ['exact + ước đạt → ước đạt', [undefined, 'uoc_dat'], 'uoc_dat'],
    ['ước đạt beats trên', ['tren', 'uoc_dat'], 'uoc_dat'],
    ['ước đạt beats gần', ['uoc_dat', 'gan'], 'uoc_dat'],
    ['trên + gần → ước đạt (direction unknown)', ['tren', 'gan'], 'uoc_dat'],
    ['all lũy kế → lũy kế', ['luy_ke', 'luy_ke'], 'luy_ke'],
    ['lũy kế + exact → exact (mixed)', ['luy_ke', undefined], undefined],
    ['trên beats lũy kế', ['luy_ke', 'tren'], 'tren'],
    ['gần beats lũy kế', ['gan', 'luy_ke'], 'gan'],
  ])('%s', (_label, parts, expected) => {
    expect(combineQualifiers(parts).qualifier).toBe(expected);
  });

  it('flags bounds in both directions', () => {
    expect(combineQualifiers(['tren', 'gan', undefined])).toEqual({ qualifier: 'uoc_dat', mixedBounds: true, mixedCumulative: false });
    expect(combineQualifiers(['tren', undefined]).mixedBounds).toBe(false);
  });

  it('flags cumulative figures mixed with figures of the period, not all-cumulative ones', () => {
    expect(combineQualifiers(['luy_ke', undefined])).toEqual({ mixedBounds: false, mixedCumulative: true });
    expect(combineQualifiers(['luy_ke', 'tren']).mixedCumulative).toBe(true);
    expect(combineQualifiers(['luy_ke', 'luy_ke']).mixedCumulative).toBe(false);
  });

  it('does not depend on the order of the parts', () => {
    expect(combineQualifiers(['gan', undefined, 'tren'])).toEqual(combineQualifiers(['tren', 'gan', undefined]));
  });
});

describe('isApproximate', () => {
  it('trên, gần and ước đạt are approximate; lũy kế and exact are not', () => {
    expect((['tren', 'gan', 'uoc_dat', 'luy_ke', undefined] as Q[]).map(isApproximate)).toEqual([true, true, true, false, false]);
  });
});
