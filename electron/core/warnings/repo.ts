import { WARNING_RULE_LABELS, type ChurnWarning, type WarningRule } from '../../../shared/domain/warnings';
import type { Db } from '../db/connection';
import { prepared } from '../db/statements';

/** A customer a rule flags, with what fired it. */
export interface Candidate {
  customerId: number;
  managerId: number | null;
  rule: WarningRule;
  triggerKey: string;
  detail: string;
}

const LIVE = "c.deleted_at IS NULL AND c.status NOT IN ('流失', '退网')";

export interface OverdueKeyRow {
  id: number;
  manager_id: number | null;
  tier: string;
  last_visit_at: string | null;
  created_at: string;
  interval: number;
}

/** Key customers of tiers with a visit interval (the rule decides from their last visit). */
export function keyCustomersWithInterval(db: Db): OverdueKeyRow[] {
  return prepared(
    db,
    `SELECT c.id, c.manager_id, c.tier, c.last_visit_at, c.created_at, d.visit_interval_days AS interval
     FROM customers c JOIN dict_items d ON d.kind = 'tier' AND d.name = c.tier AND d.visit_interval_days IS NOT NULL
     WHERE c.key_customer = 1 AND ${LIVE}`,
  ).all() as OverdueKeyRow[];
}

export interface VolumeRow {
  customer_id: number;
  manager_id: number | null;
  metric: string;
  value: number;
  prev_avg: number | null;
  prev_n: number;
}

/** Each customer's volume of `month` with the average of the three months before (those present). */
export function volumesAgainstPrevious(db: Db, month: string, previous: [string, string, string], keyOnly: boolean): VolumeRow[] {
  return prepared(
    db,
    `SELECT v.customer_id, c.manager_id, v.metric, v.value,
       (SELECT avg(p.value) FROM customer_volumes p WHERE p.customer_id = v.customer_id AND p.metric = v.metric AND p.month IN (?, ?, ?)) AS prev_avg,
       (SELECT count(*) FROM customer_volumes p WHERE p.customer_id = v.customer_id AND p.metric = v.metric AND p.month IN (?, ?, ?)) AS prev_n
     FROM customer_volumes v JOIN customers c ON c.id = v.customer_id
     WHERE v.month = ? AND ${LIVE} AND (? = 0 OR c.key_customer = 1)`,
  ).all(...previous, ...previous, month, keyOnly ? 1 : 0) as VolumeRow[];
}

export function latestVolumeMonth(db: Db): string | null {
  return (prepared(db, 'SELECT max(month) AS m FROM customer_volumes').get() as { m: string | null }).m;
}

export function openComplaintsBefore(db: Db, openedBefore: string, keyOnly: boolean): { id: number; customer_id: number; manager_id: number | null; opened_at: string; category: string }[] {
  return prepared(
    db,
    `SELECT k.id, k.customer_id, c.manager_id, k.opened_at, k.category FROM complaints k JOIN customers c ON c.id = k.customer_id
     WHERE k.deleted_at IS NULL AND k.closed_at IS NULL AND k.opened_at < ? AND ${LIVE} AND (? = 0 OR c.key_customer = 1)`,
  ).all(openedBefore, keyOnly ? 1 : 0) as { id: number; customer_id: number; manager_id: number | null; opened_at: string; category: string }[];
}

/** Customers that are 休眠 now, with the history row of their latest change to 休眠. */
export function dormantChanges(db: Db, keyOnly: boolean): { change_id: number; customer_id: number; manager_id: number | null; at: string }[] {
  return prepared(
    db,
    `SELECT (SELECT max(ch.id) FROM customer_changes ch WHERE ch.customer_id = c.id AND ch.field = 'status' AND ch.new_value = '休眠') AS change_id,
       c.id AS customer_id, c.manager_id, c.updated_at AS at
     FROM customers c WHERE c.status = '休眠' AND c.deleted_at IS NULL AND (? = 0 OR c.key_customer = 1)`,
  )
    .all(keyOnly ? 1 : 0)
    .filter((r) => (r as { change_id: number | null }).change_id !== null) as { change_id: number; customer_id: number; manager_id: number | null; at: string }[];
}

/** Is there a warning for this cause already, or any open one of this rule for the customer? */
export function warningExists(db: Db, c: Candidate): boolean {
  return (
    prepared(db, 'SELECT 1 FROM churn_warnings WHERE customer_id = ? AND rule = ? AND (trigger_key = ? OR closed_at IS NULL) LIMIT 1').get(
      c.customerId,
      c.rule,
      c.triggerKey,
    ) !== undefined
  );
}

export function insertWarning(db: Db, c: Candidate, followUpId: number | null, at: string): number {
  return Number(
    prepared(
      db,
      'INSERT INTO churn_warnings (customer_id, manager_id, rule, detail, trigger_key, followup_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(c.customerId, c.managerId, c.rule, c.detail, c.triggerKey, followUpId, at).lastInsertRowid,
  );
}

export interface WarningRecord {
  id: number;
  customer_id: number;
  code: string;
  customer_name: string;
  manager_id: number | null;
  manager_name: string | null;
  manager_display_name: string | null;
  rule: WarningRule;
  detail: string;
  followup_id: number | null;
  created_at: string;
  closed_at: string | null;
  closed_by_name: string | null;
  note: string | null;
}

const COLUMNS = `w.id, w.customer_id, c.code, c.name AS customer_name, w.manager_id, u.name AS manager_name, u.display_name AS manager_display_name,
  w.rule, w.detail, w.followup_id, w.created_at, w.closed_at, cb.display_name AS closed_by_name, w.note
  FROM churn_warnings w JOIN customers c ON c.id = w.customer_id LEFT JOIN users u ON u.id = w.manager_id LEFT JOIN users cb ON cb.id = w.closed_by`;

export const toWarning = (r: WarningRecord): ChurnWarning => ({
  id: r.id,
  customerId: r.customer_id,
  customer: r.code,
  customerName: r.customer_name,
  managerId: r.manager_id,
  manager: r.manager_name,
  managerDisplayName: r.manager_display_name,
  rule: r.rule,
  ruleLabel: WARNING_RULE_LABELS[r.rule],
  detail: r.detail,
  followUpId: r.followup_id,
  createdAt: r.created_at,
  closedAt: r.closed_at,
  closedBy: r.closed_by_name,
  note: r.note,
});

export function loadWarning(db: Db, id: number): WarningRecord | null {
  return (prepared(db, `SELECT ${COLUMNS} WHERE w.id = ?`).get(id) as WarningRecord | undefined) ?? null;
}

export function listWarnings(
  db: Db,
  f: { managerId?: number; status: 'open' | 'closed' | 'all' },
  limit: number,
  offset: number,
): { rows: WarningRecord[]; total: number } {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (f.managerId !== undefined) {
    where.push('w.manager_id = ?');
    params.push(f.managerId);
  }
  if (f.status === 'open') where.push('w.closed_at IS NULL');
  else if (f.status === 'closed') where.push('w.closed_at IS NOT NULL');
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const rows = prepared(db, `SELECT ${COLUMNS} ${w} ORDER BY w.closed_at IS NOT NULL, w.created_at DESC, w.id DESC LIMIT ? OFFSET ?`).all(
    ...params,
    limit,
    offset,
  ) as WarningRecord[];
  const total = (prepared(db, `SELECT count(*) AS n FROM churn_warnings w ${w}`).get(...params) as { n: number }).n;
  return { rows, total };
}

export function closeWarning(db: Db, id: number, note: string, meta: { at: string; userId: number }): void {
  prepared(db, 'UPDATE churn_warnings SET closed_at = ?, closed_by = ?, note = ? WHERE id = ? AND closed_at IS NULL').run(meta.at, meta.userId, note, id);
}
