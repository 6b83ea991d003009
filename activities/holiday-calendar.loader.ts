import fs from 'node:fs';
import { HolidayCalendar, parseHolidayCalendar } from '../libs/domain/src/calendar';
import bundled from '../libs/domain/src/calendar/holidays-vn.json';

/** Holidays are data: HOLIDAYS_FILE (a JSON HolidayCalendar) when set, else the bundled Vietnam calendar. */
export function loadHolidayCalendar(file = process.env.HOLIDAYS_FILE): HolidayCalendar {
  return parseHolidayCalendar(file ? JSON.parse(fs.readFileSync(file, 'utf8')) : bundled);
}
