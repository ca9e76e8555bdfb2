import { overdueCutoff } from '../../../shared/domain/calendar';
import type { FollowUp, FollowUpSource } from '../../../shared/domain/followups';
import { prepared } from '../db/statements';
import type { Db } from '../db/connection';
import { readCalendar } from '../settings/store';

export interface FollowUpRecord {
  id: number;
  customer_id: number;
  owner_id: number;
  due: string;
  content: string;
  source_type: FollowUpSource;
  source_id: number | null;
  done_at: string | null;
  result: string | null;
  created_at: string;
  customer_code: string;
  customer_name: string;
  customer_manager_id: number | null;
  owner_name: string;
  owner_display_name: string;
}

export const FOLLOWUP_COLUMNS = `f.id, f.customer_id, f.owner_id, f.due, f.content, f.source_type, f.source_id, f.done_at, f.result,
  f.created_at, c.code AS customer_code, c.name AS customer_name, c.manager_id AS customer_manager_id,
  u.name AS owner_name, u.display_name AS owner_display_name`;

export const FOLLOWUP_FROM = 'followups f JOIN customers c ON c.id = f.customer_id JOIN users u ON u.id = f.owner_id';

/**
 * The day overdue is measured against: a task is overdue once its due day has passed,
 * and a due day that is a holiday or weekend waits for the next working day
 * (overdue ⇔ due < this). Without holidays it is today.
 */
export function overdueBefore(db: Db, today: string): string {
  return overdueCutoff(readCalendar(db), today, 0);
}

/** `today` is overdueBefore's answer: a task is overdue when its due date lies before it. */
export function toFollowUp(r: FollowUpRecord, today: string): FollowUp {
  return {
    id: r.id,
    customerId: r.customer_id,
    customer: r.customer_code,
    customerName: r.customer_name,
    ownerId: r.owner_id,
    owner: r.owner_name,
    ownerDisplayName: r.owner_display_name,
    due: r.due,
    content: r.content,
    sourceType: r.source_type,
    sourceId: r.source_id,
    done: r.done_at !== null,
    doneAt: r.done_at,
    result: r.result ?? '',
    overdue: r.done_at === null && r.due < today,
    createdAt: r.created_at,
  };
}

export function loadFollowUpRecord(db: Db, id: number): FollowUpRecord | null {
  return (
    (prepared(db, `SELECT ${FOLLOWUP_COLUMNS} FROM ${FOLLOWUP_FROM} WHERE f.id = ? AND f.deleted_at IS NULL`).get(id) as
      | FollowUpRecord
      | undefined) ?? null
  );
}

export interface NewFollowUp {
  customerId: number;
  ownerId: number;
  due: string;
  content: string;
  sourceType: FollowUpSource;
  sourceId: number | null;
}

export function insertFollowUp(db: Db, f: NewFollowUp, meta: { at: string; userId: number | null }): number {
  const r = prepared(
    db,
    `INSERT INTO followups (customer_id, owner_id, due, content, source_type, source_id, created_at, created_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(f.customerId, f.ownerId, f.due, f.content, f.sourceType, f.sourceId, meta.at, meta.userId);
  return Number(r.lastInsertRowid);
}

/** The still-open task created by a visit or complaint (the one its "next follow-up" field edits). */
export function openFollowUpOf(db: Db, sourceType: FollowUpSource, sourceId: number): { id: number; due: string; content: string } | null {
  return (
    (prepared(
      db,
      `SELECT id, due, content FROM followups
       WHERE source_type = ? AND source_id = ? AND done_at IS NULL AND deleted_at IS NULL ORDER BY id DESC LIMIT 1`,
    ).get(sourceType, sourceId) as { id: number; due: string; content: string } | undefined) ?? null
  );
}

/**
 * Brings the task of a record's "next follow-up" in line with the record: creates,
 * edits or withdraws the open task. A task already done stays as it was (its
 * result is history); a changed next follow-up then becomes a new task.
 */
export function syncSourceFollowUp(
  db: Db,
  source: { type: FollowUpSource; id: number; customerId: number; ownerId: number },
  next: { due: string; content: string } | null,
  meta: { at: string; userId: number | null },
): void {
  const open = openFollowUpOf(db, source.type, source.id);
  if (!next) {
    if (open) prepared(db, 'UPDATE followups SET deleted_at = ? WHERE id = ?').run(meta.at, open.id);
    return;
  }
  if (open) {
    if (open.due !== next.due || open.content !== next.content) {
      prepared(db, 'UPDATE followups SET due = ?, content = ?, owner_id = ?, customer_id = ? WHERE id = ?').run(
        next.due,
        next.content,
        source.ownerId,
        source.customerId,
        open.id,
      );
    }
    return;
  }
  const done = prepared(
    db,
    `SELECT 1 FROM followups WHERE source_type = ? AND source_id = ? AND due = ? AND content = ? AND deleted_at IS NULL LIMIT 1`,
  ).get(source.type, source.id, next.due, next.content);
  if (done) return;
  insertFollowUp(
    db,
    { customerId: source.customerId, ownerId: source.ownerId, due: next.due, content: next.content, sourceType: source.type, sourceId: source.id },
    meta,
  );
}

/** Withdraws the open tasks of a deleted record. */
export function withdrawFollowUpsOf(db: Db, sourceType: FollowUpSource, sourceId: number, at: string): void {
  prepared(db, 'UPDATE followups SET deleted_at = ? WHERE source_type = ? AND source_id = ? AND done_at IS NULL AND deleted_at IS NULL').run(
    at,
    sourceType,
    sourceId,
  );
}

export function markFollowUpDone(db: Db, id: number, result: string, meta: { at: string; userId: number }): void {
  prepared(db, 'UPDATE followups SET done_at = ?, done_by = ?, result = ? WHERE id = ?').run(meta.at, meta.userId, result, id);
}

export interface FollowUpListFilter {
  ownerId?: number;
  customerId?: number;
  /** all: every task, open ones first. */
  status: 'open' | 'overdue' | 'done' | 'all';
  /** `YYYY-MM-DD`: what overdue is measured against (overdueBefore). */
  today: string;
}

/** One page of tasks and how many match (counted only when the page does not already tell). */
export function listFollowUps(db: Db, f: FollowUpListFilter, limit: number, offset: number): { rows: FollowUpRecord[]; total: number } {
  const conds = ['f.deleted_at IS NULL'];
  const params: unknown[] = [];
  if (f.ownerId !== undefined) {
    conds.push('f.owner_id = ?');
    params.push(f.ownerId);
  }
  if (f.customerId !== undefined) {
    conds.push('f.customer_id = ?');
    params.push(f.customerId);
  }
  // Fixed clauses per status, so the (owner_id, done_at, due) index serves the open lists.
  let order = 'f.due, f.id';
  if (f.status === 'open') conds.push('f.done_at IS NULL');
  else if (f.status === 'overdue') {
    conds.push('f.done_at IS NULL', 'f.due < ?');
    params.push(f.today);
  } else if (f.status === 'done') {
    conds.push('f.done_at IS NOT NULL');
    order = 'f.done_at DESC, f.id DESC';
  } else order = 'f.done_at IS NOT NULL, f.due, f.id';
  const where = conds.join(' AND ');
  const rows = prepared(db, `SELECT ${FOLLOWUP_COLUMNS} FROM ${FOLLOWUP_FROM} WHERE ${where} ORDER BY ${order} LIMIT ? OFFSET ?`).all(
    ...params,
    limit,
    offset,
  ) as FollowUpRecord[];
  const total =
    offset === 0 && rows.length < limit
      ? rows.length
      : (prepared(db, `SELECT count(*) AS n FROM followups f WHERE ${where}`).get(...params) as { n: number }).n;
  return { rows, total };
}

/** An owner's open tasks past their day, oldest due first, at most `limit`, and how many there are. */
export function overdueFollowUpsOf(db: Db, ownerId: number, today: string, limit: number): { rows: FollowUpRecord[]; total: number } {
  const rows = prepared(
    db,
    `SELECT ${FOLLOWUP_COLUMNS}, count(*) OVER () AS total FROM ${FOLLOWUP_FROM}
     WHERE f.owner_id = ? AND f.done_at IS NULL AND f.due < ? AND f.deleted_at IS NULL ORDER BY f.due, f.id LIMIT ?`,
  ).all(ownerId, today, limit) as (FollowUpRecord & { total: number })[];
  return { rows, total: rows[0]?.total ?? 0 };
}

/** An owner's open tasks due on `day`, at most `limit`. */
export function followUpsDueOn(db: Db, ownerId: number, day: string, limit: number): FollowUpRecord[] {
  return prepared(
    db,
    `SELECT ${FOLLOWUP_COLUMNS} FROM ${FOLLOWUP_FROM}
     WHERE f.owner_id = ? AND f.done_at IS NULL AND f.due = ? AND f.deleted_at IS NULL ORDER BY f.id LIMIT ?`,
  ).all(ownerId, day, limit) as FollowUpRecord[];
}
