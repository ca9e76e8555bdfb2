/**
 * Pure date/time rules of visit records. The core enforces them on every save and
 * the renderer's bulk-entry grid runs the same functions while the user types, so
 * a row shows its problem before the save does.
 *
 * Times are local wall-clock strings, never Date objects across the API: a visit
 * happened at 09:30 in the branch, whatever the PC's time zone setting says later.
 * Stored form: `YYYY-MM-DD HH:mm`; API/JSON form: `YYYY-MM-DDTHH:mm`.
 */

export interface FieldProblem {
  field: string;
  message: string;
}

/** Visits longer than this need an explicit confirmation (a forgotten sign-out is the usual cause). */
export const LONG_VISIT_MINUTES = 8 * 60;

export const WEEKDAY_LABELS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'] as const;

const pad = (n: number) => String(n).padStart(2, '0');

function realDate(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1) return false;
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/** Full-width digits and punctuation (typed with a Chinese IME) to ASCII. */
function halfWidth(s: string): string {
  return s.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/**
 * A date as people write it on paper sheets: 2024-06-03, 2024/6/3, 2024.6.3,
 * 20240603, 2024年6月3日 → `2024-06-03`; null when it is not a real date.
 */
export function parseDate(raw: string | null | undefined): string | null {
  const s = halfWidth(raw ?? '').trim();
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return realDate(y, mo, d) ? `${y}-${pad(mo)}-${pad(d)}` : null;
}

export function isValidDate(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && parseDate(s) === s;
}

/**
 * A time of day as typed in the grid: `0930`, `930`, `9:30`, `09:30`, `9：30`,
 * `9.30`, `9点30` → `09:30`; a bare hour (`9`) means 09:00. null when invalid.
 */
export function parseTimeOfDay(raw: string | null | undefined): string | null {
  const s = halfWidth(raw ?? '').trim().replace(/分$/, '');
  let h: number;
  let min: number;
  let m: RegExpExecArray | null;
  if ((m = /^(\d{1,2})[:.点](\d{1,2})$/.exec(s))) {
    if (m[2].length !== 2) return null;
    [h, min] = [Number(m[1]), Number(m[2])];
  } else if ((m = /^(\d{3,4})$/.exec(s))) {
    [h, min] = [Number(m[1].slice(0, -2)), Number(m[1].slice(-2))];
  } else if ((m = /^(\d{1,2})点?$/.exec(s))) {
    [h, min] = [Number(m[1]), 0];
  } else {
    return null;
  }
  if (h > 23 || min > 59) return null;
  return `${pad(h)}:${pad(min)}`;
}

/**
 * A visit time → stored form `YYYY-MM-DD HH:mm`. Accepts a full local date-time
 * (`2024-06-03T09:30`, `2024-06-03 09:30`, seconds ignored) or, when `date` is
 * given, a bare time of day in any form parseTimeOfDay knows (`0930`).
 */
export function parseVisitTime(raw: string | null | undefined, date?: string | null): string | null {
  const s = halfWidth(raw ?? '').trim();
  if (!s) return null;
  const full = /^(.+?)[T\s]+(\d{1,2}[:.]\d{2}|\d{3,4})(?::\d{2})?$/.exec(s);
  if (full) {
    const d = parseDate(full[1]);
    const t = parseTimeOfDay(full[2]);
    return d && t ? `${d} ${t}` : null;
  }
  const day = date ? parseDate(date) : null;
  const t = parseTimeOfDay(s);
  return day && t ? `${day} ${t}` : null;
}

/** `YYYY-MM-DD HH:mm` → `YYYY-MM-DDTHH:mm` (the JSON contract's form). */
export function toApiTime(stored: string): string;
export function toApiTime(stored: string | null): string | null;
export function toApiTime(stored: string | null): string | null {
  return stored === null ? null : stored.slice(0, 16).replace(' ', 'T');
}

/** Minutes since the epoch of a stored local time, computed as if it were UTC: differences stay exact across DST-free local time. */
export function minuteStamp(stored: string): number {
  const y = Number(stored.slice(0, 4));
  const mo = Number(stored.slice(5, 7));
  const d = Number(stored.slice(8, 10));
  const h = Number(stored.slice(11, 13) || 0);
  const mi = Number(stored.slice(14, 16) || 0);
  return Date.UTC(y, mo - 1, d, h, mi) / 60_000;
}

export function fromMinuteStamp(stamp: number): string {
  const dt = new Date(stamp * 60_000);
  return `${dt.getUTCFullYear()}-${pad(dt.getUTCMonth() + 1)}-${pad(dt.getUTCDate())} ${pad(dt.getUTCHours())}:${pad(dt.getUTCMinutes())}`;
}

export function durationMinutes(signIn: string, signOut: string): number {
  return minuteStamp(signOut) - minuteStamp(signIn);
}

export function addMinutes(stored: string, minutes: number): string {
  return fromMinuteStamp(minuteStamp(stored) + minutes);
}

/** 135 → `2小时15分钟`, 40 → `40分钟`. */
export function formatDuration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (!h) return `${m}分钟`;
  return m ? `${h}小时${m}分钟` : `${h}小时`;
}

/** A Date read in the machine's local time → `YYYY-MM-DD HH:mm` (the clock the branch works by). */
export function localMinute(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function localDate(d: Date): string {
  return localMinute(d).slice(0, 10);
}

// ---- calendar -------------------------------------------------------------

/** Days since 1970-01-01 of a `YYYY-MM-DD` date (cheap to compare and add; plan generation does it 200,000 times). */
export function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;
}

export function fromDayNumber(n: number): string {
  const dt = new Date(n * 86_400_000);
  return `${dt.getUTCFullYear()}-${pad(dt.getUTCMonth() + 1)}-${pad(dt.getUTCDate())}`;
}

export function addDays(date: string, days: number): string {
  return fromDayNumber(dayNumber(date) + days);
}

/** Whole days from `a` to `b` (b − a). */
export function daysBetween(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: string): number {
  return new Date(dayNumber(date) * 86_400_000).getUTCDay();
}

/** Working days are Monday to Friday; public holidays are not known to the app (plans are edited by hand around them). */
export function isWorkingDay(date: string): boolean {
  const d = dayOfWeek(date);
  return d >= 1 && d <= 5;
}

export function isMonday(date: string): boolean {
  return isValidDate(date) && dayOfWeek(date) === 1;
}

/** The Monday of the week holding `date`. */
export function weekMonday(date: string): string {
  return addDays(date, -((dayOfWeek(date) + 6) % 7));
}

/** Monday to Friday of the week starting on `monday`. */
export function workingDaysOfWeek(monday: string): string[] {
  return [0, 1, 2, 3, 4].map((i) => addDays(monday, i));
}

export function weekdayLabel(date: string): string {
  return WEEKDAY_LABELS[dayOfWeek(date)];
}

// ---- visit times ----------------------------------------------------------

export interface Interval {
  /** `YYYY-MM-DD HH:mm` */
  start: string;
  /** `YYYY-MM-DD HH:mm`, after start */
  end: string;
}

/** Half-open intervals: one visit ending at 10:00 and the next starting at 10:00 do not overlap. */
export function overlaps(a: Interval, b: Interval): boolean {
  return a.start < b.end && b.start < a.end;
}

/** The first of `others` that overlaps `candidate`, or null. */
export function findOverlap<T extends Interval>(candidate: Interval, others: readonly T[]): T | null {
  for (const o of others) if (overlaps(candidate, o)) return o;
  return null;
}

/**
 * Pairs of overlapping intervals within one list (one manager's rows of a bulk
 * entry): for each interval that overlaps an earlier one (in list order), its index and
 * the index of the earlier one. Sorting by start keeps it O(n log n) for a week of rows.
 */
export function overlapsWithin(intervals: readonly (Interval | null)[]): { index: number; other: number }[] {
  const order = intervals
    .map((iv, index) => ({ iv, index }))
    .filter((x): x is { iv: Interval; index: number } => x.iv !== null)
    .sort((a, b) => (a.iv.start < b.iv.start ? -1 : a.iv.start > b.iv.start ? 1 : a.index - b.index));
  const out: { index: number; other: number }[] = [];
  const active: { iv: Interval; index: number }[] = [];
  for (const cur of order) {
    for (let i = active.length - 1; i >= 0; i--) if (active[i].iv.end <= cur.iv.start) active.splice(i, 1);
    const hit = active.find((a) => overlaps(a.iv, cur.iv));
    if (hit) {
      // Blame the row typed later, so the first sheet of a pair stays valid.
      out.push(hit.index < cur.index ? { index: cur.index, other: hit.index } : { index: hit.index, other: cur.index });
    }
    active.push(cur);
  }
  return out;
}

export interface VisitTimeInput {
  /** Full local date-time, or a time of day when `date` is given. */
  signIn: string | null | undefined;
  signOut?: string | null;
  /** Day of the visit for time-only entries (`0930`). */
  date?: string | null;
  /** Fallback for a missing sign-out: sign-in + duration. */
  durationMinutes?: number | null;
  /** `YYYY-MM-DD HH:mm`: nothing may lie after it. */
  now: string;
  confirmLong?: boolean;
  /** An open visit (signed in, not yet out) is allowed. */
  allowOpen?: boolean;
}

export interface VisitTimes {
  signIn: string | null;
  signOut: string | null;
  durationMinutes: number | null;
  problems: FieldProblem[];
}

/**
 * Parses and checks the times of one visit: sign-in required and parseable,
 * sign-out after sign-in, nothing in the future, more than 8 hours only when confirmed.
 * Every message names the field in Chinese and says what to do.
 */
export function checkVisitTimes(input: VisitTimeInput): VisitTimes {
  const problems: FieldProblem[] = [];
  const out: VisitTimes = { signIn: null, signOut: null, durationMinutes: null, problems };
  const dateText = (input.date ?? '').trim();
  if (dateText && !parseDate(dateText)) problems.push({ field: 'date', message: `走访日期：「${dateText}」不是有效日期，请写成 2024-06-03` });

  const inText = (input.signIn ?? '').trim();
  if (!inText) {
    problems.push({ field: 'signIn', message: '签到时间：请填写' });
    return out;
  }
  const signIn = parseVisitTime(inText, input.date);
  if (!signIn) {
    problems.push({
      field: 'signIn',
      message: dateText
        ? `签到时间：「${inText}」不是有效时间，请写成 09:30 或 0930`
        : `签到时间：「${inText}」不是有效时间，请写成 2024-06-03T09:30（或另填走访日期后只写 0930）`,
    });
    return out;
  }
  out.signIn = signIn;
  if (signIn > input.now) problems.push({ field: 'signIn', message: `签到时间：${signIn} 晚于当前时间，不能登记将来的走访` });

  const outText = (input.signOut ?? '').trim();
  let signOut: string | null = null;
  if (outText) {
    // A bare time of day belongs to the sign-in's day.
    signOut = parseVisitTime(outText, input.date || signIn.slice(0, 10));
    if (!signOut) {
      problems.push({ field: 'signOut', message: `签退时间：「${outText}」不是有效时间，请写成 10:15 或 1015` });
      return out;
    }
  } else if (input.durationMinutes !== undefined && input.durationMinutes !== null) {
    signOut = addMinutes(signIn, input.durationMinutes);
  } else if (!input.allowOpen) {
    problems.push({ field: 'signOut', message: '签退时间：请填写（或填写在户时长）' });
    return out;
  }
  if (signOut === null) return out;
  out.signOut = signOut;

  const minutes = durationMinutes(signIn, signOut);
  if (minutes <= 0) {
    problems.push({
      field: 'signOut',
      message: `签退时间：须晚于签到时间（签到 ${signIn.slice(11)}，签退 ${signOut.slice(11)}${signIn.slice(0, 10) !== signOut.slice(0, 10) ? ` ${signOut.slice(0, 10)}` : ''}）`,
    });
    return out;
  }
  out.durationMinutes = minutes;
  if (signOut > input.now && signIn <= input.now) {
    problems.push({ field: 'signOut', message: `签退时间：${signOut} 晚于当前时间，不能登记将来的时间` });
  }
  if (minutes > LONG_VISIT_MINUTES && !input.confirmLong) {
    problems.push({
      field: 'signOut',
      message: `签退时间：在户时间 ${formatDuration(minutes)}，超过8小时，可能是忘记签退或时间填错；如确实如此，请确认（勾选“确认超长走访”，接口参数 confirmLong: true）后再保存`,
    });
  }
  return out;
}
