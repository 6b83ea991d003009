import { Card, DatePicker, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { num, formatDate } from '../../format';
import { phaseLabel } from '../board/CyclePhase';
import { useBoardAsOf } from './audit.hooks';

/** The end of a day in Vietnam time, as the API's asOf. */
export const endOfDayVn = (d: Dayjs): string => `${d.format('YYYY-MM-DD')}T23:59:59+07:00`;

/** "Xem như ngày …": the board's phase and counts as they stood at the end of the chosen day (now without one). */
export function AsOfPanel({ cycleId, day, onDay }: { cycleId: string; day: Dayjs | null; onDay: (d: Dayjs | null) => void }) {
  const asOf = day ? endOfDayVn(day) : undefined;
  const board = useBoardAsOf(cycleId, asOf);
  const b = board.data;
  return (
    <Card size="small" className="block-gap" title={<h2 className="card-heading">Tình hình theo ngày</h2>}>
      <label className="filter-field block-gap">
        <span>Xem tình hình đến hết ngày (để trống: hôm nay)</span>
        <DatePicker
          format="DD/MM/YYYY"
          placeholder="dd/mm/yyyy"
          value={day}
          onChange={(d) => onDay(d ?? null)}
          aria-label="Ngày muốn xem lại"
        />
      </label>
      {b && !b.opened && (
        <p aria-live="polite" className="no-margin">
          Đến hết ngày {day ? formatDate(day.format('YYYY-MM-DD')) : ''} kỳ báo cáo chưa được mở.
        </p>
      )}
      {b?.opened && (
        <section aria-live="polite" aria-label="Tình hình tại thời điểm đã chọn">
          <Typography.Paragraph strong>
            {day ? `Đến hết ngày ${formatDate(day.format('YYYY-MM-DD'))}` : 'Hiện nay'}: giai đoạn “{phaseLabel(b.status)}”.
          </Typography.Paragraph>
          <div className="as-of-grid">
            <Figure label="Đơn vị phải nộp" value={b.expected} />
            <Figure label="Đã nộp" value={b.submitted} />
            <Figure label="Đã duyệt" value={b.approved} />
            <Figure label="Bị trả lại" value={b.returned} />
            <Figure label="Chưa nộp (kể cả bị trả lại)" value={Math.max(0, b.expected - b.submitted)} />
          </div>
        </section>
      )}
    </Card>
  );
}

function Figure({ label, value }: { label: string; value: number }) {
  return (
    <div className="stat-card-small">
      <div className="muted">{label}</div>
      <div className="stat-value">{num(value)}</div>
    </div>
  );
}
