import { catchDomainError } from '../shared/domain-error';
import { runDecider } from '../shared/decider';
import { reportDecider } from '../report/report.decider';
import { unknownSources } from '../report/draft-checks';
import type { ReportEvent } from '../report/report.model';
import type { FigureSource, OfficialDocument } from './document.model';
import {
  figureSourceTable,
  foundTable,
  rankedSourceTable,
  sourceCountOf,
  sourcesOf,
  withoutSourceTable,
  withSourceTable,
} from './figure-sources';

const src = (i: number): FigureSource => ({ unitId: `u${i}`, sourceEventId: `e${i}`, sourcePosition: String(100 + i) });
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => src(from + k));

/** A draft of two figure paragraphs, the shape stored before the source table: every run lists its sources. */
function inlineDocument(): OfficialDocument {
  return {
    header: { partyStyle: true, issuingBody: 'HUYỆN ỦY TAM ĐƯỜNG' },
    number: { scheme: 'party', typeCode: 'BC', bodySymbol: 'HU' },
    place: 'Tam Đường',
    draftYear: 2026,
    title: 'kết quả công tác dân vận năm 2026',
    body: [
      {
        heading: 'I- KẾT QUẢ',
        paragraphs: [
          {
            runs: [
              {
                text: 'Tổ chức 205 buổi tuyên truyền cho 7.550 lượt người',
                provenance: {
                  indicators: [
                    { code: 'TT_BUOI', sources: [src(1), src(2), src(3)] },
                    { code: 'TT_LUOT', sources: [src(1), src(3)] },
                  ],
                },
              },
              { text: '.' },
            ],
          },
          { runs: [{ text: 'Kết nạp 312 hội viên', provenance: { indicators: [{ code: 'HV', sources: [src(2), src(4)] }] } }] },
        ],
      },
    ],
    signature: { title: 'BÍ THƯ', name: '' },
    recipients: [],
    archive: ['Văn phòng Huyện ủy'],
  };
}

describe('the figure source table', () => {
  it('lists each source once and each indicator as ranges, so its size grows with the units once, not per figure', () => {
    const all = range(0, 19_999);
    const table = figureSourceTable(Array.from({ length: 40 }, (_, k) => [`C${k}`, all] as const));
    expect(table.sources).toHaveLength(20_000);
    expect(table.byIndicator.C0).toEqual([[0, 19_999]]);
    expect(JSON.stringify(table.byIndicator).length).toBeLessThan(40 * 30);
    expect(sourceCountOf(table, 'C39')).toBe(20_000);
  });

  it('reads an indicator back in its own order, a page at a time, without listing the rest', () => {
    const table = figureSourceTable([
      ['A', [src(1), src(2), src(5), src(6), src(7)]],
      ['B', [src(0), src(2), src(7)]],
    ]);
    expect(table.sources).toHaveLength(6);
    expect(sourcesOf(table, { code: 'A' })).toEqual([src(1), src(2), src(5), src(6), src(7)]);
    expect(sourcesOf(table, { code: 'B' })).toEqual([src(0), src(2), src(7)]);
    expect(sourcesOf(table, { code: 'A' }, { offset: 1, limit: 3 })).toEqual([src(2), src(5), src(6)]);
    expect(sourcesOf(table, { code: 'A' }, { offset: 4, limit: 3 })).toEqual([src(7)]);
    expect(sourcesOf(table, { code: 'A' }, { offset: 5, limit: 3 })).toEqual([]);
    expect(sourcesOf(table, { code: 'NONE' })).toEqual([]);
    expect(sourceCountOf(table, 'B')).toBe(3);
  });

  it('orders the table by the rank given (the report order)', () => {
    const table = figureSourceTable([['A', [src(3), src(1)]]], (unitId) => Number(unitId.slice(1)));
    expect(table.sources).toEqual([src(1), src(3)]);
    expect(table.byIndicator.A).toEqual([[0, 1]]);
  });

  it('keeps an indicator no unit reported, with no source', () => {
    const table = figureSourceTable([['EMPTY', []]]);
    expect(table.byIndicator).toEqual({ EMPTY: [] });
    expect(sourcesOf(table, { code: 'EMPTY' })).toEqual([]);
  });
});

describe('the table of a draft (each unit ranked, one source per unit)', () => {
  // A small deterministic generator: lists of sources per code, some units skipped, some listed twice, in any order.
  const random = (seed: number) => () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  it('is the table keyed by approving event, for random lists, shared event ids and units with two sources', () => {
    for (let round = 0; round < 300; round++) {
      const next = random(round + 1);
      const units = 1 + Math.floor(next() * 40);
      const sourceOf = (u: number): FigureSource => ({
        unitId: `u${u}`,
        // Some units share an approving event; in a third of the rounds one unit has a second source.
        sourceEventId: `e${round % 5 === 0 ? u % 3 : u}`,
        sourcePosition: String(100 + u),
      });
      const lists = Array.from({ length: 1 + Math.floor(next() * 6) }, (_, c) => {
        const list = Array.from({ length: units }, (_, u) => u)
          .filter(() => next() > 0.3)
          .map(sourceOf);
        if (next() < 0.2 && list.length > 1) list.push(list[0]);
        if (round % 3 === 1 && c === 1 && list.length) list[0] = { ...list[0], sourceEventId: 'other' };
        if (next() < 0.2) list.reverse();
        return [`C${c % 4}`, list] as const;
      });
      const order = Array.from({ length: units }, (_, u) => u).sort(() => next() - 0.5);
      const rankOf = new Map(order.map((u, i) => [`u${u}`, i]));
      const rank = (unitId: string) => (round % 7 === 3 && unitId === 'u0' ? undefined : rankOf.get(unitId));
      expect(figureSourceTable(lists, rank)).toEqual(foundTable(lists, rank));
    }
  });
});

describe('a document stored with inline sources', () => {
  it('reads as runs citing codes and one table holding every source once', () => {
    const doc = withSourceTable(inlineDocument());
    expect(doc.body[0].paragraphs[0].runs[0].provenance).toEqual({ indicators: [{ code: 'TT_BUOI' }, { code: 'TT_LUOT' }] });
    expect(doc.figureSources!.sources).toEqual([src(1), src(2), src(3), src(4)]);
    expect(sourcesOf(doc.figureSources, { code: 'TT_BUOI' })).toEqual([src(1), src(2), src(3)]);
    expect(sourcesOf(doc.figureSources, { code: 'TT_LUOT' })).toEqual([src(1), src(3)]);
    expect(sourcesOf(doc.figureSources, { code: 'HV' })).toEqual([src(2), src(4)]);
    expect(withSourceTable(doc)).toBe(doc);
  });

  it('is upcast when its stored ReportDrafted event is read, and a revision is stored in the table shape', () => {
    const drafted: ReportEvent = {
      type: 'ReportDrafted',
      data: { cycleId: 'c1', version: 1, document: inlineDocument(), at: '2026-12-12T00:00:00.000Z', by: { userId: 'cv', name: 'CV' } },
    };
    const { events, state } = runDecider(reportDecider, [drafted], {
      type: 'ReviseReport',
      data: {
        baseVersion: 1,
        change: { title: 'kết quả công tác dân vận' },
        at: '2026-12-13T00:00:00.000Z',
        by: { userId: 'cv', name: 'CV' },
      },
    });
    const revised = events[0].type === 'ReportRevised' ? events[0].data.document : undefined;
    expect(revised?.body[0].paragraphs[1].runs[0].provenance).toEqual({ indicators: [{ code: 'HV' }] });
    expect(sourcesOf(revised?.figureSources, { code: 'HV' })).toEqual([src(2), src(4)]);
    expect(sourcesOf(state.versions[0].document.figureSources, { code: 'TT_BUOI' })).toEqual([src(1), src(2), src(3)]);
  });

  it('a revision may not replace the table', () => {
    const drafted: ReportEvent = {
      type: 'ReportDrafted',
      data: { cycleId: 'c1', version: 1, document: inlineDocument(), at: '2026-12-12T00:00:00.000Z', by: { userId: 'cv', name: 'CV' } },
    };
    const error = catchDomainError(() =>
      runDecider(reportDecider, [drafted], {
        type: 'ReviseReport',
        data: {
          baseVersion: 1,
          change: { figureSources: { sources: [src(9)], byIndicator: { HV: [[0, 0]] } } },
          at: '2026-12-13T00:00:00.000Z',
          by: { userId: 'cv', name: 'CV' },
        },
      }),
    );
    expect(error.code).toBe('FIGURE_SOURCES_READ_ONLY');
  });
});

describe('provenance a client sends with a revision', () => {
  const drafted: ReportEvent = {
    type: 'ReportDrafted',
    data: { cycleId: 'c1', version: 1, document: inlineDocument(), at: '2026-12-12T00:00:00.000Z', by: { userId: 'cv', name: 'CV' } },
  };
  const state = runDecider(reportDecider, [], {
    type: 'DraftReport',
    data: { cycleId: 'c1', document: inlineDocument(), at: '2026-12-12T00:00:00.000Z', by: { userId: 'cv', name: 'CV' } },
  }).state;
  const body = (indicators: { code: string; sources?: FigureSource[] }[]) => [
    { paragraphs: [{ runs: [{ text: '205 buổi', provenance: { indicators } }] }] },
  ];

  it('may cite by code an indicator the draft cites', () => {
    expect(unknownSources(body([{ code: 'TT_BUOI' }, { code: 'HV' }]), state)).toEqual([]);
  });
  it('may not cite an indicator the draft does not', () => {
    expect(unknownSources(body([{ code: 'FORGED' }]), state)).toEqual(['FORGED']);
  });
  it('may still list sources inline (an older client), only ones the drafts cite for that code', () => {
    expect(unknownSources(body([{ code: 'TT_BUOI', sources: [src(1), src(3)] }]), state)).toEqual([]);
    expect(unknownSources(body([{ code: 'TT_LUOT', sources: [src(2)] }]), state)).toEqual(['TT_LUOT:e2']);
    expect(unknownSources(body([{ code: 'TT_BUOI', sources: [{ ...src(1), sourceEventId: 'forged' }] }]), state)).toEqual([
      'TT_BUOI:forged',
    ]);
  });
  it('is checked against a stored inline draft as well', () => {
    const upcast = runDecider(reportDecider, [drafted], {
      type: 'AddComment',
      data: {
        commentId: 'k1',
        version: 1,
        anchor: { passageId: 's1/p1' },
        text: 'Xem lại',
        at: '2026-12-13T00:00:00.000Z',
        by: { userId: 'tt', name: 'TT' },
      },
    } as never).state;
    expect(unknownSources(body([{ code: 'HV', sources: [src(4)] }]), upcast)).toEqual([]);
  });
});

describe('the document a reader gets', () => {
  it('leaves the table on the server', () => {
    const doc = withSourceTable(inlineDocument());
    expect(withoutSourceTable(doc).figureSources).toBeUndefined();
    expect(withoutSourceTable(doc).body).toBe(doc.body);
  });
});

describe('sources sharing an event id', () => {
  it('are still told apart by unit and position', () => {
    const a = src(1);
    const b = { ...src(2), sourceEventId: a.sourceEventId };
    const table = figureSourceTable([
      ['A', [a, b]],
      ['B', [b]],
    ]);
    expect(table.sources).toEqual([a, b]);
    expect(sourcesOf(table, { code: 'B' })).toEqual([b]);
  });
});

describe('the table of a draft from its columns (rankedSourceTable)', () => {
  const random = (seed: number) => () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  it('is the table figureSourceTable gives with the same ranks, for random units and ranks cited per code', () => {
    for (let round = 0; round < 300; round++) {
      const next = random(round + 1000);
      const units: FigureSource[] = Array.from({ length: 1 + Math.floor(next() * 40) }, (_, u) => ({
        unitId: `u${u}`,
        sourceEventId: `e${u}`,
        sourcePosition: String(100 + u),
      }));
      const lists = Array.from({ length: 1 + Math.floor(next() * 6) }, (_, c) => {
        const ranks = units.map((_, r) => r).filter(() => next() > (round % 4) / 4);
        if (next() < 0.2) ranks.reverse(); // not ascending: read by the general route
        return [`C${c % 4}`, round % 2 ? Int32Array.from(ranks) : ranks] as const;
      });
      const expected = figureSourceTable(
        lists.map(([code, ranks]) => [code, Array.from(ranks, (r) => units[r])] as const),
        (unitId) => Number(unitId.slice(1)),
      );
      expect(rankedSourceTable(units, lists)).toEqual(expected);
    }
  });
});
