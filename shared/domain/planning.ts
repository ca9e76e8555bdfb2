import { addDays, dayNumber, daysBetween, fromDayNumber, isWorkingDay, workingDaysOfWeek } from './visitRules';

/**
 * Weekly plan generation (客户访问日程表), as a pure function so the rules can be
 * tested without a database and shown to supervisors as they are:
 *
 * - a customer is due when its last visit is at least its tier's interval old on
 *   some working day of the week (a weekly customer visited last Tuesday is due
 *   this Tuesday); a customer never visited is due at once;
 * - tier first (分级管理): every due customer of a higher tier is planned before
 *   any of a lower tier (the dictionary's order; customers without a tier last);
 *   within a tier, missed entries of earlier weeks are carried over first, then
 *   the most overdue customers, ties to the shorter interval;
 * - each manager's week is filled evenly over the working days left (the branch
 *   calendar's: holidays off, 调休 weekend days on), up to a daily cap per manager
 *   and, when set, a daily cap per tier; each customer on its due day or the first
 *   free day after it (or, when the rest of the week is full, the latest free day
 *   before it);
 * - what does not fit is counted per manager and per tier, so the user can be told
 *   before anything is stored;
 * - entries already in the week (earlier generation, hand edits) are kept and
 *   count against the days; a customer removed by hand is not planned again.
 */

export interface PlanCandidate {
  customerId: number;
  managerId: number;
  intervalDays: number;
  /** `YYYY-MM-DD` of the last visit; null = never visited. */
  lastVisit: string | null;
  /** Tier name (客户分级); null or a name not in `tierOrder` = after every tier. */
  tier?: string | null;
}

export interface CarriedEntry {
  /** The missed entry this one replaces. */
  entryId: number;
  customerId: number;
  managerId: number;
  /** Its planned date (an earlier week). */
  date: string;
  tier?: string | null;
}

export interface WeekEntry {
  customerId: number;
  managerId: number;
  date: string;
  /** Counts against the tier's daily cap when given. */
  tier?: string | null;
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
  /** Per manager, day and tier (tier name → cap); tiers not named have only the overall cap. */
  tierCaps?: Readonly<Record<string, number>>;
  /** Tier names, highest first (the dictionary's order). */
  tierOrder?: readonly string[];
  /** Days that may receive new entries (default Mon–Fri; the core passes the calendar's working days not yet past). */
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
  /** The same counts per tier, highest tier first (tier null = 未分级). */
  tiers: TierPlanSummary[];
}

export interface TierPlanSummary {
  tier: string | null;
  due: number;
  added: number;
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

/** Due in the week starting `monday`: it becomes due on or before the week's last day (`lastDay`, default its Friday). */
export function isDueInWeek(c: Pick<PlanCandidate, 'intervalDays' | 'lastVisit'>, monday: string, lastDay = addDays(monday, 4)): boolean {
  const due = dueDate(c);
  return due === null || due <= lastDay;
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
  /** Sort keys: the higher tier, then carried, then the earliest due date, then the shorter interval. */
  tierRank: number;
  carried: boolean;
  intervalDays: number;
  tier: string | null;
}

function comparePending(a: Pending, b: Pending): number {
  if (a.tierRank !== b.tierRank) return a.tierRank - b.tierRank;
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

interface ManagerWeek {
  /** Kept entries per day. */
  perDay: Map<string, number>;
  /** Kept entries per tier and day. */
  perTierDay: Map<string | null, Map<string, number>>;
}

function planOneManager(
  managerId: number,
  pending: Pending[],
  days: readonly string[],
  kept: ManagerWeek,
  cap: number,
  tierCaps: Readonly<Record<string, number>>,
): { entries: PlannedEntry[]; unscheduled: Pending[] } {
  pending.sort(comparePending);
  const load = days.map((d) => kept.perDay.get(d) ?? 0);
  const target = dayTargets(load, pending.length, cap);
  const tierLoad = new Map<string | null, number[]>();
  const loadOfTier = (tier: string | null) => {
    let l = tierLoad.get(tier);
    if (!l) tierLoad.set(tier, (l = days.map((d) => kept.perTierDay.get(tier)?.get(d) ?? 0)));
    return l;
  };
  const entries: PlannedEntry[] = [];
  const unscheduled: Pending[] = [];
  const capAll = days.map(() => cap);
  const dayNumbers = days.map(dayNumber);
  for (const p of pending) {
    const tierCap = p.tier === null ? undefined : tierCaps[p.tier];
    const tl = tierCap === undefined ? null : loadOfTier(p.tier);
    const fits = (i: number, limit: number[]) => load[i] < limit[i] && (tl === null || tl[i] < tierCap!);
    const first = (from: number, limit: number[]) => {
      for (let i = from; i < days.length; i++) if (fits(i, limit)) return i;
      return -1;
    };
    const lastBefore = (to: number, limit: number[]) => {
      for (let i = to - 1; i >= 0; i--) if (fits(i, limit)) return i;
      return -1;
    };
    // Never before the due day while the week has room on or after it: first within the even
    // targets, then up to the cap; only a full rest of the week moves a visit earlier.
    let dueIdx = p.dueDay === null ? 0 : dayNumbers.findIndex((d) => d >= p.dueDay!);
    if (dueIdx === -1) dueIdx = days.length;
    let pick = first(dueIdx, target);
    if (pick === -1) pick = first(dueIdx, capAll);
    if (pick === -1) pick = lastBefore(dueIdx, target);
    if (pick === -1) pick = lastBefore(dueIdx, capAll);
    if (pick === -1) {
      unscheduled.push(p);
      continue;
    }
    load[pick]++;
    if (tl) tl[pick]++;
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
  const days = input.days ?? workingDaysOfWeek(input.monday).filter(isWorkingDay);
  const cap = Math.max(1, Math.floor(input.dailyCap));
  const tierCaps = input.tierCaps ?? {};
  const tierOrder = input.tierOrder ?? [];
  const rankOf = new Map(tierOrder.map((t, i) => [t, i]));
  const rank = (tier: string | null | undefined) => (tier == null ? tierOrder.length + 1 : (rankOf.get(tier) ?? tierOrder.length));
  const taken = new Set<number>();
  const keptByManager = new Map<number, ManagerWeek>();
  for (const e of input.existing ?? []) {
    taken.add(e.customerId);
    let k = keptByManager.get(e.managerId);
    if (!k) keptByManager.set(e.managerId, (k = { perDay: new Map(), perTierDay: new Map() }));
    k.perDay.set(e.date, (k.perDay.get(e.date) ?? 0) + 1);
    const tier = e.tier ?? null;
    let t = k.perTierDay.get(tier);
    if (!t) k.perTierDay.set(tier, (t = new Map()));
    t.set(e.date, (t.get(e.date) ?? 0) + 1);
  }
  for (const id of input.removedCustomerIds ?? []) taken.add(id);

  const byManager = new Map<number, { pending: Pending[]; due: number; carried: number; dueByTier: Map<string | null, number> }>();
  const bucket = (managerId: number) => {
    let b = byManager.get(managerId);
    if (!b) byManager.set(managerId, (b = { pending: [], due: 0, carried: 0, dueByTier: new Map() }));
    return b;
  };

  const carriedIn = input.carried ?? [];
  const candidateOf = new Map<number, PlanCandidate>();
  if (carriedIn.length) for (const c of input.candidates) candidateOf.set(c.customerId, c);

  for (const e of carriedIn) {
    if (taken.has(e.customerId)) continue;
    taken.add(e.customerId);
    const b = bucket(e.managerId);
    b.carried++;
    const tier = e.tier ?? candidateOf.get(e.customerId)?.tier ?? null;
    // A carried visit was due on its original date at the latest.
    b.pending.push({
      customerId: e.customerId,
      carriedFromId: e.entryId,
      dueDay: dayNumber(e.date),
      carried: true,
      intervalDays: candidateOf.get(e.customerId)?.intervalDays ?? 0,
      tier,
      tierRank: rank(tier),
    });
  }
  // Same rule as isDueInWeek, on day numbers; a branch has a few thousand distinct last-visit days, so they are parsed once each.
  const lastDay = days.length ? Math.max(dayNumber(input.monday) + 4, dayNumber(days[days.length - 1])) : dayNumber(input.monday) + 4;
  const parsed = new Map<string, number>();
  const dayOf = (date: string) => {
    let n = parsed.get(date);
    if (n === undefined) parsed.set(date, (n = dayNumber(date)));
    return n;
  };
  for (const c of input.candidates) {
    const due = c.lastVisit === null ? null : dayOf(c.lastVisit) + c.intervalDays;
    if (due !== null && due > lastDay) continue;
    const b = bucket(c.managerId);
    b.due++;
    const tier = c.tier ?? null;
    b.dueByTier.set(tier, (b.dueByTier.get(tier) ?? 0) + 1);
    if (taken.has(c.customerId)) continue;
    taken.add(c.customerId);
    b.pending.push({ customerId: c.customerId, carriedFromId: null, dueDay: due, carried: false, intervalDays: c.intervalDays, tier, tierRank: rank(tier) });
  }

  const entries: PlannedEntry[] = [];
  const managers: ManagerPlanSummary[] = [];
  for (const [managerId, b] of [...byManager.entries()].sort((x, y) => x[0] - y[0])) {
    const tierOfPending = new Map(b.pending.map((p) => [p.customerId, p.tier]));
    const r = days.length
      ? planOneManager(managerId, b.pending, days, keptByManager.get(managerId) ?? { perDay: new Map(), perTierDay: new Map() }, cap, tierCaps)
      : { entries: [], unscheduled: b.pending };
    entries.push(...r.entries);
    const tiers = new Map<string | null, TierPlanSummary>();
    const tierRow = (tier: string | null) => {
      let t = tiers.get(tier);
      if (!t) tiers.set(tier, (t = { tier, due: 0, added: 0, unscheduled: 0 }));
      return t;
    };
    for (const [tier, n] of b.dueByTier) tierRow(tier).due += n;
    for (const e of r.entries) tierRow(tierOfPending.get(e.customerId) ?? null).added++;
    for (const p of r.unscheduled) tierRow(p.tier).unscheduled++;
    managers.push({
      managerId,
      due: b.due,
      added: r.entries.length,
      carried: r.entries.filter((e) => e.carriedFromId !== null).length,
      unscheduled: r.unscheduled.length,
      tiers: [...tiers.values()].sort((x, y) => rank(x.tier) - rank(y.tier)),
    });
  }
  return { entries, managers };
}

/** Per-tier counts of several managers added up, highest tier first (for the confirmation and the result message). */
export function sumTiers(rows: readonly { tiers: readonly TierPlanSummary[] }[], tierOrder: readonly string[] = []): TierPlanSummary[] {
  const out: TierPlanSummary[] = [];
  const at = new Map<string | null, TierPlanSummary>();
  for (const m of rows) {
    for (const t of m.tiers) {
      let s = at.get(t.tier);
      if (!s) {
        at.set(t.tier, (s = { tier: t.tier, due: 0, added: 0, unscheduled: 0 }));
        out.push(s);
      }
      s.due += t.due;
      s.added += t.added;
      s.unscheduled += t.unscheduled;
    }
  }
  const rank = (tier: string | null) => (tier === null ? tierOrder.length + 1 : tierOrder.indexOf(tier) === -1 ? tierOrder.length : tierOrder.indexOf(tier));
  return out.sort((a, b) => rank(a.tier) - rank(b.tier));
}
