import type { OverdueCustomer } from '../../../shared/domain/home';
import { calendarLookup, overdueCutoff } from '../../../shared/domain/calendar';
import { daysBetween } from '../../../shared/domain/visitRules';
import { prepared } from '../db/statements';
import type { Db } from '../db/connection';
import { fallbackInterval } from '../plans/generate';
import { readCalendar } from '../settings/store';

interface TierGroup {
  /** null: customers without a tier (they use the largest interval). */
  tier: string | null;
  intervalDays: number;
}

function tierGroups(db: Db): TierGroup[] {
  const fallback = fallbackInterval(db);
  const tiers = prepared(db, "SELECT name, visit_interval_days AS days FROM dict_items WHERE kind = 'tier' ORDER BY sort, id").all() as {
    name: string;
    days: number | null;
  }[];
  return [...tiers.map((t) => ({ tier: t.name, intervalDays: t.days ?? fallback })), { tier: null, intervalDays: fallback }];
}

/**
 * Customers whose last visit is older than their tier's interval, most overdue first,
 * and how many there are. A customer never visited counts from the day its archive
 * was created.
 *
 * Computing "days overdue" for every customer and sorting costs seconds for a
 * 负责人's 200,000 customers, so the work is split by tier instead: within one tier
 * the most overdue are simply the oldest last visits, which the covering indexes
 * (manager_id, tier, last_visit_at, created_at, …) and (tier, last_visit_at, …) hand
 * out in order. Each tier gives its `limit` most overdue (and its never-visited),
 * the lists are merged here, and the counts are index range counts.
 */
export function overdueCustomers(db: Db, managerId: number | null, today: string, limit: number): { rows: OverdueCustomer[]; total: number } {
  const scope = managerId === null ? '' : 'c.manager_id = ? AND';
  const scopeParams = managerId === null ? [] : [managerId];
  const candidates: { id: number; tier: string | null; intervalDays: number; lastVisit: string | null; overdueDays: number }[] = [];
  let total = 0;
  const calendar = calendarLookup(readCalendar(db));

  for (const g of tierGroups(db)) {
    const tierCond = g.tier === null ? 'c.tier IS NULL' : 'c.tier = ?';
    const tierParams = g.tier === null ? [] : [g.tier];
    // Overdue: the due day (last visit, or creation, + interval; a day off rolls to the next working day) is past.
    const cutoff = overdueCutoff(calendar, today, g.intervalDays);
    const visited = `FROM customers c WHERE c.deleted_at IS NULL AND ${scope} ${tierCond} AND c.last_visit_at < ? AND c.status <> '退网'`;
    const never = `FROM customers c WHERE c.deleted_at IS NULL AND ${scope} ${tierCond} AND c.last_visit_at IS NULL AND c.created_at < ? AND c.status <> '退网'`;
    const params = [...scopeParams, ...tierParams, cutoff];
    total += (prepared(db, `SELECT count(*) AS n ${visited}`).get(...params) as { n: number }).n;
    total += (prepared(db, `SELECT count(*) AS n ${never}`).get(...params) as { n: number }).n;
    const oldest = prepared(db, `SELECT c.id, c.last_visit_at AS at ${visited} ORDER BY c.last_visit_at, c.id LIMIT ?`).all(...params, limit) as {
      id: number;
      at: string;
    }[];
    const neverVisited = prepared(db, `SELECT c.id, c.created_at AS at ${never} ORDER BY c.created_at, c.id LIMIT ?`).all(...params, limit) as {
      id: number;
      at: string;
    }[];
    for (const r of oldest) {
      const last = r.at.slice(0, 10);
      candidates.push({ id: r.id, tier: g.tier, intervalDays: g.intervalDays, lastVisit: last, overdueDays: daysBetween(last, today) - g.intervalDays });
    }
    for (const r of neverVisited) {
      candidates.push({ id: r.id, tier: g.tier, intervalDays: g.intervalDays, lastVisit: null, overdueDays: daysBetween(r.at.slice(0, 10), today) - g.intervalDays });
    }
  }

  candidates.sort((a, b) => b.overdueDays - a.overdueDays || a.id - b.id);
  const top = candidates.slice(0, limit);
  const names = new Map(
    (
      prepared(db, 'SELECT id, code, name FROM customers WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(top.map((c) => c.id))) as {
        id: number;
        code: string;
        name: string;
      }[]
    ).map((r) => [r.id, r]),
  );
  return {
    total,
    rows: top.map((c) => ({
      customerId: c.id,
      code: names.get(c.id)?.code ?? '',
      name: names.get(c.id)?.name ?? '',
      tier: c.tier ?? '',
      intervalDays: c.intervalDays,
      lastVisitAt: c.lastVisit,
      overdueDays: c.overdueDays,
      neverVisited: c.lastVisit === null,
    })),
  };
}
