import type { ComplaintRow } from '../../../shared/domain/complaints';
import { localDate } from '../../../shared/domain/visitRules';
import { COMPLAINT_COLUMNS, COMPLAINT_FROM, toComplaintRow, type ComplaintRecord } from '../complaints/repo';
import { requireUser, type HandlerMap } from '../context';
import { isScopedToOwn } from '../customers/scope';
import { prepared } from '../db/statements';
import type { Db } from '../db/connection';
import { FOLLOWUP_COLUMNS, FOLLOWUP_FROM, toFollowUp, type FollowUpRecord } from '../followups/repo';
import { entriesOfDay } from '../plans/repo';
import { openVisitOf, toVisit } from '../visits/repo';
import { overdueCustomers } from './overdue';

/** How many rows each home-screen list shows; the counts say how many there are in all. */
const LIST_LIMIT = 50;

function openComplaints(db: Db, managerId: number | null, today: string): { open: ComplaintRow[]; count: number } {
  // Open = not yet approved; the (status, opened_at) index serves the status list.
  const open = "k.status IN ('待处理','处理中','待审批','已退回') AND k.deleted_at IS NULL";
  const scope = managerId === null ? '' : 'AND (c.manager_id = ? OR k.manager_id = ?)';
  const params = managerId === null ? [] : [managerId, managerId];
  // 负责人 see what waits for their approval first; everyone else the oldest first.
  const order = managerId === null ? "k.status <> '待审批', k.opened_at, k.id" : 'k.opened_at, k.id';
  const rows = prepared(db, `SELECT ${COMPLAINT_COLUMNS}, count(*) OVER () AS total FROM ${COMPLAINT_FROM} WHERE ${open} ${scope} ORDER BY ${order} LIMIT ?`).all(
    ...params,
    LIST_LIMIT,
  ) as (ComplaintRecord & { total: number })[];
  return { open: rows.map((r) => toComplaintRow(r, today)), count: rows[0]?.total ?? 0 };
}

function followUps(db: Db, ownerId: number, today: string) {
  const overdue = prepared(
    db,
    `SELECT ${FOLLOWUP_COLUMNS}, count(*) OVER () AS total FROM ${FOLLOWUP_FROM}
     WHERE f.owner_id = ? AND f.done_at IS NULL AND f.due < ? AND f.deleted_at IS NULL ORDER BY f.due, f.id LIMIT ?`,
  ).all(ownerId, today, LIST_LIMIT) as (FollowUpRecord & { total: number })[];
  const dueToday = prepared(
    db,
    `SELECT ${FOLLOWUP_COLUMNS} FROM ${FOLLOWUP_FROM}
     WHERE f.owner_id = ? AND f.done_at IS NULL AND f.due = ? AND f.deleted_at IS NULL ORDER BY f.id LIMIT ?`,
  ).all(ownerId, today, LIST_LIMIT) as FollowUpRecord[];
  return {
    overdue: overdue.map((r) => toFollowUp(r, today)),
    overdueCount: overdue[0]?.total ?? 0,
    dueToday: dueToday.map((r) => toFollowUp(r, today)),
  };
}

export const homeHandlers: HandlerMap<'home.today'> = {
  'home.today': (ctx, input) => {
    const user = requireUser(ctx);
    const today = localDate(ctx.now());
    const open = openVisitOf(ctx.db, user.id);
    const branchWide = !isScopedToOwn(user);
    return {
      date: today,
      openVisit: open ? toVisit(ctx.db, open) : null,
      plan: entriesOfDay(ctx.db, user.id, today),
      followUps: followUps(ctx.db, user.id, today),
      complaints: openComplaints(ctx.db, branchWide ? null : user.id, today),
      overdueCustomers: overdueCustomers(ctx.db, branchWide ? null : user.id, today, input.overdueLimit),
    };
  },
};
