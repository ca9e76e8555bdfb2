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
