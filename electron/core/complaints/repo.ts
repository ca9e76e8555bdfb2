import type { Complaint, ComplaintRow, ComplaintStatus, CustomerConfirmation } from '../../../shared/domain/complaints';
import { daysBetween, toApiTime } from '../../../shared/domain/visitRules';
import { attachmentsOf } from '../attachments/repo';
import { prepared } from '../db/statements';
import type { Db } from '../db/connection';

export interface ComplaintRecord {
  id: number;
  customer_id: number;
  manager_id: number;
  visit_id: number | null;
  opened_at: string;
  category: string;
  content: string;
  handling_steps: string | null;
  result: string | null;
  status: ComplaintStatus;
  submitted_at: string | null;
  approved_at: string | null;
  approval_comment: string | null;
  returned_at: string | null;
  customer_confirmation: CustomerConfirmation;
  confirmation_note: string | null;
  closed_at: string | null;
  created_at: string;
  updated_at: string;
  customer_code: string;
  customer_name: string;
  customer_manager_id: number | null;
  manager_name: string;
  manager_display_name: string;
  approver_name: string | null;
}

export const COMPLAINT_COLUMNS = `k.id, k.customer_id, k.manager_id, k.visit_id, k.opened_at, k.category, k.content, k.handling_steps,
  k.result, k.status, k.submitted_at, k.approved_at, k.approval_comment, k.returned_at, k.customer_confirmation,
  k.confirmation_note, k.closed_at, k.created_at, k.updated_at, c.code AS customer_code, c.name AS customer_name,
  c.manager_id AS customer_manager_id, u.name AS manager_name, u.display_name AS manager_display_name,
  a.display_name AS approver_name`;

export const COMPLAINT_FROM = `complaints k JOIN customers c ON c.id = k.customer_id JOIN users u ON u.id = k.manager_id
  LEFT JOIN users a ON a.id = k.approved_by`;

/** `today` is `YYYY-MM-DD`; a closed complaint's age stops at its closing day. */
export function toComplaintRow(r: ComplaintRecord, today: string): ComplaintRow {
  return {
    id: r.id,
    customerId: r.customer_id,
    customer: r.customer_code,
    customerName: r.customer_name,
    managerId: r.manager_id,
    manager: r.manager_name,
    managerDisplayName: r.manager_display_name,
    visitId: r.visit_id,
    openedAt: toApiTime(r.opened_at),
    category: r.category,
    content: r.content,
    handlingSteps: r.handling_steps ?? '',
    result: r.result ?? '',
    status: r.status,
    submittedAt: r.submitted_at,
    approvedBy: r.approver_name ?? '',
    approvedAt: r.approved_at,
    approvalComment: r.approval_comment ?? '',
    returnedAt: r.returned_at,
    customerConfirmation: r.customer_confirmation,
    confirmationNote: r.confirmation_note ?? '',
    closedAt: r.closed_at,
    ageDays: Math.max(0, daysBetween(r.opened_at.slice(0, 10), (r.closed_at ?? today).slice(0, 10))),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function loadComplaintRecord(db: Db, id: number): ComplaintRecord | null {
  return (
    (prepared(db, `SELECT ${COMPLAINT_COLUMNS} FROM ${COMPLAINT_FROM} WHERE k.id = ? AND k.deleted_at IS NULL`).get(id) as
      | ComplaintRecord
      | undefined) ?? null
  );
}

export function toComplaint(db: Db, r: ComplaintRecord, today: string): Complaint {
  return { ...toComplaintRow(r, today), attachments: attachmentsOf(db, { complaintId: r.id }) };
}

/** Who wrote or changed a record, and when (`YYYY-MM-DD HH:mm:ss`). */
export interface ComplaintMeta {
  at: string;
  userId: number;
}

export interface ComplaintValues {
  openedAt: string;
  category: string;
  content: string;
  handlingSteps: string | null;
  result: string | null;
  status: ComplaintStatus;
}

export function insertComplaint(
  db: Db,
  c: ComplaintValues & { customerId: number; managerId: number; visitId: number | null },
  meta: ComplaintMeta,
): number {
  const r = prepared(
    db,
    `INSERT INTO complaints (customer_id, manager_id, visit_id, opened_at, category, content, handling_steps, result, status,
                             created_at, created_by, updated_at, updated_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(c.customerId, c.managerId, c.visitId, c.openedAt, c.category, c.content, c.handlingSteps, c.result, c.status, meta.at, meta.userId, meta.at, meta.userId);
  return Number(r.lastInsertRowid);
}

export function updateComplaint(
  db: Db,
  id: number,
  c: ComplaintValues & { customerConfirmation: CustomerConfirmation; confirmationNote: string | null },
  meta: ComplaintMeta,
): void {
  prepared(
    db,
    `UPDATE complaints SET opened_at = ?, category = ?, content = ?, handling_steps = ?, result = ?, status = ?,
       customer_confirmation = ?, confirmation_note = ?, updated_at = ?, updated_by = ? WHERE id = ?`,
  ).run(c.openedAt, c.category, c.content, c.handlingSteps, c.result, c.status, c.customerConfirmation, c.confirmationNote, meta.at, meta.userId, id);
}

export function submitComplaint(db: Db, id: number, meta: ComplaintMeta): void {
  prepared(db, "UPDATE complaints SET status = '待审批', submitted_at = ?, updated_at = ?, updated_by = ? WHERE id = ?").run(meta.at, meta.at, meta.userId, id);
}

/** Approval closes the complaint; the approver is the one who decides. */
export function approveComplaint(db: Db, id: number, comment: string | null, meta: ComplaintMeta): void {
  prepared(
    db,
    `UPDATE complaints SET status = '已批准', approved_by = ?, approved_at = ?, approval_comment = ?, closed_at = ?,
       updated_at = ?, updated_by = ? WHERE id = ?`,
  ).run(meta.userId, meta.at, comment, meta.at, meta.at, meta.userId, id);
}

export function returnComplaint(db: Db, id: number, comment: string | null, meta: ComplaintMeta): void {
  prepared(db, "UPDATE complaints SET status = '已退回', returned_at = ?, approval_comment = ?, updated_at = ?, updated_by = ? WHERE id = ?").run(
    meta.at,
    comment,
    meta.at,
    meta.userId,
    id,
  );
}

export interface ComplaintListFilter {
  /** null: every status. */
  statuses: readonly string[] | null;
  /** A 客户经理's id: only complaints of their customers and the ones they recorded; null: the whole branch. */
  visibleTo: number | null;
  managerId?: number;
  customerId?: number;
  oldestFirst: boolean;
}

/** One page of complaints and how many match (counted only when the page does not already tell). */
export function listComplaints(db: Db, f: ComplaintListFilter, limit: number, offset: number): { rows: ComplaintRecord[]; total: number } {
  const conds = ['k.deleted_at IS NULL'];
  const params: unknown[] = [];
  if (f.statuses) {
    conds.push(`k.status IN (${f.statuses.map(() => '?').join(', ')})`);
    params.push(...f.statuses);
  }
  if (f.visibleTo !== null) {
    conds.push('(c.manager_id = ? OR k.manager_id = ?)');
    params.push(f.visibleTo, f.visibleTo);
  }
  if (f.managerId !== undefined) {
    conds.push('k.manager_id = ?');
    params.push(f.managerId);
  }
  if (f.customerId !== undefined) {
    conds.push('k.customer_id = ?');
    params.push(f.customerId);
  }
  const where = conds.join(' AND ');
  const order = f.oldestFirst ? 'k.opened_at, k.id' : 'k.opened_at DESC, k.id DESC';
  const rows = prepared(db, `SELECT ${COMPLAINT_COLUMNS} FROM ${COMPLAINT_FROM} WHERE ${where} ORDER BY ${order} LIMIT ? OFFSET ?`).all(
    ...params,
    limit,
    offset,
  ) as ComplaintRecord[];
  const total =
    offset === 0 && rows.length < limit
      ? rows.length
      : (prepared(db, `SELECT count(*) AS n FROM complaints k JOIN customers c ON c.id = k.customer_id WHERE ${where}`).get(...params) as { n: number }).n;
  return { rows, total };
}

/**
 * Complaints not yet approved, at most `limit`, and how many there are. `visibleTo`
 * as in ComplaintListFilter; the branch-wide list puts those waiting for approval first.
 */
export function openComplaints(db: Db, visibleTo: number | null, limit: number): { rows: ComplaintRecord[]; total: number } {
  // Open = not yet approved; the (status, opened_at) index serves the status list.
  const open = "k.status IN ('待处理','处理中','待审批','已退回') AND k.deleted_at IS NULL";
  const scope = visibleTo === null ? '' : 'AND (c.manager_id = ? OR k.manager_id = ?)';
  const params = visibleTo === null ? [] : [visibleTo, visibleTo];
  const order = visibleTo === null ? "k.status <> '待审批', k.opened_at, k.id" : 'k.opened_at, k.id';
  const rows = prepared(db, `SELECT ${COMPLAINT_COLUMNS}, count(*) OVER () AS total FROM ${COMPLAINT_FROM} WHERE ${open} ${scope} ORDER BY ${order} LIMIT ?`).all(
    ...params,
    limit,
  ) as (ComplaintRecord & { total: number })[];
  return { rows, total: rows[0]?.total ?? 0 };
}
