import { invalid } from './domain-error';

/** Unicode NFC: the only form Vietnamese text is stored and compared in ("ò" one code point, not o + ̀). */
export function nfc(value: string): string {
  return value.normalize('NFC');
}

/** NFC, trimmed, inner runs of whitespace collapsed to one space. */
export function cleanText(value: string): string {
  return nfc(value).trim().replace(/\s+/gu, ' ');
}

/**
 * Returns `value` in NFC, trimmed, or throws a 422 DomainError when it is missing or blank.
 * `field` names the field for the client (details.field); `labelVi` is the Vietnamese field label.
 */
export function requireNonBlank(value: string | null | undefined, field: string, labelVi: string = field, code = 'FIELD_REQUIRED'): string {
  const cleaned = typeof value === 'string' ? nfc(value).trim() : '';
  if (cleaned === '') {
    throw invalid(code, `${field} must not be blank`, `${nfc(labelVi)} không được để trống.`, { field });
  }
  return cleaned;
}

/** Key for case-insensitive comparison: NFC, whitespace collapsed, lower case. */
export function caseFoldKey(value: string): string {
  return cleanText(value).toLowerCase();
}

/**
 * Key for diacritic-insensitive comparison: also strips tone and vowel marks and maps đ → d, so
 * "Đắk Glei", "Đăk Glei" and "dak glei" share one key, and so do the old and new tone placements
 * "Hoà" / "Hòa".
 */
export function diacriticFoldKey(value: string): string {
  return caseFoldKey(value).normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gu, 'd').normalize('NFC');
}
