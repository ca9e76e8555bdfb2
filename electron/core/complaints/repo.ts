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
