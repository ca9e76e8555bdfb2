import { ARCHIVE_REQUIRED, ARCHIVE_REQUIRED_OTHER, EMPTY_COUNTS, kindsRequiring, type KpiCounts } from '../../../shared/domain/kpi';
import { validateCreditCode, validateIdCard, validatePhone } from '../../../shared/validators';
import { addDays } from '../../../shared/domain/visitRules';
import type { Db } from '../db/connection';
import { prepared } from '../db/statements';

/**
 * The counting behind the supervisor's figures. Who counts for whom (README "The
 * supervisor's desk"):
 * - a customer counts (assigned, coverage, archive, new, key customer lost) for the manager
 *   it had at the END of the period: today's manager, unless a transfer after the period
 *   moved it, then the `from` manager of the first such transfer;
 * - a visit (count, duration, type, signature) counts for the visit's own manager_id,
 *   so work done before a transfer stays with whoever did it;
 * - a plan entry for its manager_id, a follow-up for its owner, a complaint for its manager_id.
 * Customers that are 流失/退网 today, or deleted, are not "assigned". A customer entered after
 * the period still counts as assigned in it: `created_at` is when the archive was typed in
 * (a branch imports its customers on day one and then transcribes last month's paper
 * sheets), not when the relationship began; only `newCustomers` goes by it.
 */

export interface Period {
  from: string;
  to: string;
  /** Today's date: a follow-up due today is not overdue yet. */
  today: string;
}

/** Counts per bucket: a manager's user id, or null for customers without a manager. */
export interface KpiBuckets {
  byManager: Map<number, KpiCounts>;
  byTier: Map<string, { assigned: number; visitedCustomers: number; visits: number; managers: Map<number, { assigned: number; visitedCustomers: number; visits: number }> }>;
}


function bucket(map: Map<number, KpiCounts>, id: number): KpiCounts {
  let b = map.get(id);
  if (!b) {
    b = { ...EMPTY_COUNTS };
    map.set(id, b);
  }
  return b;
}

/** For customers moved after the period: who had them at its end (the first later transfer's from-manager). */
function managersAtEnd(db: Db, toEnd: string): Map<number, number | null> {
  const rows = prepared(db, 'SELECT customer_id, from_manager_id FROM customer_transfers WHERE at >= ? ORDER BY at DESC, id DESC')
    .raw()
    .all(toEnd) as [number, number | null][];
  const out = new Map<number, number | null>();
  // Latest first, so the earliest transfer after the period is written last and wins.
  for (const [customerId, fromManager] of rows) out.set(customerId, fromManager);
  return out;
}

type CustomerRaw = [
  id: number,
  managerId: number | null,
  tier: string | null,
  lost: number,
  key: number,
  isNew: number,
  kind: string,
  nameOk: number,
  addressOk: number,
  licenceOk: number,
  mobileOk: number,
  /** Only for the kinds that require it; null otherwise. */
  idNumber: string | null,
  creditCode: string | null,
  phone: string | null,
];

type VisitRaw = [managerId: number, customerId: number, type: string, duration: number | null, signature: string];

/**
 * Everything the KPIs count for [from, to], in a handful of range queries and one pass
 * over the live customers (the archive check needs their fields anyway).
 */
export function countKpis(db: Db, p: Period): KpiBuckets {
  const toEnd = addDays(p.to, 1);
  const byManager = new Map<number, KpiCounts>();
  const byTier: KpiBuckets['byTier'] = new Map();
  const moved = managersAtEnd(db, toEnd);

  // Visits of the period: counted for the visit's manager; the set of customers visited.
  const visited = new Set<number>();
  const visitCustomers: number[] = [];
  for (const [managerId, customerId, type, duration, signature] of prepared(
    db,
    `SELECT manager_id, customer_id, type, duration_minutes, signature FROM visits
     WHERE deleted_at IS NULL AND sign_in >= ? AND sign_in < ?`,
  )
    .raw()
    .iterate(p.from, toEnd) as IterableIterator<VisitRaw>) {
    const b = bucket(byManager, managerId);
    b.visits++;
    if (duration !== null) {
      b.timedVisits++;
      b.onSiteMinutes += duration;
    }
    if (type === '特殊访问') b.specialVisits++;
    else if (type === '回访') b.returnVisits++;
    if (signature === '已签') b.signedVisits++;
    visited.add(customerId);
    visitCustomers.push(customerId);
  }

  // Customers: assignment at the end of the period, coverage, archive, new, key customers.
  // Reading 200,000 wide rows is the cost here, so SQL answers "filled" (and a normalised
  // mobile's pattern) as flags and hands over only the values the check-digit rules need, for
  // the kinds that require them. Arrays indexed by customer id instead of maps: same reason.
  const today = new Date(`${p.today}T12:00:00`);
  const maxId = (prepared(db, 'SELECT coalesce(max(id), 0) AS n FROM customers').get() as { n: number }).n;
  const visitedIds = new Uint8Array(maxId + 1);
  for (const id of visited) if (id <= maxId) visitedIds[id] = 1;
  const ownerOf = new Int32Array(maxId + 1);
  const tierOf = new Int32Array(maxId + 1).fill(-1);
  const tierNames: string[] = [];
  const tierIndex = new Map<string, number>();
  const rows = prepared(
    db,
    `SELECT id, manager_id, tier, status IN ('流失', '退网'), key_customer, created_at >= ? AND created_at < ?, kind,
       coalesce(trim(name), '') <> '', coalesce(trim(address), '') <> '', coalesce(trim(licence_no), '') <> '',
       coalesce(mobile GLOB '1[3-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]', 0),
       CASE WHEN kind IN (SELECT value FROM json_each(?)) THEN id_number END,
       CASE WHEN kind IN (SELECT value FROM json_each(?)) THEN credit_code END,
       CASE WHEN kind IN (SELECT value FROM json_each(?)) THEN phone END
     FROM customers WHERE deleted_at IS NULL`,
  )
    .raw()
    .all(p.from, toEnd, JSON.stringify(kindsRequiring('idNumber')), JSON.stringify(kindsRequiring('creditCode')), JSON.stringify(kindsRequiring('phone'))) as CustomerRaw[];
  for (const row of rows) {
    const [id, currentManager, tier, lost, key, isNew, kind, nameOk, addressOk, licenceOk, mobileOk, idNumber, creditCode, phone] = row;
    const managerId = moved.has(id) ? moved.get(id)! : currentManager;
    if (managerId === null) continue;
    const b = bucket(byManager, managerId);
    if (isNew) b.newCustomers++;
    if (lost) continue;
    ownerOf[id] = managerId;
    b.assigned++;
    if (key) b.keyCustomers++;
    const seen = visitedIds[id] === 1;
    if (seen) b.visitedCustomers++;
    const fields = ARCHIVE_REQUIRED[kind] ?? ARCHIVE_REQUIRED_OTHER;
    let valid = 0;
    for (const f of fields) {
      switch (f) {
        case 'name':
          valid += nameOk;
          break;
        case 'kind':
          valid += kind.trim() ? 1 : 0;
          break;
        case 'idNumber':
          valid += idNumber && validateIdCard(idNumber, today).ok ? 1 : 0;
          break;
        case 'creditCode':
          valid += creditCode && validateCreditCode(creditCode).ok ? 1 : 0;
          break;
        case 'licenceNo':
          valid += licenceOk;
          break;
        case 'mobile':
          // Stored mobiles are normalised on every write (11 digits), so the pattern is the rule.
          valid += mobileOk;
          break;
        case 'phone':
          valid += phone && validatePhone(phone).ok ? 1 : 0;
          break;
        case 'address':
          valid += addressOk;
          break;
        case 'tier':
          valid += tier && tier.trim() ? 1 : 0;
          break;
        case 'manager':
          valid += 1;
          break;
      }
    }
    b.archiveRequired += fields.length;
    b.archiveValid += valid;
    const tierName = tier ?? '未分级';
    let ti = tierIndex.get(tierName);
    if (ti === undefined) {
      ti = tierNames.length;
      tierNames.push(tierName);
      tierIndex.set(tierName, ti);
      byTier.set(tierName, { assigned: 0, visitedCustomers: 0, visits: 0, managers: new Map() });
    }
    tierOf[id] = ti;
    const t = byTier.get(tierName)!;
    let tm = t.managers.get(managerId);
    if (!tm) {
      tm = { assigned: 0, visitedCustomers: 0, visits: 0 };
      t.managers.set(managerId, tm);
    }
    t.assigned++;
    tm.assigned++;
    if (seen) {
      t.visitedCustomers++;
      tm.visitedCustomers++;
    }
  }
  // Visits per tier go with the customer's owner (the tier table is about the book of customers).
  for (const customerId of visitCustomers) {
    const ti = customerId <= maxId ? tierOf[customerId] : -1;
    if (ti < 0) continue;
    const t = byTier.get(tierNames[ti])!;
    t.visits++;
    t.managers.get(ownerOf[customerId])!.visits++;
  }

  for (const [managerId, planned, done] of prepared(
    db,
    `SELECT manager_id, count(*), sum(status = '已完成' OR visit_id IS NOT NULL) FROM plan_entries
     WHERE removed_at IS NULL AND date >= ? AND date <= ? GROUP BY manager_id`,
  )
    .raw()
    .all(p.from, p.to) as [number, number, number][]) {
    const b = bucket(byManager, managerId);
    b.planned += planned;
    b.plannedDone += done;
  }

  // Due in the period (and before today) and not done by the end of its due day.
  const lastDue = p.to < p.today ? p.to : addDays(p.today, -1);
  for (const [ownerId, n] of prepared(
    db,
    `SELECT owner_id, count(*) FROM followups
     WHERE deleted_at IS NULL AND due >= ? AND due <= ? AND (done_at IS NULL OR substr(done_at, 1, 10) > due)
     GROUP BY owner_id`,
  )
    .raw()
    .all(p.from, lastDue) as [number, number][]) {
    bucket(byManager, ownerId).overdueFollowUps += n;
  }

  for (const [managerId, opened, closed] of prepared(
    db,
    `SELECT manager_id, sum(opened_at >= @from AND opened_at < @toEnd), sum(closed_at IS NOT NULL AND closed_at >= @from AND closed_at < @toEnd)
     FROM complaints WHERE deleted_at IS NULL AND ((opened_at >= @from AND opened_at < @toEnd) OR (closed_at >= @from AND closed_at < @toEnd))
     GROUP BY manager_id`,
  )
    .raw()
    .all({ from: p.from, toEnd }) as [number, number, number][]) {
    const b = bucket(byManager, managerId);
    b.complaintsOpened += opened;
    b.complaintsClosed += closed;
  }

  // Key customers whose status became 流失/退网 in the period (from the archive's history):
  // few key customers, each looked up by (customer_id, at).
  for (const [id, currentManager] of prepared(
    db,
    `SELECT c.id, c.manager_id FROM customers c
     WHERE c.key_customer = 1 AND c.deleted_at IS NULL AND EXISTS (
       SELECT 1 FROM customer_changes ch WHERE ch.customer_id = c.id AND ch.at >= ? AND ch.at < ?
         AND ch.field = 'status' AND ch.new_value IN ('流失', '退网'))`,
  )
    .raw()
    .all(p.from, toEnd) as [number, number | null][]) {
    const managerId = moved.has(id) ? moved.get(id)! : currentManager;
    if (managerId !== null) bucket(byManager, managerId).keyCustomersLost++;
  }

  return { byManager, byTier };
}

export interface ManagerInfo {
  id: number;
  name: string;
  display_name: string;
  disabled: number;
}

/** The 客户经理 accounts, by display name. */
export function listManagers(db: Db): ManagerInfo[] {
  return prepared(db, "SELECT id, name, display_name, disabled FROM users WHERE role = 'manager' ORDER BY display_name, id").all() as ManagerInfo[];
}

/** On-site minutes split at these bounds: under 15, 15–30, 30–45, 45–60, 60–90, 90 and more. */
export const ON_SITE_BOUNDS = [15, 30, 45, 60, 90] as const;

export interface WeekRow {
  week: string;
  planned: number;
  plannedDone: number;
  visits: number;
  visitedCustomers: number;
}

/**
 * Per week (Monday) of [from, to]: plan entries and done ones, visits and distinct customers
 * visited, for one manager (their own plan entries and visits) or the branch.
 */
export function weeklySeries(db: Db, from: string, to: string, managerId: number | null): WeekRow[] {
  const toEnd = addDays(to, 1);
  const byWeek = new Map<string, WeekRow>();
  const row = (week: string) => {
    let r = byWeek.get(week);
    if (!r) {
      r = { week, planned: 0, plannedDone: 0, visits: 0, visitedCustomers: 0 };
      byWeek.set(week, r);
    }
    return r;
  };
  const m = managerId ?? -1;
  for (const [week, planned, done] of prepared(
    db,
    `SELECT week_monday, count(*), sum(status = '已完成' OR visit_id IS NOT NULL) FROM plan_entries
     WHERE removed_at IS NULL AND date >= ? AND date <= ? AND (? = -1 OR manager_id = ?) GROUP BY week_monday`,
  )
    .raw()
    .all(from, to, m, m) as [string, number, number][]) {
    const r = row(week);
    r.planned = planned;
    r.plannedDone = done;
  }
  for (const [week, visits, customers] of prepared(
    db,
    `SELECT date(substr(sign_in, 1, 10), 'weekday 0', '-6 days') AS wk, count(*), count(DISTINCT customer_id) FROM visits
     WHERE deleted_at IS NULL AND sign_in >= ? AND sign_in < ? AND (? = -1 OR manager_id = ?) GROUP BY wk`,
  )
    .raw()
    .all(from, toEnd, m, m) as [string, number, number][]) {
    const r = row(week);
    r.visits = visits;
    r.visitedCustomers = customers;
  }
  return [...byWeek.values()].sort((a, b) => a.week.localeCompare(b.week));
}

/** How many visits of the period fall in each on-site band (ON_SITE_BOUNDS), for one manager or the branch. */
export function onSiteDistribution(db: Db, from: string, to: string, managerId: number | null): number[] {
  const m = managerId ?? -1;
  const [b1, b2, b3, b4, b5] = ON_SITE_BOUNDS;
  const r = prepared(
    db,
    `SELECT sum(duration_minutes < ${b1}), sum(duration_minutes >= ${b1} AND duration_minutes < ${b2}), sum(duration_minutes >= ${b2} AND duration_minutes < ${b3}),
       sum(duration_minutes >= ${b3} AND duration_minutes < ${b4}), sum(duration_minutes >= ${b4} AND duration_minutes < ${b5}), sum(duration_minutes >= ${b5})
     FROM visits WHERE deleted_at IS NULL AND duration_minutes IS NOT NULL AND sign_in >= ? AND sign_in < ? AND (? = -1 OR manager_id = ?)`,
  )
    .raw()
    .get(from, addDays(to, 1), m, m) as (number | null)[];
  return r.map((n) => n ?? 0);
}

export function openWarningCount(db: Db, managerId: number | null): number {
  const m = managerId ?? -1;
  return (prepared(db, 'SELECT count(*) AS n FROM churn_warnings WHERE closed_at IS NULL AND (? = -1 OR manager_id = ?)').get(m, m) as { n: number }).n;
}
