import JSZip from 'jszip';
import type { OfficialDocument } from '@kybaocao/domain/document/document.model';
import { demoConsolidation, demoReport } from './demo-report';
import { renderDocx } from './docx-renderer';

/** The DOCX's parts, and its paragraphs as text (runs joined, <w:br/> as '\n') beside their raw XML. */
interface Rendered {
  documentXml: string;
  stylesXml: string;
  paragraphs: { text: string; xml: string }[];
  footnotes: Map<number, string>;
}

async function unpack(buffer: Buffer): Promise<Rendered> {
  const zip = await JSZip.loadAsync(buffer);
  const read = async (name: string) => {
    const file = zip.file(name);
    if (!file) throw new Error(`${name} missing from the DOCX`);
    return file.async('string');
  };
  const documentXml = await read('word/document.xml');
  const footnotesXml = await read('word/footnotes.xml');
  const footnotes = new Map<number, string>();
  for (const [, id, body] of footnotesXml.matchAll(/<w:footnote\b[^>]*?w:id="(-?\d+)"[^>]*>([\s\S]*?)<\/w:footnote>/g)) {
    if (Number(id) > 0)
      footnotes.set(
        Number(id),
        paragraphsOf(body)
          .map((p) => p.text)
          .join('\n'),
      );
  }
  return { documentXml, stylesXml: await read('word/styles.xml'), paragraphs: paragraphsOf(documentXml), footnotes };
}

function paragraphsOf(xml: string): { text: string; xml: string }[] {
  return [...xml.matchAll(/<w:p\b[^>]*>([\s\S]*?)<\/w:p>/g)].map(([raw, inner]) => ({
    xml: raw,
    text: [...inner.matchAll(/<w:t\b[^>]*>([^<]*)<\/w:t>|<w:br\/>/g)].map(([m, t]) => (m === '<w:br/>' ? '\n' : decode(t))).join(''),
  }));
}

function decode(s: string): string {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

const texts = (r: Rendered) => r.paragraphs.map((p) => p.text);
const paragraph = (r: Rendered, text: string) => {
  const found = r.paragraphs.find((p) => p.text === text);
  if (!found) throw new Error(`no paragraph "${text}" in:\n${texts(r).join('\n')}`);
  return found;
};

describe("renderDocx, given the demo report consolidated from demo submissions (Party style, 001's frame)", () => {
  let r: Rendered;
  beforeAll(async () => {
    r = await unpack(await renderDocx(demoReport(demoConsolidation())));
  });

  it('writes the header: superior body, issuer, "*", number | ĐẢNG CỘNG SẢN VIỆT NAM, date line in italics', () => {
    const header = texts(r).slice(0, 6);
    expect(header).toEqual([
      'ĐẢNG BỘ TỈNH LAI CHÂU',
      'HUYỆN ỦY TAM ĐƯỜNG',
      '*',
      'ĐẢNG CỘNG SẢN VIỆT NAM',
      'Số 456-BC/HU',
      'Tam Đường, ngày 06 tháng 12 năm 2022',
    ]);
    expect(paragraph(r, 'HUYỆN ỦY TAM ĐƯỜNG').xml).toContain('<w:b/>');
    expect(paragraph(r, 'ĐẢNG CỘNG SẢN VIỆT NAM').xml).toMatch(/<w:b\/>[\s\S]*<w:u w:val="single"\/>/);
    expect(paragraph(r, 'Tam Đường, ngày 06 tháng 12 năm 2022').xml).toContain('<w:i/>');
  });

  it('writes "BÁO CÁO" and the title, centred and bold, then the Party\'s "-----"', () => {
    const at = texts(r).indexOf('BÁO CÁO');
    expect(texts(r).slice(at, at + 3)).toEqual(['BÁO CÁO', 'tổng kết công tác dân vận năm 2022,\nnhiệm vụ trọng tâm năm 2023', '-----']);
    for (const text of texts(r).slice(at, at + 2)) {
      expect(paragraph(r, text).xml).toContain('<w:jc w:val="center"/>');
      expect(paragraph(r, text).xml).toContain('<w:b/>');
    }
  });

  it('writes the consolidated numbers into the body, each with its footnote reference', () => {
    const body = texts(r).join('\n');
    for (const phrase of [
      'MTTQ và các đoàn thể các cấp đã phối hợp tổ chức 608 buổi tuyên truyền cho trên 13.201 lượt người (tăng 108 buổi so với năm 2021)',
      'kết nạp mới 514 hội viên, đạt 98,3% kế hoạch.',
      'triển khai làm mới 15 nhà đại đoàn kết cho hộ nghèo, trị giá 570 triệu đồng.',
      'với tổng số tiền trên 277 triệu đồng.',
      'tại 13/13 xã, thị trấn; 8/13 xã, thị trấn tổ chức hội nghị phản biện xã hội, ' +
        'còn 5/13 xã chưa tổ chức hội nghị phản biện xã hội (Thị trấn, Khun Há, Thèn Sin, Bản Giang, Nùng Nàng).',
    ])
      expect(body).toContain(phrase);
    expect([...r.documentXml.matchAll(/<w:footnoteReference w:id="(\d+)"\/>/g)].map((m) => Number(m[1]))).toEqual([1, 2, 3, 4]);
  });

  it('writes real footnotes with Vietnamese numbers (001 fn 19, 20, 23 rebuilt)', () => {
    expect([...r.footnotes.keys()]).toEqual([1, 2, 3, 4]);
    expect(r.footnotes.get(1)).toBe(
      'MTTQ các cấp tổ chức 326 buổi tuyên truyền cho 3.017 lượt người; ' +
        'Hội LHPN các cấp tổ chức 120 buổi tuyên truyền cho trên 5.400 lượt người; ' +
        'Hội Nông dân các cấp tổ chức 85 buổi tuyên truyền cho 2.150 lượt người; ' +
        'Huyện đoàn các cấp tổ chức 64 buổi tuyên truyền cho 1.920 lượt người; ' +
        'Hội CCB các cấp tổ chức 13 buổi tuyên truyền cho 714 lượt người.',
    );
    expect(r.footnotes.get(2)).toBe(
      'Tại xã Nà Tăm, Bản Bo, Tả Lèng, Giang Ma, Bình Lư, Sơn Bình; ' +
        '07 nhà do quỹ "Vì người nghèo" tỉnh tài trợ, trị giá 350 triệu đồng; 08 nhà do quỹ "Vì người nghèo" huyện tài trợ, trị giá 220 triệu đồng.',
    );
    expect(r.footnotes.get(3)).toBe(
      'Vận động ủng hộ quỹ "Vì người nghèo" đạt trên 100 triệu đồng, ủng hộ quỹ chăm sóc Người cao tuổi được ' +
        'trên 92 triệu đồng, quỹ chung tay xoa dịu nỗi đau da cam dioxin được trên 85 triệu đồng.',
    );
    expect(r.footnotes.get(4)).toBe(
      'Thực hiện xóa nhà tạm 21 nhà (Sơn Bình 5 nhà, Bình Lư 2 nhà, Bản Giang 5 nhà, Bản Hon 8 nhà, Bản Bo 1 nhà).',
    );
  });

  it('writes the signature block: authority line and title bold, upper case, then the name in bold', () => {
    const at = texts(r).indexOf('T/M BAN THƯỜNG VỤ');
    expect(at).toBeGreaterThan(0);
    expect(texts(r)[at + 1]).toBe('PHÓ BÍ THƯ');
    expect(
      texts(r)
        .slice(at + 2)
        .find((t) => t !== ''),
    ).toBe('Cao Trang Trọng');
    for (const line of ['T/M BAN THƯỜNG VỤ', 'PHÓ BÍ THƯ', 'Cao Trang Trọng']) expect(paragraph(r, line).xml).toContain('<w:b/>');
  });

  it('writes every Nơi nhận line: heading 12 pt bold italic, entries 11 pt, the archive last', () => {
    const at = texts(r).indexOf('Nơi nhận:');
    expect(texts(r).slice(at, at + 7)).toEqual([
      'Nơi nhận:',
      '- Ban Dân vận Tỉnh ủy (b/c),',
      '- TT Huyện ủy, HĐND, lãnh đạo UBND huyện (b/c),',
      '- Các Ban đảng, Văn phòng Huyện ủy (đ/b),',
      '- MTTQ và các đoàn thể huyện (t/d),',
      '- Các chi, đảng bộ trực thuộc (t/d),',
      '- Lưu Văn phòng Huyện ủy.',
    ]);
    expect(paragraph(r, 'Nơi nhận:').xml).toMatch(/<w:b\/><w:bCs\/><w:i\/><w:iCs\/><w:sz w:val="24"\/>/);
    expect(paragraph(r, '- Lưu Văn phòng Huyện ủy.').xml).toContain('<w:sz w:val="22"/>');
  });

  it('does not end a Party document with "./." (001 does not)', () => {
    expect(r.documentXml).not.toContain('./.');
  });

  it('sets A4, margins 20/20/30/15 mm, Times New Roman 14 pt', () => {
    expect(r.documentXml).toContain('<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>');
    expect(r.documentXml).toMatch(/<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/);
    expect(r.stylesXml).toMatch(/<w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman"[^>]*\/><w:sz w:val="28"\/>/);
  });

  it('writes all text in NFC', () => {
    for (const text of [...texts(r), ...r.footnotes.values()]) expect(text).toBe(text.normalize('NFC'));
  });
});

describe("renderDocx, given a state-style draft (003's frame)", () => {
  const draft: OfficialDocument = {
    header: { partyStyle: false, superiorBody: 'UBND TỈNH KON TUM', issuingBody: 'ỦY BAN NHÂN DÂN HUYỆN ĐĂK GLEI' },
    number: { scheme: 'state', typeCode: 'BC', bodySymbol: 'UBND' },
    place: 'Đăk Glei',
    draftYear: 2024,
    title: 'Sơ kết 03 năm thực hiện Chỉ thị số 06-CT/TU',
    body: [{ heading: 'VI. NHỮNG KIẾN NGHỊ, ĐỀ XUẤT: Không.', paragraphs: [{ runs: [{ text: 'Ủy ban nhân dân huyện báo cáo.' }] }] }],
    signature: { authority: 'TM.', onBehalfOf: 'ỦY BAN NHÂN DÂN', title: 'CHỦ TỊCH', name: 'Y Thanh' },
    recipients: [
      { name: 'Sở Nội vụ', purpose: 'b/c' },
      { name: 'Phòng Nội vụ', purpose: 't/d' },
    ],
    archive: ['VT', 'NV'],
  };
  let r: Rendered;
  beforeAll(async () => {
    r = await unpack(await renderDocx(draft));
  });

  it('writes the national name and motto, the blank number and the draft date line', () => {
    expect(texts(r).slice(0, 6)).toEqual([
      'UBND TỈNH KON TUM',
      'ỦY BAN NHÂN DÂN HUYỆN ĐĂK GLEI',
      '',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Số: /BC-UBND',
    ]);
    expect(texts(r)).toContain('Đăk Glei, ngày     tháng     năm 2024');
  });

  it('ends the body with "./." and closes with TM. and "- Lưu: VT, NV."', () => {
    expect(texts(r)).toContain('Ủy ban nhân dân huyện báo cáo./.');
    expect(texts(r)).toEqual(
      expect.arrayContaining([
        'TM. ỦY BAN NHÂN DÂN',
        'CHỦ TỊCH',
        'Y Thanh',
        '- Sở Nội vụ (b/c);',
        '- Phòng Nội vụ (t/d);',
        '- Lưu: VT, NV.',
      ]),
    );
    expect(r.footnotes.size).toBe(0);
  });
});

describe('renderDocx, given a report with an annex table (a consolidated table indicator)', () => {
  const doc: OfficialDocument = {
    header: { partyStyle: false, issuingBody: 'ỦY BAN NHÂN DÂN HUYỆN TAM ĐƯỜNG' },
    number: { scheme: 'state', typeCode: 'BC', bodySymbol: 'UBND' },
    place: 'Tam Đường',
    draftYear: 2027,
    title: 'Sơ kết 03 năm thực hiện Chỉ thị số 06-CT/TU',
    body: [{ heading: 'I. KẾT QUẢ', paragraphs: [{ runs: [{ text: 'Ủy ban nhân dân huyện báo cáo.' }] }] }],
    signature: { authority: 'TM.', onBehalfOf: 'ỦY BAN NHÂN DÂN', title: 'CHỦ TỊCH', name: 'Giàng A Tính' },
    recipients: [{ name: 'Sở Nội vụ', purpose: 'b/c' }],
    archive: ['VT'],
    annexes: [
      {
        title: 'PHỤ LỤC\nKết quả tập hợp quần chúng',
        header: ['STT', 'Tổ chức', 'Số hội viên'],
        rows: [
          ['1', 'Hội LHPN', '8.450'],
          ['2', 'Hội Nông dân', '6.120'],
          ['', 'Tổng cộng', '14.570'],
        ],
      },
    ],
  };

  it('puts the annex on a new page after the signature: its title, then a bordered table with a repeated header row', async () => {
    const r = await unpack(await renderDocx(doc));
    const all = texts(r);
    expect(all.indexOf('PHỤ LỤC')).toBeGreaterThan(all.indexOf('Giàng A Tính'));
    expect(all[all.indexOf('PHỤ LỤC') + 1]).toBe('Kết quả tập hợp quần chúng');
    expect(r.paragraphs.find((p) => p.text === 'PHỤ LỤC')!.xml).toContain('<w:pageBreakBefore/>');
    const tables = r.documentXml.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g)!;
    const annex = tables[tables.length - 1];
    const rows = annex.match(/<w:tr\b[\s\S]*?<\/w:tr>/g)!.map((tr) => paragraphsOf(tr).map((p) => p.text));
    expect(rows).toEqual([
      ['STT', 'Tổ chức', 'Số hội viên'],
      ['1', 'Hội LHPN', '8.450'],
      ['2', 'Hội Nông dân', '6.120'],
      ['', 'Tổng cộng', '14.570'],
    ]);
    expect(annex).toContain('<w:tblHeader/>');
  });
});
