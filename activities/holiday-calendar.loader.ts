import fs from 'node:fs';
import { HolidayCalendar, parseHolidayCalendar } from '@kybaocao/domain/calendar';
import bundled from '@kybaocao/domain/calendar/holidays-vn.json';

/** Holidays are data: HOLIDAYS_FILE (a JSON HolidayCalendar) when set, else the bundled Vietnam calendar. */
export function loadHolidayCalendar(file = process.env.HOLIDAYS_FILE): HolidayCalendar {
  return parseHolidayCalendar(file ? JSON.parse(fs.readFileSync(file, 'utf8')) : bundled);
}
