import { catchDomainError } from '../shared/domain-error';
import type { OfficialDocument } from './document.model';
import {
  dateLineText,
  editDocument,
  finalBody,
  footnotesOf,
  headerColumns,
  recipientLines,
  registerDocument,
  signatureLines,
  signDocument,
  titleLines,
  validateDocument,
} from './official-document';

/** 001's frame: Huyện ủy Tam Đường, annual dân vận report. */
const party = (): OfficialDocument => ({
  header: { partyStyle: true, superiorBody: 'ĐẢNG BỘ TỈNH LAI CHÂU', issuingBody: 'HUYỆN ỦY TAM ĐƯỜNG' },
  number: { scheme: 'party', number: 456, typeCode: 'BC', bodySymbol: 'HU' },
  place: 'Tam Đường',
  date: '2022-12-06',
  title: 'tổng kết công tác dân vận năm 2022, nhiệm vụ trọng tâm năm 2023',
  body: [
    {
      heading: 'Phần thứ nhất\nKẾT QUẢ CÔNG TÁC DÂN VẬN NĂM 2022',
      headingLevel: 1,
      paragraphs: [],
      sections: [
        {
          heading: 'I- ĐẶC ĐIỂM TÌNH HÌNH',
          paragraphs: [
            {
              runs: [
                { text: 'Ban Thường trực MTTQ huyện triển khai làm mới 15 nhà đại đoàn kết', footnote: '07 nhà …; 08 nhà …' },
                { text: '.' },
              ],
            },
            { runs: [{ text: 'Vận động ủng hộ các quỹ', footnote: 'Vận động ủng hộ quỹ "Vì người nghèo" đạt trên 100 triệu đồng' }] },
          ],
        },
      ],
    },
  ],
  signature: { authority: 'T/M', onBehalfOf: 'BAN THƯỜNG VỤ', title: 'PHÓ BÍ THƯ', name: 'Cao Trang Trọng' },
  recipients: [{ name: 'Ban Dân vận Tỉnh ủy', purpose: 'b/c' }, { name: 'MTTQ và các đoàn thể huyện' }],
  archive: ['Văn phòng Huyện ủy'],
});

/** 003's frame: UBND huyện Đăk Glei, a draft. */
const state = (): OfficialDocument => ({
  header: { partyStyle: false, superiorBody: 'UBND TỈNH KON TUM', issuingBody: 'ỦY BAN NHÂN DÂN HUYỆN ĐĂK GLEI' },
  number: { scheme: 'state', typeCode: 'BC', bodySymbol: 'UBND' },
  place: 'Đăk Glei',
  draftYear: 2024,
  title: 'Sơ kết 03 năm thực hiện Chỉ thị số 06-CT/TU',
  body: [
    {
      heading: 'VI. NHỮNG KIẾN NGHỊ, ĐỀ XUẤT',
      paragraphs: [{ runs: [{ text: 'Không.' }] }, { runs: [{ text: 'Ủy ban nhân dân huyện báo cáo' }] }],
    },
  ],
  signature: { authority: 'TM.', onBehalfOf: 'ỦY BAN NHÂN DÂN', title: 'CHỦ TỊCH', name: 'Y Thanh' },
  recipients: [
    { name: 'Sở Nội vụ', purpose: 'b/c' },
    { name: 'Thường trực Huyện ủy', purpose: 'b/c' },
    { name: 'Ủy ban MTTQVN và các tổ chức CT-XH huyện', purpose: 'đ/b' },
    { name: 'Phòng Nội vụ', purpose: 't/d' },
  ],
  archive: ['VT', 'NV'],
});

describe('header and title', () => {
  it('Party: superior body, issuer, "*", number | ĐẢNG CỘNG SẢN VIỆT NAM, date line', () => {
    expect(headerColumns(party())).toEqual({
      left: [{ text: 'ĐẢNG BỘ TỈNH LAI CHÂU' }, { text: 'HUYỆN ỦY TAM ĐƯỜNG', bold: true }, { text: '*' }, { text: 'Số 456-BC/HU' }],
      right: [
        { text: 'ĐẢNG CỘNG SẢN VIỆT NAM', bold: true, ruleBelow: true },
        { text: 'Tam Đường, ngày 06 tháng 12 năm 2022', italic: true },
      ],
    });
  });

  it('state: superior body, issuer (ruled), number | state name, motto (ruled), date line', () => {
    expect(headerColumns(state())).toEqual({
      left: [
        { text: 'UBND TỈNH KON TUM' },
        { text: 'ỦY BAN NHÂN DÂN HUYỆN ĐĂK GLEI', bold: true, ruleBelow: true },
        { text: 'Số: /BC-UBND' },
      ],
      right: [
        { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold: true },
        { text: 'Độc lập - Tự do - Hạnh phúc', bold: true, ruleBelow: true },
        { text: 'Đăk Glei, ngày     tháng     năm 2024', italic: true },
      ],
    });
  });

  it('date line: zero-padded day, month unpadded from 3 (DOMAIN §6)', () => {
    expect(dateLineText({ place: 'Tam Đường', date: '2023-09-06' })).toBe('Tam Đường, ngày 06 tháng 9 năm 2023');
    expect(catchDomainError(() => dateLineText({ place: 'Tam Đường' })).code).toBe('DOCUMENT_DATE_REQUIRED');
  });

  it('type and title', () => {
    expect(titleLines(party())).toEqual(['BÁO CÁO', 'tổng kết công tác dân vận năm 2022, nhiệm vụ trọng tâm năm 2023']);
  });
});

describe('signature block', () => {
  it.each<[OfficialDocument['signature'], ReturnType<typeof signatureLines>]>([
    [
      { authority: 'T/M', onBehalfOf: 'Ban Thường vụ', title: 'Phó Bí thư', name: 'Cao Trang Trọng' },
      { authorityLine: 'T/M BAN THƯỜNG VỤ', titleLine: 'PHÓ BÍ THƯ', name: 'Cao Trang Trọng' },
    ],
    [
      { authority: 'KT.', onBehalfOf: 'CHỦ TỊCH', title: 'PHÓ CHỦ TỊCH', name: 'Lò Văn Sung' },
      { authorityLine: 'KT. CHỦ TỊCH', titleLine: 'PHÓ CHỦ TỊCH', name: 'Lò Văn Sung' },
    ],
    [
      { title: 'BÍ THƯ', name: 'Giàng A Tính' },
      { titleLine: 'BÍ THƯ', name: 'Giàng A Tính' },
    ],
  ])('%j', (signature, expected) => {
    expect(signatureLines(signature)).toEqual(expected);
  });
});

describe('Nơi nhận', () => {
  it('Party style: lines end with ",", archive "- Lưu <where>."', () => {
    expect(recipientLines(party())).toEqual([
      'Nơi nhận:',
      '- Ban Dân vận Tỉnh ủy (b/c),',
      '- MTTQ và các đoàn thể huyện,',
      '- Lưu Văn phòng Huyện ủy.',
    ]);
    expect(recipientLines({ ...party(), archive: [] }).at(-1)).toBe('- Lưu.');
  });

  it('state style as 003: lines end with ";", archive "- Lưu: VT, NV."', () => {
    expect(recipientLines(state())).toEqual([
      'Nơi nhận:',
      '- Sở Nội vụ (b/c);',
      '- Thường trực Huyện ủy (b/c);',
      '- Ủy ban MTTQVN và các tổ chức CT-XH huyện (đ/b);',
      '- Phòng Nội vụ (t/d);',
      '- Lưu: VT, NV.',
    ]);
  });
});

describe('body', () => {
  it('numbers footnotes in document order', () => {
    expect(footnotesOf(party())).toEqual([
      { id: 1, text: '07 nhà …; 08 nhà …' },
      { id: 2, text: 'Vận động ủng hộ quỹ "Vì người nghèo" đạt trên 100 triệu đồng' },
    ]);
  });

  it('state documents end with "./.", appended to the last paragraph', () => {
    const body = finalBody(state());
    expect(body[0].paragraphs.map((p) => p.runs.map((r) => r.text).join(''))).toEqual(['Không.', 'Ủy ban nhân dân huyện báo cáo./.']);
    expect(state().body[0].paragraphs[1].runs[0].text).toBe('Ủy ban nhân dân huyện báo cáo'); // the draft is not changed
  });

  it('"./." replaces a final full stop and is not added twice', () => {
    const withStop = state();
    withStop.body[0].paragraphs[1].runs[0].text = 'Ủy ban nhân dân huyện báo cáo. ';
    expect(finalBody(withStop)[0].paragraphs[1].runs[0].text).toBe('Ủy ban nhân dân huyện báo cáo./.');
    const already = state();
    already.body[0].paragraphs[1].runs[0].text = 'Ủy ban nhân dân huyện báo cáo./.';
    expect(finalBody(already)[0].paragraphs[1].runs[0].text).toBe('Ủy ban nhân dân huyện báo cáo./.');
  });

  it('Party documents do not, unless asked; a last run with a footnote gets "./." after its marker', () => {
    expect(finalBody(party())).toEqual(party().body);
    const last = finalBody({ ...party(), closingMark: true })[0].sections![0].paragraphs[1].runs;
    expect(last).toEqual([
      { text: 'Vận động ủng hộ các quỹ', footnote: 'Vận động ủng hộ quỹ "Vì người nghèo" đạt trên 100 triệu đồng' },
      { text: './.' },
    ]);
  });
});

describe('validateDocument', () => {
  it('accepts both frames', () => {
    expect(validateDocument(party())).toEqual([]);
    expect(validateDocument(state())).toEqual([]);
  });

  it('finds a state authority on a Party document, a header of the other style, and blanks', () => {
    const doc = party();
    doc.signature = { authority: 'TM.', title: ' ', name: 'Cao Trang Trọng' };
    doc.header = { ...doc.header, partyStyle: false };
    doc.body[0].sections![0].paragraphs[0].runs[0].footnote = ' ';
    expect(validateDocument(doc).map((p) => [p.code, p.path])).toEqual([
      ['DOCUMENT_SCHEME_MISMATCH', 'header.partyStyle'],
      ['SIGNATURE_AUTHORITY_MISMATCH', 'signature.authority'],
      ['FIELD_REQUIRED', 'signature.onBehalfOf'],
      ['FIELD_REQUIRED', 'signature.title'],
      ['FOOTNOTE_BLANK', 'footnotes[1]'],
    ]);
  });
});

describe('lifecycle: draft → signed (frozen) → numbered', () => {
  it('a draft can be edited', () => {
    expect(editDocument(state(), { title: 'Sơ kết 03 năm' }).title).toBe('Sơ kết 03 năm');
  });

  it('signing freezes the text: editDocument throws 409 DOCUMENT_SIGNED', () => {
    const signed = signDocument(state(), '2024-05-10T09:00:00+07:00');
    expect(signed.signedAt).toBe('2024-05-10T09:00:00+07:00');
    const error = catchDomainError(() => editDocument(signed, { title: 'khác' }));
    expect([error.code, error.httpStatus]).toEqual(['DOCUMENT_SIGNED', 409]);
    expect(Object.isFrozen(signed.body[0].paragraphs[0].runs[0])).toBe(true);
    expect(catchDomainError(() => signDocument(signed, '2024-05-11T09:00:00+07:00')).code).toBe('DOCUMENT_SIGNED');
  });

  it('cannot sign an ill-formed document, nor set signedAt by editing', () => {
    expect(catchDomainError(() => signDocument({ ...state(), title: '' }, '2024-05-10T09:00:00+07:00')).code).toBe('DOCUMENT_INVALID');
    expect(catchDomainError(() => editDocument(state(), { signedAt: 'x' } as never)).code).toBe('DOCUMENT_SIGNED_AT_READ_ONLY');
  });

  it('the clerk numbers and dates a signed document, once, not before the signing day', () => {
    const signed = signDocument(state(), '2024-05-10T09:00:00+07:00');
    expect(catchDomainError(() => registerDocument(state(), { number: 7, date: '2024-05-10' })).code).toBe('DOCUMENT_NOT_SIGNED');
    expect(catchDomainError(() => registerDocument(signed, { number: 7, date: '2024-05-09' })).code).toBe('DOCUMENT_DATE_BEFORE_SIGNING');
    const issued = registerDocument(signed, { number: 7, date: '2024-05-13' });
    expect(headerColumns(issued).left.at(-1)).toEqual({ text: 'Số: 07/BC-UBND' });
    expect(dateLineText(issued)).toBe('Đăk Glei, ngày 13 tháng 5 năm 2024');
    expect(catchDomainError(() => registerDocument(issued, { number: 8, date: '2024-05-13' })).code).toBe('DOCUMENT_ALREADY_NUMBERED');
    expect(catchDomainError(() => editDocument(issued, { title: 'x' })).code).toBe('DOCUMENT_SIGNED');
  });
});
