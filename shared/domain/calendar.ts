import { addDays, dayOfWeek, parseDate } from './visitRules';

/**
 * The branch's working-day calendar (工作日历): Monday to Friday, except the
 * holidays the administrator lists (法定节假日), plus the Saturdays and Sundays
 * the State Council's yearly notice turns into working days (调休上班).
 * Pure, so plans, due dates and overdue counts in the core and the renderer's
 * hints all count days the same way.
 */
export interface WorkCalendar {
  /** `YYYY-MM-DD` days off that would otherwise be working days. */
  holidays: string[];
  /** `YYYY-MM-DD` Saturdays and Sundays that are working days (调休). */
  workdays: string[];
}

export const EMPTY_CALENDAR: WorkCalendar = { holidays: [], workdays: [] };

/** At most this many days per list: a decade of notices, far below what a settings row should hold. */
export const MAX_CALENDAR_DAYS = 1000;

/** A calendar compiled once for many look-ups (plan generation asks for every day of the week, overdue cut-offs walk back day by day). */
export interface CalendarLookup {
  isWorkingDay(date: string): boolean;
}

export function calendarLookup(cal: WorkCalendar = EMPTY_CALENDAR): CalendarLookup {
  const holidays = new Set(cal.holidays);
  const workdays = new Set(cal.workdays);
  return {
    isWorkingDay(date: string): boolean {
      if (holidays.has(date)) return false;
      if (workdays.has(date)) return true;
      const d = dayOfWeek(date);
      return d >= 1 && d <= 5;
    },
  };
}

export function isWorkingDayIn(cal: WorkCalendar, date: string): boolean {
  return calendarLookup(cal).isWorkingDay(date);
}

/** The working days of the week starting on `monday` (Monday to Sunday, so a 调休 Saturday or Sunday is included). */
export function workingDaysOfWeekIn(cal: WorkCalendar, monday: string): string[] {
  const look = calendarLookup(cal);
  return [0, 1, 2, 3, 4, 5, 6].map((i) => addDays(monday, i)).filter((d) => look.isWorkingDay(d));
}

/** `date` itself when it is a working day, else the first working day after it (a long holiday is at most a few weeks). */
export function nextWorkingDay(cal: WorkCalendar | CalendarLookup, date: string): string {
  const look = 'isWorkingDay' in cal ? cal : calendarLookup(cal);
  let d = date;
  for (let i = 0; i < 366 && !look.isWorkingDay(d); i++) d = addDays(d, 1);
  return d;
}

/** Day of the month the monthly analysis report (客户月度销售情况分析报告) is due for the previous month. */
export const MONTHLY_REPORT_DAY = 5;

/**
 * When the report for `month` (`YYYY-MM`) is due: the 5th of the following month,
 * moved to the next working day when the 5th is a holiday or a weekend
 * (国庆 5 October → 8 or 9 October).
 */
export function monthlyReportDue(cal: WorkCalendar, month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  const ny = m === 12 ? y + 1 : y;
  const nm = m === 12 ? 1 : m + 1;
  return nextWorkingDay(cal, `${ny}-${String(nm).padStart(2, '0')}-${String(MONTHLY_REPORT_DAY).padStart(2, '0')}`);
}

/**
 * A customer visited last on day L with a visit interval of `intervalDays` is due on
 * L + interval, or on the next working day when that is a day off; it is overdue once
 * that day is past. The answer is the earliest last-visit day that is NOT overdue
 * on `today`: overdue ⇔ last visit < cutoff, which one indexed range query can count.
 * Without holidays it is today − interval.
 */
export function overdueCutoff(cal: WorkCalendar | CalendarLookup, today: string, intervalDays: number): string {
  const look = 'isWorkingDay' in cal ? cal : calendarLookup(cal);
  let cutoff = addDays(today, -intervalDays);
  // A last visit the day before the cutoff is still not overdue while its due day rolls forward to today or later.
  for (let i = 0; i < 366 && nextWorkingDay(look, addDays(cutoff, intervalDays - 1)) >= today; i++) cutoff = addDays(cutoff, -1);
  return cutoff;
}

export interface CalendarListProblem {
  line: number;
  text: string;
  message: string;
}

/**
 * A list of days as the administrator types or imports it (one per line, or
 * separated by commas, semicolons or spaces): single dates in any form parseDate
 * knows (2026-10-01, 2026/10/1, 20261001, 2026年10月1日) and ranges
 * (`2026-10-01~2026-10-08`, `2026-10-01 至 2026-10-08`, `2026/10/1-2026/10/8`).
 * Text after `#` is a comment. Returns the sorted distinct days and, for every piece
 * that is not a date, its line and the reason, so nothing is silently dropped.
 */
export function parseCalendarList(text: string): { days: string[]; problems: CalendarListProblem[] } {
  const days = new Set<string>();
  const problems: CalendarListProblem[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = raw.replace(/[#＃].*$/, '').trim();
    if (!line) return;
    // Range separators first, so `2026/10/1-2026/10/8` is not split as a list.
    const normalised = line.replace(/\s*(?:~|～|至|到|—|–)\s*/g, '~').replace(/(\d)\s*-\s*(\d{4}[-/.年])/g, '$1~$2');
    for (const piece of normalised.split(/[\s,，;；、]+/).filter(Boolean)) {
      const [a, b, extra] = piece.split('~');
      const from = parseDate(a);
      const to = b === undefined ? from : parseDate(b);
      if (!from || !to || extra !== undefined) {
        problems.push({ line: index + 1, text: piece, message: `第${index + 1}行：「${piece}」不是有效日期或日期范围，请写成 2026-10-01 或 2026-10-01~2026-10-08` });
        continue;
      }
      if (to < from) {
        problems.push({ line: index + 1, text: piece, message: `第${index + 1}行：「${piece}」结束日期早于开始日期` });
        continue;
      }
      let d = from;
      for (let i = 0; d <= to && i < 366; i++, d = addDays(d, 1)) days.add(d);
      if (d <= to) problems.push({ line: index + 1, text: piece, message: `第${index + 1}行：「${piece}」跨度超过一年，请分段填写` });
    }
  });
  return { days: [...days].sort(), problems };
}

/**
 * Problems of a whole calendar, each naming the list and the day: a 调休 day must be
 * a Saturday or Sunday (a weekday is a working day already), and a day cannot be both.
 */
export function calendarProblems(cal: WorkCalendar): { field: 'holidays' | 'workdays'; message: string }[] {
  const out: { field: 'holidays' | 'workdays'; message: string }[] = [];
  const holidays = new Set(cal.holidays);
  for (const d of cal.workdays) {
    const w = dayOfWeek(d);
    if (w !== 0 && w !== 6) out.push({ field: 'workdays', message: `调休上班日：${d} 不是周六或周日，工作日本来就上班` });
    if (holidays.has(d)) out.push({ field: 'workdays', message: `调休上班日：${d} 同时列为节假日，请只保留一处` });
  }
  return out;
}
