import type { SignInSource } from '../../../shared/forms/signIn';
import { prepared } from '../db/statements';
import type { Db } from '../db/connection';

/** A manager's plan entries of a week still to be visited, in the order the sign-in book prints them. */
export function openPlanRows(db: Db, monday: string, managerId: number): SignInSource[] {
  return prepared(
    db,
    `SELECT pe.id AS planEntryId, pe.date, pe.customer_id AS customerId, c.code AS customerCode, c.name AS customerName, c.address, c.mobile, c.phone
     FROM plan_entries pe JOIN customers c ON c.id = pe.customer_id
     WHERE pe.week_monday = ? AND pe.manager_id = ? AND pe.removed_at IS NULL AND pe.status = '计划' AND pe.visit_id IS NULL
     ORDER BY pe.date, c.code`,
  ).all(monday, managerId) as SignInSource[];
}

/** A customer's id by its code (the code normalised as customers/codes.ts stores it), or null. */
export function customerIdByCode(db: Db, code: string): number | null {
  const r = prepared(db, 'SELECT id FROM customers WHERE code = ?').get(code) as { id: number } | undefined;
  return r?.id ?? null;
}

/** The phone a printed form shows for a customer (mobile first) and their address. */
export function customerContactLine(db: Db, customerId: number): { phone: string | null; address: string | null } {
  const r = prepared(db, 'SELECT mobile, phone, address FROM customers WHERE id = ?').get(customerId) as
    | { mobile: string | null; phone: string | null; address: string | null }
    | undefined;
  return { phone: r?.mobile || r?.phone || null, address: r?.address ?? null };
}

/** Live customers a manager is in charge of. */
export function managerCustomerCount(db: Db, managerId: number): number {
  return (prepared(db, "SELECT count(*) AS n FROM customers WHERE manager_id = ? AND deleted_at IS NULL").get(managerId) as { n: number }).n;
}

export interface MonthVisitRecord {
  sign_in: string;
  customer_id: number;
  customer_code: string;
  customer_name: string;
  type: string;
  duration_minutes: number | null;
  signature: string;
  content: string | null;
}

/** A manager's visits signed in during a month (`YYYY-MM`), in time order. */
export function visitsOfMonth(db: Db, managerId: number, month: string): MonthVisitRecord[] {
  return prepared(
    db,
    `SELECT v.sign_in, v.customer_id, c.code AS customer_code, c.name AS customer_name, v.type, v.duration_minutes, v.signature, v.content
     FROM visits v JOIN customers c ON c.id = v.customer_id
     WHERE v.manager_id = ? AND v.deleted_at IS NULL AND v.sign_in >= ? AND v.sign_in < ?
     ORDER BY v.sign_in, v.id`,
  ).all(managerId, `${month}-01`, `${month}-32`) as MonthVisitRecord[];
}
