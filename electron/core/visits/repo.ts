import type { SignatureStatus, Visit, VisitRow, VisitType } from '../../../shared/domain/visits';
import { toApiTime } from '../../../shared/domain/visitRules';
import { attachmentsOf } from '../attachments/repo';
import { prepared } from '../db/statements';
import type { Db } from '../db/connection';

/** A visits row joined with its customer's and manager's names, as VISIT_COLUMNS selects it. */
export interface VisitRecord {
  id: number;
  manager_id: number;
  customer_id: number;
  plan_entry_id: number | null;
  type: VisitType;
  planned: number;
  sign_in: string;
  sign_out: string | null;
  duration_minutes: number | null;
  location: string | null;
  content: string | null;
  checklist: string;
  opinions: string | null;
  problems: string | null;
  signature: SignatureStatus;
  signature_note: string | null;
  next_follow_up_due: string | null;
  next_follow_up_content: string | null;
  created_at: string;
  updated_at: string;
  customer_code: string;
  customer_name: string;
  customer_tier: string | null;
  manager_name: string;
  manager_display_name: string;
  sheet_no: string | null;
}

export const VISIT_COLUMNS = `v.id, v.manager_id, v.customer_id, v.plan_entry_id, v.type, v.planned, v.sign_in, v.sign_out,
  v.duration_minutes, v.location, v.content, v.checklist, v.opinions, v.problems, v.signature, v.signature_note,
  v.next_follow_up_due, v.next_follow_up_content, v.created_at, v.updated_at,
  c.code AS customer_code, c.name AS customer_name, c.tier AS customer_tier,
  u.name AS manager_name, u.display_name AS manager_display_name,
  (SELECT s.sheet_no FROM sign_sheets s WHERE s.id = v.sheet_id) AS sheet_no`;

export function parseChecklist(json: string): string[] {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export function toVisitRow(r: VisitRecord, attachmentCount: number): VisitRow {
  return {
    id: r.id,
    customer: r.customer_code,
    manager: r.manager_name,
    type: r.type,
    planned: r.planned === 1,
    signIn: toApiTime(r.sign_in),
    signOut: toApiTime(r.sign_out),
    durationMinutes: r.duration_minutes,
    location: r.location ?? '',
    content: r.content ?? '',
    checklist: parseChecklist(r.checklist),
    opinions: r.opinions ?? '',
    nextFollowUp: r.next_follow_up_due ? { due: r.next_follow_up_due, content: r.next_follow_up_content ?? '' } : null,
    signature: r.signature,
    signatureNote: r.signature_note ?? '',
    customerId: r.customer_id,
    customerName: r.customer_name,
    customerTier: r.customer_tier ?? '',
    managerId: r.manager_id,
    managerDisplayName: r.manager_display_name,
    problems: r.problems ?? '',
    planEntryId: r.plan_entry_id,
    sheetNo: r.sheet_no,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    attachmentCount,
  };
}

export function loadVisitRecord(db: Db, id: number): VisitRecord | null {
  return (
    (prepared(
      db,
      `SELECT ${VISIT_COLUMNS} FROM visits v JOIN customers c ON c.id = v.customer_id JOIN users u ON u.id = v.manager_id
       WHERE v.id = ? AND v.deleted_at IS NULL`,
    ).get(id) as VisitRecord | undefined) ?? null
  );
}

/** The bits of a visit that decide who may see or change it. */
export interface VisitAccess {
  id: number;
  manager_id: number;
  customer_id: number;
  customer_manager_id: number | null;
  created_at: string;
  sign_out: string | null;
}

export function loadVisitAccess(db: Db, id: number): VisitAccess | null {
  return (
    (prepared(
      db,
      `SELECT v.id, v.manager_id, v.customer_id, c.manager_id AS customer_manager_id, v.created_at, v.sign_out
       FROM visits v JOIN customers c ON c.id = v.customer_id WHERE v.id = ? AND v.deleted_at IS NULL`,
    ).get(id) as VisitAccess | undefined) ?? null
  );
}

/** What a complaint or receipt linked to a live visit takes from it: whose visit it was, and when. */
export function loadVisitLink(db: Db, id: number): { customer_id: number; sign_in: string } | null {
  return (
    (prepared(db, 'SELECT customer_id, sign_in FROM visits WHERE id = ? AND deleted_at IS NULL').get(id) as
      | { customer_id: number; sign_in: string }
      | undefined) ?? null
  );
}

/** The open follow-up task a visit's "next follow-up" created, if any. */
export function visitFollowUpId(db: Db, visitId: number): number | null {
  const row = prepared(
    db,
    "SELECT id FROM followups WHERE source_type = 'visit' AND source_id = ? AND deleted_at IS NULL ORDER BY id DESC LIMIT 1",
  ).get(visitId) as { id: number } | undefined;
  return row?.id ?? null;
}

export function toVisit(db: Db, r: VisitRecord): Visit {
  const { attachmentCount: _n, ...row } = toVisitRow(r, 0);
  return { ...row, followUpId: visitFollowUpId(db, r.id), attachments: attachmentsOf(db, { visitId: r.id }) };
}

export function loadVisit(db: Db, id: number): Visit | null {
  const r = loadVisitRecord(db, id);
  return r ? toVisit(db, r) : null;
}

/** The manager's visit signed in and not yet out, if any. */
export function openVisitOf(db: Db, managerId: number): VisitRecord | null {
  return (
    (prepared(
      db,
      // INDEXED BY: the tiny partial index of open visits, never a walk through the manager's whole history.
      `SELECT ${VISIT_COLUMNS} FROM visits v INDEXED BY visits_open JOIN customers c ON c.id = v.customer_id JOIN users u ON u.id = v.manager_id
       WHERE v.manager_id = ? AND v.sign_out IS NULL AND v.deleted_at IS NULL ORDER BY v.sign_in DESC LIMIT 1`,
    ).get(managerId) as VisitRecord | undefined) ?? null
  );
}

/**
 * Keeps customers.last_visit_at equal to the latest live visit. Recomputed rather
 * than compared, so edits and deletes that move a visit back in time are right too;
 * the (customer_id, sign_in) index makes it one index probe.
 */
export function refreshLastVisit(db: Db, customerId: number): void {
  prepared(
    db,
    `UPDATE customers SET last_visit_at =
       (SELECT max(sign_in) FROM visits WHERE customer_id = ? AND deleted_at IS NULL)
     WHERE id = ?`,
  ).run(customerId, customerId);
}
