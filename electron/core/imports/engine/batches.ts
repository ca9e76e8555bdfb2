import { IMPORT_KIND_LABELS, type ContactsReport, type ImportBatch, type ImportKind, type ImportMode } from '../../../../shared/domain/imports';
import type { Db } from '../../db/connection';
import { prepared } from '../../db/statements';

export type BatchTarget = 'customer' | 'visit' | 'volume';

export function createBatch(db: Db, b: { kind: ImportKind; mode: ImportMode; fileName: string; userId: number; at: string }): number {
  const r = db
    .prepare('INSERT INTO import_batches (kind, mode, file_name, user_id, at) VALUES (?, ?, ?, ?, ?)')
    .run(b.kind, b.mode, b.fileName, b.userId, b.at);
  return Number(r.lastInsertRowid);
}

/**
 * The batch's counts: the main sheet's, and the contacts sheet's (null when the import had
 * none) as JSON, the same object the report's `contacts` is.
 */
export function finishBatch(
  db: Db,
  id: number,
  c: { total: number; inserted: number; updated: number; skipped: number; invalid: number },
  contacts: ContactsReport | null,
): void {
  db.prepare('UPDATE import_batches SET total = ?, inserted = ?, updated = ?, skipped = ?, invalid = ?, contacts = ? WHERE id = ?').run(
    c.total,
    c.inserted,
    c.updated,
    c.skipped,
    c.invalid,
    contacts ? JSON.stringify(contacts) : null,
    id,
  );
}

/** One record the batch inserted or updated; `before`/`after` are what undo compares and restores. */
export function recordBatchRow(
  db: Db,
  r: { batchId: number; row: number; target: BatchTarget; targetId: number; key?: string | null; action: 'insert' | 'update'; before?: unknown; after?: unknown },
): void {
  prepared(
    db,
    'INSERT INTO import_batch_rows (batch_id, row_no, target, target_id, target_key, action, before, after) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(
    r.batchId,
    r.row,
    r.target,
    r.targetId,
    r.key ?? null,
    r.action,
    r.before === undefined ? null : JSON.stringify(r.before),
    r.after === undefined ? null : JSON.stringify(r.after),
  );
}

interface BatchRecord {
  id: number;
  kind: ImportKind;
  mode: ImportMode;
  file_name: string;
  at: string;
  total: number;
  inserted: number;
  updated: number;
  skipped: number;
  invalid: number;
  /** JSON of ContactsReport, or NULL (no contacts sheet; batches from before version 5). */
  contacts: string | null;
  undone_at: string | null;
  user_name: string | null;
  undone_name: string | null;
}

const SELECT = `SELECT b.*, u.display_name AS user_name, x.display_name AS undone_name
  FROM import_batches b LEFT JOIN users u ON u.id = b.user_id LEFT JOIN users x ON x.id = b.undone_by`;

function toBatch(r: BatchRecord): ImportBatch {
  return {
    id: r.id,
    kind: r.kind,
    kindLabel: IMPORT_KIND_LABELS[r.kind],
    mode: r.mode,
    fileName: r.file_name,
    userName: r.user_name ?? '',
    at: r.at,
    total: r.total,
    inserted: r.inserted,
    updated: r.updated,
    skipped: r.skipped,
    invalid: r.invalid,
    contacts: r.contacts === null ? null : (JSON.parse(r.contacts) as ContactsReport),
    undoneAt: r.undone_at,
    undoneBy: r.undone_name ?? '',
  };
}

export function loadBatch(db: Db, id: number): (ImportBatch & { userId: number | null }) | null {
  const r = db.prepare(`${SELECT} WHERE b.id = ?`).get(id) as (BatchRecord & { user_id: number | null }) | undefined;
  return r ? { ...toBatch(r), userId: r.user_id } : null;
}

/** Newest first; a manager sees only their own batches. */
export function listBatches(db: Db, q: { offset: number; limit: number; kind?: ImportKind; userId?: number }): { rows: ImportBatch[]; total: number } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.kind) {
    where.push('b.kind = ?');
    params.push(q.kind);
  }
  if (q.userId !== undefined) {
    where.push('b.user_id = ?');
    params.push(q.userId);
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = (db.prepare(`SELECT count(*) AS n FROM import_batches b ${clause}`).get(...params) as { n: number }).n;
  const rows = db.prepare(`${SELECT} ${clause} ORDER BY b.id DESC LIMIT ? OFFSET ?`).all(...params, q.limit, q.offset) as BatchRecord[];
  return { rows: rows.map(toBatch), total };
}
