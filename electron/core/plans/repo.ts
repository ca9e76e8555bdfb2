import type { PlanEntry, PlanSource, PlanStatus } from '../../../shared/domain/plans';
import { prepared } from '../db/statements';
import type { Db } from '../db/connection';

export interface PlanEntryRecord {
  id: number;
  week_monday: string;
  date: string;
  customer_id: number;
  manager_id: number;
  status: PlanStatus;
  source: PlanSource;
  carried_from_id: number | null;
  visit_id: number | null;
  removed_at: string | null;
  customer_code: string;
  customer_name: string;
  customer_tier: string | null;
  customer_address: string | null;
  last_visit_at: string | null;
  manager_name: string;
  manager_display_name: string;
  carried_from_date: string | null;
}

export const ENTRY_COLUMNS = `pe.id, pe.week_monday, pe.date, pe.customer_id, pe.manager_id, pe.status, pe.source, pe.carried_from_id,
  pe.visit_id, pe.removed_at, c.code AS customer_code, c.name AS customer_name, c.tier AS customer_tier,
  c.address AS customer_address, c.last_visit_at, u.name AS manager_name, u.display_name AS manager_display_name,
  cf.date AS carried_from_date`;

export const ENTRY_FROM = `plan_entries pe JOIN customers c ON c.id = pe.customer_id JOIN users u ON u.id = pe.manager_id
  LEFT JOIN plan_entries cf ON cf.id = pe.carried_from_id`;

export function toPlanEntry(r: PlanEntryRecord): PlanEntry {
  return {
    id: r.id,
    date: r.date,
    customer: r.customer_code,
    manager: r.manager_name,
    status: r.status,
    customerId: r.customer_id,
    customerName: r.customer_name,
    customerTier: r.customer_tier ?? '',
    customerAddress: r.customer_address ?? '',
    managerId: r.manager_id,
    managerDisplayName: r.manager_display_name,
    source: r.source,
    carriedFromId: r.carried_from_id,
    carriedFromDate: r.carried_from_date,
    visitId: r.visit_id,
    lastVisitAt: r.last_visit_at ? r.last_visit_at.slice(0, 10) : null,
  };
}

export function loadEntryRecord(db: Db, id: number): PlanEntryRecord | null {
  return (prepared(db, `SELECT ${ENTRY_COLUMNS} FROM ${ENTRY_FROM} WHERE pe.id = ?`).get(id) as PlanEntryRecord | undefined) ?? null;
}

/** Live entries of a week, for one manager or all; ordered as the plan sheet prints them. */
export function entriesOfWeek(db: Db, monday: string, managerId: number | null): PlanEntry[] {
  const rows = (
    managerId === null
      ? prepared(db, `SELECT ${ENTRY_COLUMNS} FROM ${ENTRY_FROM} WHERE pe.week_monday = ? AND pe.removed_at IS NULL ORDER BY pe.date, u.display_name, c.code`).all(monday)
      : prepared(
          db,
          `SELECT ${ENTRY_COLUMNS} FROM ${ENTRY_FROM} WHERE pe.week_monday = ? AND pe.manager_id = ? AND pe.removed_at IS NULL ORDER BY pe.date, c.code`,
        ).all(monday, managerId)
  ) as PlanEntryRecord[];
  return rows.map(toPlanEntry);
}

/** A manager's live entries of one day (home screen). */
export function entriesOfDay(db: Db, managerId: number, date: string): PlanEntry[] {
  const rows = prepared(
    db,
    `SELECT ${ENTRY_COLUMNS} FROM ${ENTRY_FROM} WHERE pe.manager_id = ? AND pe.date = ? AND pe.removed_at IS NULL ORDER BY c.code`,
  ).all(managerId, date) as PlanEntryRecord[];
  return rows.map(toPlanEntry);
}

/** What deciding on a visit for a plan entry needs of it (removed entries included). */
export interface PlanEntryState {
  id: number;
  customer_id: number;
  manager_id: number;
  status: string;
  visit_id: number | null;
  removed_at: string | null;
}

export function loadPlanEntryState(db: Db, id: number): PlanEntryState | null {
  return (prepared(db, 'SELECT id, customer_id, manager_id, status, visit_id, removed_at FROM plan_entries WHERE id = ?').get(id) as PlanEntryState | undefined) ?? null;
}

/** Managers whose plans a 负责人 generates by default: active 客户经理, and 负责人 who look after customers themselves. */
export function planningManagerIds(db: Db): number[] {
  return (
    prepared(
      db,
      `SELECT id FROM users WHERE disabled = 0 AND (role = 'manager'
         OR (role = 'supervisor' AND EXISTS (SELECT 1 FROM customers c WHERE c.manager_id = users.id AND c.deleted_at IS NULL)))
       ORDER BY id`,
    ).all() as { id: number }[]
  ).map((r) => r.id);
}

/** The customer's live entry in the week of `monday` other than `exceptId`, with its manager's display name. */
export function weekEntryOfCustomer(db: Db, customerId: number, monday: string, exceptId: number): { date: string; manager: string } | null {
  return (
    (prepared(
      db,
      `SELECT pe.date, u.display_name AS manager FROM plan_entries pe JOIN users u ON u.id = pe.manager_id
       WHERE pe.customer_id = ? AND pe.week_monday = ? AND pe.removed_at IS NULL AND pe.id <> ?`,
    ).get(customerId, monday, exceptId) as { date: string; manager: string } | undefined) ?? null
  );
}

/** A manual entry, planned. */
export function insertPlanEntry(db: Db, e: { monday: string; date: string; customerId: number; managerId: number }, meta: { at: string; userId: number }): number {
  const r = prepared(
    db,
    `INSERT INTO plan_entries (week_monday, date, customer_id, manager_id, status, source, created_at, created_by, updated_at)
     VALUES (?, ?, ?, ?, '计划', 'manual', ?, ?, ?)`,
  ).run(e.monday, e.date, e.customerId, e.managerId, meta.at, meta.userId, meta.at);
  return Number(r.lastInsertRowid);
}

export function removePlanEntry(db: Db, id: number, meta: { at: string; userId: number }): void {
  prepared(db, 'UPDATE plan_entries SET removed_at = ?, removed_by = ?, updated_at = ? WHERE id = ?').run(meta.at, meta.userId, meta.at, id);
}

export function movePlanEntry(db: Db, id: number, date: string, monday: string, at: string): void {
  prepared(db, 'UPDATE plan_entries SET date = ?, week_monday = ?, updated_at = ? WHERE id = ?').run(date, monday, at, id);
}
