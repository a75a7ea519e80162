/**
 * The bundled 国务院办公厅 notices (resources/calendars/cn-holidays.json), parsed once. The JSON is imported rather
 * than read from disk so the renderer, the core and the CLI share one copy without file access from shared/.
 */
import bundled from '../../resources/calendars/cn-holidays.json';
import { createWorkCalendar, type WorkCalendar } from './work-calendar';
import { parseCalendarFile, type YearSchedule } from './year-schedule';

const parsed = parseCalendarFile(bundled);
if (!parsed.ok) throw new Error(`内置节假日数据损坏：${parsed.error.message}`);

/** Every year the app ships a notice for (2007–2026 at this release). */
export const OFFICIAL_SCHEDULES: readonly YearSchedule[] = parsed.value;

/**
 * The calendar from the bundled notices plus any the user imported; an imported year replaces the bundled one,
 * because a user imports a year only when its notice is newer than the app.
 */
export function createOfficialCalendar(imported: readonly YearSchedule[] = []): WorkCalendar {
  const replaced = new Set(imported.map((y) => y.year));
  return createWorkCalendar([...OFFICIAL_SCHEDULES.filter((y) => !replaced.has(y.year)), ...imported]);
}
