import type { Recipient, RecipientPurpose } from '../document/document.model';
import { invalid } from '../shared/domain-error';
import { cleanText } from '../shared/text';

/** The clerk finalises Nơi nhận at issuance; these bounds keep the block printable. */
export const RECIPIENT_LINE_MAX = 200;
export const RECIPIENT_LINES_MAX = 100;
export const ARCHIVE_PLACES_MAX = 20;
export const RECIPIENT_PURPOSES: readonly RecipientPurpose[] = ['b/c', 'đ/b', 't/d'];

export interface RecipientsAmendment {
  recipients: Recipient[];
  archive: string[];
}

function line(value: unknown, field: string, labelVi: string): string {
  const text = typeof value === 'string' ? cleanText(value) : '';
  if (text === '') throw invalid('RECIPIENT_LINE_REQUIRED', `${field} must not be blank`, `${labelVi} không được để trống.`, { field });
  if (text.length > RECIPIENT_LINE_MAX) {
    throw invalid(
      'RECIPIENT_LINE_TOO_LONG',
      `${field} is longer than ${RECIPIENT_LINE_MAX} characters`,
      `${labelVi} dài quá ${RECIPIENT_LINE_MAX} ký tự.`,
      { field, max: RECIPIENT_LINE_MAX },
    );
  }
  return text;
}

/**
 * A Nơi nhận list as the clerk sends it, cleaned (NFC, whitespace collapsed) and checked: each line non-empty and at
 * most 200 characters, purpose b/c, đ/b, t/d or none, at most 100 lines, registry lines name at least one unit, the
 * Lưu line one to twenty places. Whether the units exist is the caller's check (the registry is not in the domain).
 */
export function cleanRecipientsAmendment(input: { recipients: readonly Recipient[]; archive: readonly string[] }): RecipientsAmendment {
  if (!Array.isArray(input.recipients) || input.recipients.length > RECIPIENT_LINES_MAX) {
    throw invalid(
      'RECIPIENT_LINES_TOO_MANY',
      `at most ${RECIPIENT_LINES_MAX} Nơi nhận lines`,
      `Nơi nhận có tối đa ${RECIPIENT_LINES_MAX} dòng.`,
      { max: RECIPIENT_LINES_MAX },
    );
  }
  const recipients = input.recipients.map((r, i): Recipient => {
    const name = line(r.name, `recipients[${i}].name`, `Dòng nơi nhận thứ ${i + 1}`);
    if (r.purpose !== undefined && !RECIPIENT_PURPOSES.includes(r.purpose)) {
      throw invalid(
        'RECIPIENT_PURPOSE_UNKNOWN',
        `recipients[${i}].purpose must be one of b/c, đ/b, t/d`,
        `Mục đích gửi của dòng ${i + 1} phải là b/c, đ/b hoặc t/d.`,
        { field: `recipients[${i}].purpose` },
      );
    }
    const unitIds = r.unitIds === undefined ? undefined : [...new Set<string>(r.unitIds)];
    if (unitIds !== undefined && unitIds.length === 0) {
      throw invalid('RECIPIENT_UNITS_EMPTY', `recipients[${i}].unitIds is empty`, `Dòng nơi nhận thứ ${i + 1} không có đơn vị nào.`, {
        field: `recipients[${i}].unitIds`,
      });
    }
    return { name, ...(r.purpose ? { purpose: r.purpose } : {}), ...(unitIds ? { unitIds } : {}) };
  });
  if (!Array.isArray(input.archive) || input.archive.length === 0 || input.archive.length > ARCHIVE_PLACES_MAX) {
    throw invalid(
      'ARCHIVE_LINE_INVALID',
      `the Lưu line names 1 to ${ARCHIVE_PLACES_MAX} places`,
      `Dòng "Lưu" phải ghi từ 1 đến ${ARCHIVE_PLACES_MAX} nơi lưu.`,
      { field: 'archive' },
    );
  }
  const archive = input.archive.map((a, i) => line(a, `archive[${i}]`, 'Nơi lưu'));
  return { recipients, archive };
}
