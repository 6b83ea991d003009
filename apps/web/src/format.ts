import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import { formatNumberVi } from '@domain/format';

/** Vietnamese formatting for screens: the domain's formatters (shared with documents) plus dates for lists. */
export { formatNumberVi, formatMoneyVnd, formatRatio, formatPercentVi } from '@domain/format';

dayjs.locale('vi');

/** 'YYYY-MM-DD' or an ISO instant → '15/12/2026'. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? dayjs(iso, 'YYYY-MM-DD') : dayjs(iso);
  return d.isValid() ? d.format('DD/MM/YYYY') : '';
}

/** An ISO instant → '15/12/2026 14:32' (local time). */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = dayjs(iso);
  return d.isValid() ? d.format('DD/MM/YYYY HH:mm') : '';
}

/** An ISO instant → '14:32'. */
export function formatTime(iso: string | Date): string {
  return dayjs(iso).format('HH:mm');
}

/** A number as users read it: 1234.5 → '1.234,5'. */
export function num(n: number | null | undefined): string {
  return typeof n === 'number' && Number.isFinite(n) ? formatNumberVi(n) : '';
}

/** A report's name from its title and period, without the word they share: '… dân vận năm' + 'năm 2026' → '… dân vận năm 2026'. */
export function reportName(title: string, period: string): string {
  const last = title.trim().split(/\s+/).pop()?.toLowerCase();
  const first = period.trim().split(/\s+/)[0]?.toLowerCase();
  return last && last === first
    ? `${title.trim()} ${period.trim().split(/\s+/).slice(1).join(' ')}`.trim()
    : `${title.trim()} ${period.trim()}`.trim();
}
