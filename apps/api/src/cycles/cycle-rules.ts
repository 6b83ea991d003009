import { NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { loadHolidayCalendar } from '../../../../activities/holiday-calendar.loader';
import { HolidayCalendar, ReportingPeriod, validateDeadline } from '@kybaocao/domain/calendar';
import type { OpenCycleDto } from './cycle-open.dto';

/** What opening or changing a cycle checks that is not the decider's: the ND 09 deadline, units active in the period. */

export const isUnitsCursor = (k: any): k is { name: string; unitId: string } =>
  !!k && typeof k.name === 'string' && typeof k.unitId === 'string';

export const cycleNotFound = (cycleId: string) =>
  new NotFoundException({
    statusCode: 404,
    error: 'CYCLE_NOT_FOUND',
    message: `cycle ${cycleId} does not exist`,
    messageVi: 'Không tìm thấy kỳ báo cáo.',
  });

/**
 * Nghị định 09/2019/NĐ-CP for state-format reports: the submission deadline leaves at least one working day
 * after the data cut-off (periodic kinds); a thematic or ad-hoc report takes the requester's deadline, not
 * before the cut-off. 422 DEADLINE_TOO_EARLY naming the earliest date allowed.
 */
export function requireNd09Deadline(period: OpenCycleDto['period'], deadline: string): void {
  const kind = period.kind === 'annual' ? 'year' : period.kind;
  const error = validateDeadline(
    holidays(),
    { ...period, kind, year: period.year ?? Number(period.dataTo.slice(0, 4)) } as ReportingPeriod,
    deadline,
  );
  if (error)
    throw new UnprocessableEntityException({
      statusCode: 422,
      error: error.code,
      message: error.message,
      messageVi: error.messageVi,
      ...error.details,
    });
}

let calendar: HolidayCalendar | undefined;
/** The holiday calendar (HOLIDAYS_FILE or the bundled one), read once. */
export function holidays(): HolidayCalendar {
  calendar ??= loadHolidayCalendar();
  return calendar;
}

/** 422 UNITS_UNKNOWN_OR_INACTIVE naming every unit asked for that is not registered and active during the period. */
export function requireAllActive(unitIds: readonly string[], active: readonly string[]): void {
  const found = new Set(active);
  const missing = unitIds.filter((id) => !found.has(id));
  if (missing.length) {
    throw new UnprocessableEntityException({
      statusCode: 422,
      error: 'UNITS_UNKNOWN_OR_INACTIVE',
      message: `units unknown or not active during the period: ${missing.join(', ')}`,
      messageVi: `Đơn vị không tồn tại hoặc không hoạt động trong kỳ: ${missing.join(', ')}`,
      unitIds: missing,
    });
  }
}
