import { prepared } from '../db/statements';
import type { Db } from '../db/connection';
import { insertFollowUp, syncSourceFollowUp, withdrawFollowUpsOf } from '../followups/repo';
import { refreshLastVisit } from './repo';
import type { VisitValues } from './rules';

export interface WriteMeta {
  /** `YYYY-MM-DD HH:mm:ss` */
  at: string;
  userId: number | null;
}

const COLUMNS = [
  'manager_id',
  'customer_id',
  'plan_entry_id',
  'type',
  'planned',
  'sign_in',
  'sign_out',
  'duration_minutes',
  'location',
  'content',
  'checklist',
  'opinions',
  'problems',
  'signature',
  'signature_note',
  'next_follow_up_due',
  'next_follow_up_content',
];

function columnValues(v: VisitValues): unknown[] {
  return [
    v.managerId,
    v.customerId,
    v.planEntryId,
    v.type,
    v.planned ? 1 : 0,
    v.signIn,
    v.signOut,
    v.durationMinutes,
    v.location,
    v.content,
    JSON.stringify(v.checklist),
    v.opinions,
    v.problems,
    v.signature,
    v.signatureNote,
    v.nextFollowUp?.due ?? null,
    v.nextFollowUp?.content ?? null,
  ];
}

const INSERT_SQL = `INSERT INTO visits (${COLUMNS.join(', ')}, created_at, created_by, updated_at, updated_by)
  VALUES (${COLUMNS.map(() => '?').join(', ')}, ?, ?, ?, ?)`;
const UPDATE_SQL = `UPDATE visits SET ${COLUMNS.map((c) => `${c} = ?`).join(', ')}, updated_at = ?, updated_by = ? WHERE id = ?`;

function completePlanEntry(db: Db, entryId: number, visitId: number, at: string): void {
  prepared(db, "UPDATE plan_entries SET status = '已完成', visit_id = ?, updated_at = ? WHERE id = ?").run(visitId, at, entryId);
}

/** A plan entry whose visit went away is open again (and will count as missed if its day has passed). */
function reopenPlanEntry(db: Db, entryId: number, at: string): void {
  prepared(db, "UPDATE plan_entries SET status = '计划', visit_id = NULL, updated_at = ? WHERE id = ?").run(at, entryId);
}

/**
 * Stores a checked visit with its side effects, inside the caller's transaction:
 * the plan entry it fulfils becomes 已完成, its next follow-up becomes a task, and
 * the customer's last visit moves forward.
 */
export function insertVisit(db: Db, v: VisitValues, meta: WriteMeta): number {
  const r = prepared(db, INSERT_SQL).run(...columnValues(v), meta.at, meta.userId, meta.at, meta.userId);
  const id = Number(r.lastInsertRowid);
  if (v.planEntryId !== null) completePlanEntry(db, v.planEntryId, id, meta.at);
  if (v.nextFollowUp) {
    insertFollowUp(
      db,
      { customerId: v.customerId, ownerId: v.managerId, due: v.nextFollowUp.due, content: v.nextFollowUp.content, sourceType: 'visit', sourceId: id },
      meta,
    );
  }
  prepared(db, 'UPDATE customers SET last_visit_at = ? WHERE id = ? AND (last_visit_at IS NULL OR last_visit_at < ?)').run(v.signIn, v.customerId, v.signIn);
  return id;
}

export interface StoredVisit {
  id: number;
  customerId: number;
  planEntryId: number | null;
}

export function updateVisit(db: Db, before: StoredVisit, v: VisitValues, meta: WriteMeta): void {
  prepared(db, UPDATE_SQL).run(...columnValues(v), meta.at, meta.userId, before.id);
  if (before.planEntryId !== null && before.planEntryId !== v.planEntryId) reopenPlanEntry(db, before.planEntryId, meta.at);
  if (v.planEntryId !== null && v.planEntryId !== before.planEntryId) completePlanEntry(db, v.planEntryId, before.id, meta.at);
  syncSourceFollowUp(db, { type: 'visit', id: before.id, customerId: v.customerId, ownerId: v.managerId }, v.nextFollowUp, meta);
  refreshLastVisit(db, v.customerId);
  if (before.customerId !== v.customerId) refreshLastVisit(db, before.customerId);
}

/** Soft delete: the row stays for the record; its plan entry reopens and its open follow-up is withdrawn. */
export function softDeleteVisit(db: Db, before: StoredVisit, meta: WriteMeta): void {
  prepared(db, 'UPDATE visits SET deleted_at = ?, deleted_by = ?, plan_entry_id = NULL WHERE id = ?').run(meta.at, meta.userId, before.id);
  if (before.planEntryId !== null) reopenPlanEntry(db, before.planEntryId, meta.at);
  withdrawFollowUpsOf(db, 'visit', before.id, meta.at);
  refreshLastVisit(db, before.customerId);
}
