import { figureLayout, ROW_OTHER, ROW_RATIO, ROW_SCALAR, type FigureLayout, type FigureRow } from '@kybaocao/domain/templates/figure-row';

/** The columns migration 1764300100000 computes from a version's figures (see there for their format). */
export interface CompactFigureColumns {
  figures_layout: string;
  figures_numbers: string;
  figures_qualifiers: string | null;
  figures_other: Record<string, unknown> | null;
}

const KINDS: Readonly<Record<string, number>> = { n: ROW_SCALAR, r: ROW_RATIO, o: ROW_OTHER };

/** Layouts a FigureRowReader keeps decoded at most (then it starts again): its memory stays bounded whatever the units hold. */
export const FIGURE_LAYOUTS_KEPT = 1024;

/**
 * Reads versions' figures from their compact columns into FigureRows: each distinct layout is decoded once per
 * reader (a cycle's units share a few dozen; should they share none, at most FIGURE_LAYOUTS_KEPT are kept), each row's
 * numbers with one JSON.parse of a flat list of numbers.
 */
export class FigureRowReader {
  private readonly layouts = new Map<string, FigureLayout>();

  /** How many layouts are kept decoded now. */
  get layoutsKept(): number {
    return this.layouts.size;
  }

  row(c: CompactFigureColumns): FigureRow {
    let layout = this.layouts.get(c.figures_layout);
    if (layout === undefined) {
      layout = decodeLayout(c.figures_layout);
      if (this.layouts.size >= FIGURE_LAYOUTS_KEPT) this.layouts.clear();
      this.layouts.set(c.figures_layout, layout);
    }
    const numbers = c.figures_numbers === '' ? [] : (JSON.parse(`[${c.figures_numbers}]`) as number[]);
    let qualifiers: (string | undefined)[] | undefined;
    if (c.figures_qualifiers !== null) {
      qualifiers = new Array<string | undefined>(layout.codes.length).fill(undefined);
      for (const [position, qualifier] of JSON.parse(c.figures_qualifiers) as [number, string][]) qualifiers[position] = qualifier;
    }
    return { layout, numbers, qualifiers, others: c.figures_other ?? undefined };
  }
}

function decodeLayout(text: string): FigureLayout {
  const bar = text.indexOf('|');
  const codes = JSON.parse(text.slice(bar + 1)) as string[];
  const kinds = new Uint8Array(bar);
  for (let i = 0; i < bar; i++) {
    const kind = KINDS[text[i]];
    if (kind === undefined) throw new Error(`figures_layout: unknown kind ${text[i]}`);
    kinds[i] = kind;
  }
  return figureLayout(codes, kinds);
}
