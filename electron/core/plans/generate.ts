import type { PlanGenerateResult } from '../../../shared/domain/plans';
import { workingDaysOfWeekIn, type WorkCalendar } from '../../../shared/domain/calendar';
import { generateWeekPlan, sumTiers, type CarriedEntry, type PlanCandidate, type WeekEntry } from '../../../shared/domain/planning';
import { addDays } from '../../../shared/domain/visitRules';
import { prepared } from '../db/statements';
import type { Db } from '../db/connection';
import { badInput } from '../errors';

export interface GenerateOptions {
  monday: string;
  managerIds: number[];
  dailyCap: number;
  /** Tier name → daily cap per manager for that tier. */
  tierCaps?: Record<string, number>;
  calendar: WorkCalendar;
  /** Work it out and roll it back: the counts for the confirmation, nothing stored. */
  dryRun?: boolean;
  /** `YYYY-MM-DD`: days before it get no new entries, and only entries before it can be missed. */
  today: string;
  at: string;
  userId: number | null;
}

/** The interval for customers without a (known) tier: the largest configured, so nobody is forgotten but nobody is over-visited. */
export function fallbackInterval(db: Db): number {
  const row = prepared(db, "SELECT max(visit_interval_days) AS n FROM dict_items WHERE kind = 'tier'").get() as { n: number | null };
  return row.n ?? 30;
}

/**
 * Customers of the managers that are due by the week's Friday: last visit at least
 * their tier's interval before it, or never visited. The tier intervals become a
 * CASE over bound values (a handful of tiers), so the query runs on the covering
 * customers_visit_due index alone. Rows are packed into one JSON array per manager
 * inside SQLite: handing 200,000 rows one by one to JavaScript costs several times
 * more than the query itself.
 */
export function dueCandidates(db: Db, managerIdsJson: string, lastDay: string): PlanCandidate[] {
  const fallback = fallbackInterval(db);
  const tiers = prepared(db, "SELECT name, visit_interval_days AS days FROM dict_items WHERE kind = 'tier' AND visit_interval_days IS NOT NULL").all() as {
    name: string;
    days: number;
  }[];
  const cases = (pick: (days: number) => unknown) => ({
    sql: tiers.length ? `CASE c.tier ${tiers.map(() => 'WHEN ? THEN ?').join(' ')} ELSE ? END` : '?',
    params: [...tiers.flatMap((t) => [t.name, pick(t.days)]), pick(fallback)],
  });
  const interval = cases((days) => days);
  // last_visit_at is 'YYYY-MM-DD HH:mm': every time of the cutoff day sorts below 'YYYY-MM-DD~'.
  const cutoff = cases((days) => `${addDays(lastDay, -days)}~`);
  const groups = prepared(
    db,
    `SELECT c.manager_id, json_group_array(json_array(c.id, ${interval.sql}, substr(c.last_visit_at, 1, 10), c.tier))
     FROM customers c
     WHERE c.deleted_at IS NULL AND c.manager_id IN (SELECT value FROM json_each(?)) AND c.status <> '退网'
       AND (c.last_visit_at IS NULL OR c.last_visit_at < ${cutoff.sql})
     GROUP BY c.manager_id`,
  )
    .raw(true)
    .all(...interval.params, managerIdsJson, ...cutoff.params) as [number, string][];
  const out: PlanCandidate[] = [];
  for (const [managerId, json] of groups) {
    for (const [customerId, intervalDays, lastVisit, tier] of JSON.parse(json) as [number, number, string | null, string | null][]) {
      out.push({ customerId, managerId, intervalDays, lastVisit, tier });
    }
  }
  return out;
}

/**
 * Planned entries of earlier weeks that were neither visited nor removed: marked
 * 未完成 (they stay counted as missed) and returned for carrying over. Only days
 * already past count; a plan made three weeks ahead misses nothing of this week.
 */
function markMissed(db: Db, managerIds: number[], before: string, at: string): (CarriedEntry & { live: boolean })[] {
  const rows = prepared(
    db,
    `SELECT pe.id, pe.customer_id, pe.date, c.manager_id AS current_manager, c.deleted_at, c.tier
     FROM plan_entries pe JOIN customers c ON c.id = pe.customer_id
     WHERE pe.manager_id IN (SELECT value FROM json_each(?)) AND pe.status = '计划' AND pe.visit_id IS NULL
       AND pe.removed_at IS NULL AND pe.date < ?
     ORDER BY pe.date, pe.id`,
  ).all(JSON.stringify(managerIds), before) as {
    id: number;
    customer_id: number;
    date: string;
    current_manager: number | null;
    deleted_at: string | null;
    tier: string | null;
  }[];
  const mark = prepared(db, "UPDATE plan_entries SET status = '未完成', updated_at = ? WHERE id = ?");
  for (const r of rows) mark.run(at, r.id);
  return rows.map((r) => ({
    entryId: r.id,
    customerId: r.customer_id,
    // A customer transferred since goes to its current manager's plan.
    managerId: r.current_manager ?? 0,
    date: r.date,
    tier: r.tier,
    live: r.deleted_at === null && r.current_manager !== null,
  }));
}

/**
 * Generates (or completes) the week's plans of the given managers in one
 * transaction. Running it again adds only what is missing: kept entries, hand
 * edits and removals stay as they are.
 */
type GenerateOutcome = Omit<PlanGenerateResult, 'managers'> & { managers: Omit<PlanGenerateResult['managers'][number], 'manager' | 'managerDisplayName'>[] };

/** Thrown inside the transaction of a dry run so SQLite rolls everything back; carries the answer out. */
class DryRun {
  constructor(readonly outcome: GenerateOutcome) {}
}

export function tierOrder(db: Db): string[] {
  return (prepared(db, "SELECT name FROM dict_items WHERE kind = 'tier' ORDER BY sort, id").all() as { name: string }[]).map((r) => r.name);
}

export function generatePlans(db: Db, o: GenerateOptions): GenerateOutcome {
  const weekDays = workingDaysOfWeekIn(o.calendar, o.monday);
  const days = weekDays.filter((d) => d >= o.today);
  if (!days.length) {
    throw badInput(
      weekDays.length ? `周：${o.monday} 这一周已没有剩余的工作日，不能再生成计划` : `周：${o.monday} 这一周按工作日历全是休息日，没有可排计划的日期`,
      'week',
    );
  }
  // Customers due by the week's last working day (a 调休 Sunday included), and at least by its Friday.
  const lastDay = [addDays(o.monday, 4), ...weekDays].sort().at(-1)!;
  const managerSet = new Set(o.managerIds);
  const idsJson = JSON.stringify(o.managerIds);
  const order = tierOrder(db);

  try {
    return db.transaction(() => {
      const outcome = generateInTransaction();
      if (o.dryRun) throw new DryRun(outcome);
      return outcome;
    })();
  } catch (e) {
    if (e instanceof DryRun) return e.outcome;
    throw e;
  }

  function generateInTransaction(): GenerateOutcome {
    const missed = markMissed(db, o.managerIds, o.monday < o.today ? o.monday : o.today, o.at);

    const week = prepared(
      db,
      'SELECT pe.id, pe.customer_id, pe.manager_id, pe.date, pe.removed_at, pe.carried_from_id, c.tier FROM plan_entries pe JOIN customers c ON c.id = pe.customer_id WHERE pe.week_monday = ?',
    ).all(o.monday) as {
      id: number;
      customer_id: number;
      manager_id: number;
      date: string;
      removed_at: string | null;
      carried_from_id: number | null;
      tier: string | null;
    }[];
    const existing: WeekEntry[] = [];
    const liveByCustomer = new Map<number, (typeof week)[number]>();
    const removed: number[] = [];
    const kept = new Map<number, number>();
    for (const e of week) {
      if (e.removed_at !== null) {
        removed.push(e.customer_id);
        continue;
      }
      liveByCustomer.set(e.customer_id, e);
      existing.push({ customerId: e.customer_id, managerId: e.manager_id, date: e.date, tier: e.tier });
      if (managerSet.has(e.manager_id)) kept.set(e.manager_id, (kept.get(e.manager_id) ?? 0) + 1);
    }

    // A missed customer already in this week's plan: link the entry to what it carries over.
    const link = prepared(db, 'UPDATE plan_entries SET carried_from_id = ? WHERE id = ? AND carried_from_id IS NULL');
    const carried: CarriedEntry[] = [];
    for (const m of missed) {
      if (!m.live || !managerSet.has(m.managerId)) continue;
      const already = liveByCustomer.get(m.customerId);
      if (already) link.run(m.entryId, already.id);
      else carried.push(m);
    }

    const candidates = dueCandidates(db, idsJson, lastDay);

    const plan = generateWeekPlan({
      monday: o.monday,
      candidates,
      carried,
      existing,
      removedCustomerIds: removed,
      dailyCap: o.dailyCap,
      tierCaps: o.tierCaps,
      tierOrder: order,
      days,
    });

    const insert = prepared(
      db,
      `INSERT INTO plan_entries (week_monday, date, customer_id, manager_id, status, source, carried_from_id, created_at, created_by, updated_at)
       VALUES (?, ?, ?, ?, '计划', ?, ?, ?, ?, ?)`,
    );
    for (const e of plan.entries) {
      insert.run(o.monday, e.date, e.customerId, e.managerId, e.carriedFromId === null ? 'auto' : 'carried', e.carriedFromId, o.at, o.userId, o.at);
    }

    const summary = new Map(plan.managers.map((m) => [m.managerId, m]));
    return {
      week: o.monday,
      dryRun: o.dryRun === true,
      days,
      tiers: sumTiers(plan.managers, order),
      added: plan.entries.length,
      carried: plan.entries.filter((e) => e.carriedFromId !== null).length,
      markedMissed: missed.length,
      managers: o.managerIds.map((managerId) => {
        const s = summary.get(managerId);
        return {
          managerId,
          due: s?.due ?? 0,
          added: s?.added ?? 0,
          carried: s?.carried ?? 0,
          kept: kept.get(managerId) ?? 0,
          unscheduled: s?.unscheduled ?? 0,
          tiers: s?.tiers ?? [],
        };
      }),
    };
  }
}
