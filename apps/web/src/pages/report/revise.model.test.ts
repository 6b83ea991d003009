import { describe, expect, it } from 'vitest';
import type { BodySection } from '@domain/document/document.model';
import { applyEdits, editParagraph, figureTokens } from './revise.model';

const source = { unitId: 'hlhpn-tam-duong', sourceEventId: 'e1', sourcePosition: '10' };
const figureRun = {
  text: 'tổ chức 120 buổi tuyên truyền',
  footnote: 'Hội LHPN: 120 buổi.',
  provenance: { indicators: [{ code: 'TT_BUOI', sources: [source] }] },
};

describe('editParagraph', () => {
  it('keeps unchanged runs and carries the sources and footnote of the edited one', () => {
    const p = { runs: [{ text: 'MTTQ và các đoàn thể ' }, figureRun, { text: '.' }] };
    const edited = editParagraph(p, 'MTTQ và các đoàn thể tổ chức 125 buổi tuyên truyền.');
    expect(edited.runs).toEqual([
      { text: 'MTTQ và các đoàn thể ' },
      { text: 'tổ chức 125 buổi tuyên truyền', footnote: 'Hội LHPN: 120 buổi.', provenance: figureRun.provenance },
      { text: '.' },
    ]);
  });

  it('returns the paragraph itself when the text did not change', () => {
    const p = { runs: [{ text: 'A ' }, figureRun] };
    expect(editParagraph(p, 'A tổ chức 120 buổi tuyên truyền')).toBe(p);
  });

  it('a plain paragraph edited becomes one plain run', () => {
    expect(editParagraph({ runs: [{ text: 'Cũ.' }] }, 'Mới hơn.').runs).toEqual([{ text: 'Mới hơn.' }]);
  });
});

describe('applyEdits', () => {
  it('edits paragraphs by their passage ids, sub-sections included', () => {
    const body: BodySection[] = [
      {
        heading: 'I',
        paragraphs: [{ runs: [{ text: 'a' }] }],
        sections: [{ paragraphs: [{ runs: [{ text: 'b' }] }, { runs: [{ text: 'c' }] }] }],
      },
    ];
    const out = applyEdits(body, new Map([['s1.1/p2', 'C mới']]));
    expect(out[0].sections![0].paragraphs.map((p) => p.runs[0].text)).toEqual(['b', 'C mới']);
    expect(out[0].paragraphs[0]).toBe(body[0].paragraphs[0]);
  });
});

describe('figureTokens', () => {
  it('marks numbers written the Vietnamese way', () => {
    expect(
      figureTokens('cho 5.400 lượt người, 1.234,5 triệu đồng, 72/72 xã')
        .filter((t) => t.figure)
        .map((t) => t.text),
    ).toEqual(['5.400', '1.234,5', '72/72']);
  });
});

describe('editParagraph on runs citing indicators by code', () => {
  it('keeps each cited code once when an edit spans two figure runs', () => {
    const p = {
      runs: [
        { text: '120 buổi', provenance: { indicators: [{ code: 'TT_BUOI' }] } },
        { text: ' cho ' },
        { text: '5.400 lượt người', provenance: { indicators: [{ code: 'TT_LUOT' }, { code: 'TT_BUOI' }] } },
      ],
    };
    const edited = editParagraph(p, '125 buổi cho 5.500 lượt người');
    expect(edited.runs).toEqual([
      { text: '125 buổi cho 5.500 lượt người', provenance: { indicators: [{ code: 'TT_BUOI' }, { code: 'TT_LUOT' }] } },
    ]);
  });
});
