import { addDays, dayNumber, daysBetween, fromDayNumber, isWorkingDay, workingDaysOfWeek } from './visitRules';

/**
 * Weekly plan generation (客户访问日程表), as a pure function so the rules can be
 * tested without a database and shown to supervisors as they are:
 *
 * - a customer is due when its last visit is at least its tier's interval old on
 *   some working day of the week (a weekly customer visited last Tuesday is due
 *   this Tuesday); a customer never visited is due at once;
 * - missed entries of earlier weeks are carried over first, then the most
 *   overdue customers; ties go to the tier with the shorter interval;
 * - each manager's week is filled evenly over the working days left, up to a
 *   daily cap, each customer on its due day or the first free day after it
 *   (or, when the rest of the week is full, the latest free day before it);
 * - entries already in the week (earlier generation, hand edits) are kept and
 *   count against the days; a customer removed by hand is not planned again.
 */

export interface PlanCandidate {
  customerId: number;
  managerId: number;
  intervalDays: number;
  /** `YYYY-MM-DD` of the last visit; null = never visited. */
  lastVisit: string | null;
}

export interface CarriedEntry {
  /** The missed entry this one replaces. */
  entryId: number;
  customerId: number;
  managerId: number;
  /** Its planned date (an earlier week). */
  date: string;
}

export interface WeekEntry {
  customerId: number;
  managerId: number;
  date: string;
}

export interface PlanInput {
  monday: string;
  candidates: readonly PlanCandidate[];
  carried?: readonly CarriedEntry[];
  /** Live entries already in the week: kept, never duplicated. */
  existing?: readonly WeekEntry[];
  /** Customers whose entry this week was removed by hand. */
  removedCustomerIds?: Iterable<number>;
  /** Per manager and day, existing entries included. */
  dailyCap: number;
  /** Days that may receive new entries (default Mon–Fri; the core drops days already past). */
  days?: readonly string[];
}

export interface PlannedEntry {
  customerId: number;
  managerId: number;
  date: string;
  carriedFromId: number | null;
  /** Date the customer became due (null: never visited). */
  dueDate: string | null;
}

export interface ManagerPlanSummary {
  managerId: number;
  due: number;
  added: number;
  carried: number;
  /** Due customers that did not fit under the daily cap. */
  unscheduled: number;
}

export interface PlanResult {
  entries: PlannedEntry[];
  managers: ManagerPlanSummary[];
}

/** The date a customer becomes due: last visit + interval; null when never visited (due at once). */
export function dueDate(c: Pick<PlanCandidate, 'intervalDays' | 'lastVisit'>): string | null {
  return c.lastVisit === null ? null : addDays(c.lastVisit, c.intervalDays);
}

/** Due in the week starting `monday`: it becomes due on or before the week's Friday. */
export function isDueInWeek(c: Pick<PlanCandidate, 'intervalDays' | 'lastVisit'>, monday: string): boolean {
  const due = dueDate(c);
  return due === null || due <= addDays(monday, 4);
}

/** How many days past due on `date` (negative: not yet due); never visited counts as infinitely overdue. */
export function overdueDays(c: Pick<PlanCandidate, 'intervalDays' | 'lastVisit'>, date: string): number {
  const due = dueDate(c);
  return due === null ? Number.POSITIVE_INFINITY : daysBetween(due, date);
}

interface Pending {
  customerId: number;
  carriedFromId: number | null;
  /** dayNumber of the due date; null = never visited. Numbers, not strings: this runs for every customer of the branch. */
  dueDay: number | null;
  /** Sort keys: carried first, then the earliest due date, then the shorter interval. */
  carried: boolean;
  intervalDays: number;
}

function comparePending(a: Pending, b: Pending): number {
  if (a.carried !== b.carried) return a.carried ? -1 : 1;
  if (a.dueDay !== b.dueDay) {
    if (a.dueDay === null) return -1;
    if (b.dueDay === null) return 1;
    return a.dueDay - b.dueDay;
  }
  if (a.intervalDays !== b.intervalDays) return a.intervalDays - b.intervalDays;
  return a.customerId - b.customerId;
}

/**
 * Per-day targets so that the week ends up as even as the kept entries allow:
 * water-filling gives each new entry to the emptiest day under the cap.
 */
function dayTargets(kept: number[], adding: number, cap: number): number[] {
  const load = [...kept];
  for (let left = adding; left > 0; left--) {
    let best = -1;
    for (let i = 0; i < load.length; i++) {
      if (load[i] < cap && (best === -1 || load[i] < load[best])) best = i;
    }
    if (best === -1) break;
    load[best]++;
  }
  return load;
}

function planOneManager(
  managerId: number,
  pending: Pending[],
  days: readonly string[],
  existingPerDay: Map<string, number>,
  cap: number,
): { entries: PlannedEntry[]; unscheduled: number } {
  pending.sort(comparePending);
  const load = days.map((d) => existingPerDay.get(d) ?? 0);
  const target = dayTargets(load, pending.length, cap);
  const entries: PlannedEntry[] = [];
  let unscheduled = 0;
  const first = (from: number, limit: number[]) => {
    for (let i = from; i < days.length; i++) if (load[i] < limit[i]) return i;
    return -1;
  };
  const lastBefore = (to: number, limit: number[]) => {
    for (let i = to - 1; i >= 0; i--) if (load[i] < limit[i]) return i;
    return -1;
  };
  const capAll = days.map(() => cap);
  const dayNumbers = days.map(dayNumber);
  for (const p of pending) {
    // Never before the due day while the week has room on or after it: first within the even
    // targets, then up to the cap; only a full rest of the week moves a visit earlier.
    let dueIdx = p.dueDay === null ? 0 : dayNumbers.findIndex((d) => d >= p.dueDay!);
    if (dueIdx === -1) dueIdx = days.length;
    let pick = first(dueIdx, target);
    if (pick === -1) pick = first(dueIdx, capAll);
    if (pick === -1) pick = lastBefore(dueIdx, target);
    if (pick === -1) pick = lastBefore(dueIdx, capAll);
    if (pick === -1) {
      unscheduled++;
      continue;
    }
    load[pick]++;
    entries.push({
      customerId: p.customerId,
      managerId,
      date: days[pick],
      carriedFromId: p.carriedFromId,
      dueDate: p.dueDay === null ? null : fromDayNumber(p.dueDay),
    });
  }
  return { entries, unscheduled };
}

/** New entries for the week; see the module comment for the rules. */
export function generateWeekPlan(input: PlanInput): PlanResult {
  const days = (input.days ?? workingDaysOfWeek(input.monday)).filter(isWorkingDay);
  const cap = Math.max(1, Math.floor(input.dailyCap));
  const taken = new Set<number>();
  const existingByManager = new Map<number, Map<string, number>>();
  for (const e of input.existing ?? []) {
    taken.add(e.customerId);
    let perDay = existingByManager.get(e.managerId);
    if (!perDay) existingByManager.set(e.managerId, (perDay = new Map()));
    perDay.set(e.date, (perDay.get(e.date) ?? 0) + 1);
  }
  for (const id of input.removedCustomerIds ?? []) taken.add(id);

  const byManager = new Map<number, { pending: Pending[]; due: number; carried: number }>();
  const bucket = (managerId: number) => {
    let b = byManager.get(managerId);
    if (!b) byManager.set(managerId, (b = { pending: [], due: 0, carried: 0 }));
    return b;
  };

  const carriedIn = input.carried ?? [];
  const intervalOf = new Map<number, number>();
  if (carriedIn.length) for (const c of input.candidates) intervalOf.set(c.customerId, c.intervalDays);

  for (const e of carriedIn) {
    if (taken.has(e.customerId)) continue;
    taken.add(e.customerId);
    const b = bucket(e.managerId);
    b.carried++;
    // A carried visit was due on its original date at the latest.
    b.pending.push({ customerId: e.customerId, carriedFromId: e.entryId, dueDay: dayNumber(e.date), carried: true, intervalDays: intervalOf.get(e.customerId) ?? 0 });
  }
  // Same rule as isDueInWeek, on day numbers; a branch has a few thousand distinct last-visit days, so they are parsed once each.
  const friday = dayNumber(input.monday) + 4;
  const parsed = new Map<string, number>();
  const dayOf = (date: string) => {
    let n = parsed.get(date);
    if (n === undefined) parsed.set(date, (n = dayNumber(date)));
    return n;
  };
  for (const c of input.candidates) {
    const due = c.lastVisit === null ? null : dayOf(c.lastVisit) + c.intervalDays;
    if (due !== null && due > friday) continue;
    const b = bucket(c.managerId);
    b.due++;
    if (taken.has(c.customerId)) continue;
    taken.add(c.customerId);
    b.pending.push({ customerId: c.customerId, carriedFromId: null, dueDay: due, carried: false, intervalDays: c.intervalDays });
  }

  const entries: PlannedEntry[] = [];
  const managers: ManagerPlanSummary[] = [];
  for (const [managerId, b] of [...byManager.entries()].sort((x, y) => x[0] - y[0])) {
    const r = days.length
      ? planOneManager(managerId, b.pending, days, existingByManager.get(managerId) ?? new Map(), cap)
      : { entries: [], unscheduled: b.pending.length };
    entries.push(...r.entries);
    managers.push({
      managerId,
      due: b.due,
      added: r.entries.length,
      carried: r.entries.filter((e) => e.carriedFromId !== null).length,
      unscheduled: r.unscheduled,
    });
  }
  return { entries, managers };
}
