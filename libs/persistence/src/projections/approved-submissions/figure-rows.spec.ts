import { figuresOfRow } from '@kybaocao/domain/templates/figure-row';
import { FIGURE_LAYOUTS_KEPT, FigureRowReader } from './figure-rows';

/** Rows read from the compact columns of migration 1764300100000 (their text as PostgreSQL writes it). */
describe('FigureRowReader', () => {
  it('gives back the figures the columns describe, in their order, qualifiers and other values included', () => {
    const reader = new FigureRowReader();
    const row = reader.row({
      figures_layout: 'nrorn|["A", "B", "C|D", "E", "Ư"]',
      figures_numbers: '1.5,3,4,1e+21,7,8,-2',
      figures_qualifiers: '[[0, "tren"], [3, "uoc_dat"], [4, "khoang"]]',
      figures_other: { 'C|D': { cells: { X: 1 } } },
    });
    expect(JSON.stringify(figuresOfRow(row))).toBe(
      JSON.stringify({
        A: { value: 1.5, qualifier: 'tren' },
        B: { numerator: 3, denominator: 4 },
        'C|D': { cells: { X: 1 } },
        E: { numerator: 1e21, qualifier: 'uoc_dat', denominator: 7 },
        Ư: { value: 8, qualifier: 'khoang' },
      }),
    );
    expect(row.numbers).toHaveLength(7);
    const empty = reader.row({ figures_layout: '|[]', figures_numbers: '', figures_qualifiers: null, figures_other: null });
    expect(figuresOfRow(empty)).toEqual({});
  });

  it('decodes a layout once and shares it; keeps at most FIGURE_LAYOUTS_KEPT, whatever the units hold', () => {
    const reader = new FigureRowReader();
    const columns = (k: number) => ({
      figures_layout: `n|["M${k}"]`,
      figures_numbers: String(k),
      figures_qualifiers: null,
      figures_other: null,
    });
    expect(reader.row(columns(1)).layout).toBe(reader.row(columns(1)).layout);
    for (let k = 0; k < 3 * FIGURE_LAYOUTS_KEPT; k++) {
      const row = reader.row(columns(k));
      expect(row.layout.codes).toEqual([`M${k}`]);
      expect(reader.layoutsKept).toBeLessThanOrEqual(FIGURE_LAYOUTS_KEPT);
    }
    expect(() => reader.row({ figures_layout: 'x|["A"]', figures_numbers: '1', figures_qualifiers: null, figures_other: null })).toThrow(
      /unknown kind x/,
    );
  });
});
