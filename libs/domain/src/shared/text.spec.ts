import { catchDomainError } from './domain-error';
import { caseFoldKey, cleanText, diacriticFoldKey, nfc, requireNonBlank } from './text';

describe('nfc', () => {
  it('composes combining marks: "Đắk" typed as d-stroke + a + breve + acute becomes 3 code points', () => {
    const decomposed = '\u0110a\u0306\u0301k';
    expect(decomposed).toHaveLength(5);
    expect(nfc(decomposed)).toBe('\u0110\u1eafk');
    expect(nfc(decomposed)).toHaveLength(3);
  });
});

describe('cleanText', () => {
  it('trims, collapses inner whitespace and normalises to NFC', () => {
    expect(cleanText('  Ba\u0309n   Ho\u0300n \n')).toBe('B\u1ea3n H\u00f2n');
  });
});

describe('requireNonBlank', () => {
  it('returns the value trimmed, in NFC', () => {
    expect(requireNonBlank('  Thi\u0301 \u0111iê\u0309m ', 'reason')).toBe('Thí điểm');
  });

  it.each([undefined, null, '', '   \t'])('rejects %p with 422 FIELD_REQUIRED naming the field', (value) => {
    const error = catchDomainError(() => requireNonBlank(value, 'reason', 'Lý do'));
    expect(error.code).toBe('FIELD_REQUIRED');
    expect(error.httpStatus).toBe(422);
    expect(error.details).toEqual({ field: 'reason' });
    expect(error.messageVi).toBe('Lý do không được để trống.');
  });

  it('uses the given code when one is passed', () => {
    expect(catchDomainError(() => requireNonBlank(' ', 'reason', 'Lý do', 'CLOSE_REASON_REQUIRED')).code).toBe('CLOSE_REASON_REQUIRED');
  });
});

describe('caseFoldKey', () => {
  it('ignores case and spacing but keeps diacritics', () => {
    expect(caseFoldKey('  BẢN   HÒN ')).toBe('bản hòn');
    expect(caseFoldKey('Bản Hon')).not.toBe(caseFoldKey('Bản Hòn'));
  });
});

describe('diacriticFoldKey', () => {
  it('maps spelling variants to one key', () => {
    expect(diacriticFoldKey('Đắk Glei')).toBe('dak glei');
    expect(diacriticFoldKey('Đăk Glei')).toBe('dak glei');
    expect(diacriticFoldKey('Bản Hon')).toBe(diacriticFoldKey('Bản Hòn'));
    expect(diacriticFoldKey('Sùng Phài')).toBe('sung phai');
  });

  it('treats old and new tone placement alike ("Hoà" / "Hòa")', () => {
    expect(diacriticFoldKey('Ho\u00e0')).toBe(diacriticFoldKey('H\u00f2a'));
  });
});
