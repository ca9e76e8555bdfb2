import type { ApiError } from '../../../shared/api/result';
import { VISIT_FIELD_LABELS } from '../../../shared/domain/visits';
import { addDays, dayOfWeek, localDate, localMinute, weekMonday, weekdayLabel } from '../../../shared/domain/visitRules';
import { ApiFailure, errorMessage } from '../api/client';

/** Today on this PC's clock: the branch works by local wall time. */
export function today(): string {
  return localDate(new Date());
}

/** On Friday to Sunday people plan the coming week, otherwise they look at the current one. */
export function defaultWeek(date = today()): string {
  const d = dayOfWeek(date);
  return d === 5 || d === 6 || d === 0 ? addDays(weekMonday(date), 7) : weekMonday(date);
}

/** `2026-11-23` → `11月23日 周一`. */
export function dayLabel(date: string): string {
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日 ${weekdayLabel(date)}`;
}

/** `2026-11-23T09:30` or `2026-11-23 09:30` → `09:30`. */
export function timeOf(stamp: string | null | undefined): string {
  return stamp ? stamp.slice(11, 16) : '';
}

export function dateOf(stamp: string | null | undefined): string {
  return stamp ? stamp.slice(0, 10) : '';
}

/**
 * Any stamp the core sends (`2026-12-07T09:55`, `2026-12-07 09:55:31`, an ISO
 * `2026-12-07T01:55:31.000Z` of the audit log read in local time) → `2026-12-07 09:55`:
 * the one way times read on screen, whatever the PC's locale.
 */
export function formatDateTime(stamp: string | null | undefined): string {
  if (!stamp) return '';
  if (/Z$|[+-]\d{2}:?\d{2}$/.test(stamp)) {
    const d = new Date(stamp);
    if (!Number.isNaN(d.getTime())) return localMinute(d);
  }
  return stamp.slice(0, 16).replace('T', ' ');
}

/** Field problems of an API error, each without its «标签：» prefix (the control's label already says it). */
export interface SplitProblems {
  fields: Record<string, string>;
  /** Problems no control shows, plus non-field errors. */
  message: string | null;
  /** Every problem message as the core worded it. */
  all: string[];
}

export function stripFieldLabel(field: string, message: string): string {
  const label = VISIT_FIELD_LABELS[field];
  if (label && message.startsWith(`${label}：`)) return message.slice(label.length + 1);
  // Other labels the core uses (反馈时间、审批意见 …): a short Chinese prefix ending in a full-width colon.
  const m = /^[\u4e00-\u9fa5（）]{2,10}：/.exec(message);
  return m ? message.slice(m[0].length) : message;
}

export function splitProblems(e: unknown, known: readonly string[]): SplitProblems {
  if (!(e instanceof ApiFailure)) return { fields: {}, message: errorMessage(e), all: [errorMessage(e)] };
  return splitApiProblems(e.error, known);
}

export function splitApiProblems(error: ApiError, known: readonly string[]): SplitProblems {
  const problems = error.fields?.length ? error.fields : error.field ? [{ field: error.field, message: error.message }] : [];
  const fields: Record<string, string> = {};
  const rest: string[] = [];
  for (const p of problems) {
    if (known.includes(p.field) && !fields[p.field]) fields[p.field] = stripFieldLabel(p.field, p.message);
    else rest.push(p.message);
  }
  if (!problems.length) rest.push(error.message);
  return { fields, message: rest.length ? rest.join('；') : null, all: problems.length ? problems.map((p) => p.message) : [error.message] };
}

/** The core's refusal of a visit over 8 hours: the only problem that a confirmation (confirmLong) fixes. */
export function isOnlyLongVisit(e: unknown): boolean {
  if (!(e instanceof ApiFailure)) return false;
  const problems = e.error.fields?.length ? e.error.fields : [{ field: e.error.field ?? '', message: e.error.message }];
  return problems.length > 0 && problems.every((p) => p.message.includes('超过8小时'));
}

export function longVisitMessage(e: unknown): string {
  return e instanceof ApiFailure ? stripFieldLabel('signOut', e.error.fields?.[0]?.message ?? e.message).replace(/；?如确实如此.*$/, '') : '';
}

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

// A one-line message that survives the remount after navigating (e.g. saved → back to 今日).
let flashText = '';
export function setFlash(text: string): void {
  flashText = text;
}
export function takeFlash(): string {
  const t = flashText;
  flashText = '';
  return t;
}
