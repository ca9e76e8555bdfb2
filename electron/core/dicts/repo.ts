import type { DictKind } from '../../../shared/domain/constants';
import { prepared } from '../db/statements';
import type { Db } from '../db/connection';

export interface DictRecord {
  id: number;
  kind: DictKind;
  name: string;
  sort: number;
  visit_interval_days: number | null;
  active: number;
}

/** One kind's items, or all of them, in the order the pickers show them. */
export function listDictRecords(db: Db, kind: DictKind | undefined): DictRecord[] {
  return (
    kind
      ? prepared(db, 'SELECT * FROM dict_items WHERE kind = ? ORDER BY sort, id').all(kind)
      : prepared(db, 'SELECT * FROM dict_items ORDER BY kind, sort, id').all()
  ) as DictRecord[];
}

export function loadDictRecord(db: Db, id: number): DictRecord | null {
  return (prepared(db, 'SELECT * FROM dict_items WHERE id = ?').get(id) as DictRecord | undefined) ?? null;
}

/** Whether another item of the kind (not `exceptId`) already has the name. */
export function dictNameTaken(db: Db, kind: DictKind, name: string, exceptId: number): boolean {
  return prepared(db, 'SELECT id FROM dict_items WHERE kind = ? AND name = ? AND id <> ?').get(kind, name, exceptId) !== undefined;
}

/** The item a customer's field names, for the customer rules (an inactive one is kept only where already in use). */
export function findDictItem(db: Db, kind: string, name: string): { active: boolean } | null {
  const row = prepared(db, 'SELECT active FROM dict_items WHERE kind = ? AND name = ?').get(kind, name) as { active: number } | undefined;
  return row ? { active: row.active === 1 } : null;
}

/** How many live customers use an item. */
export function dictUsage(db: Db, kind: DictKind, name: string): number {
  const sql: Record<DictKind, string> = {
    tier: 'SELECT count(*) AS n FROM customers WHERE tier = ? AND deleted_at IS NULL',
    region: 'SELECT count(*) AS n FROM customers WHERE region = ? AND deleted_at IS NULL',
    industry: 'SELECT count(*) AS n FROM customers WHERE industry = ? AND deleted_at IS NULL',
    tag: 'SELECT count(*) AS n FROM customer_tags WHERE tag = ?',
  };
  return (prepared(db, sql[kind]).get(name) as { n: number }).n;
}

export interface DictValues {
  name: string;
  sort: number;
  visitIntervalDays: number | null;
  active: boolean;
}

/** A new item goes last in its kind unless given a place. */
export function insertDictItem(db: Db, kind: DictKind, v: Omit<DictValues, 'sort'> & { sort: number | undefined }): number {
  const maxSort = (prepared(db, 'SELECT coalesce(max(sort), -1) AS m FROM dict_items WHERE kind = ?').get(kind) as { m: number }).m;
  const r = prepared(db, 'INSERT INTO dict_items (kind, name, sort, visit_interval_days, active) VALUES (?, ?, ?, ?, ?)').run(
    kind,
    v.name,
    v.sort ?? maxSort + 1,
    v.visitIntervalDays,
    v.active ? 1 : 0,
  );
  return Number(r.lastInsertRowid);
}

export function updateDictItem(db: Db, id: number, v: DictValues): void {
  prepared(db, 'UPDATE dict_items SET name = ?, sort = ?, visit_interval_days = ?, active = ? WHERE id = ?').run(
    v.name,
    v.sort,
    v.visitIntervalDays,
    v.active ? 1 : 0,
    id,
  );
}

export function deleteDictItem(db: Db, id: number): void {
  prepared(db, 'DELETE FROM dict_items WHERE id = ?').run(id);
}

/** First-run presets: an item already there (same kind and name) is left as it is. */
export function addDictItemIfMissing(db: Db, kind: DictKind, name: string, sort: number, visitIntervalDays: number | null): void {
  prepared(db, 'INSERT OR IGNORE INTO dict_items (kind, name, sort, visit_interval_days) VALUES (?, ?, ?, ?)').run(kind, name, sort, visitIntervalDays);
}

const FIELD_OF_KIND = { tier: 'tier', region: 'region', industry: 'industry', tag: 'tags' } as const;

/**
 * A rename carries over to every archive that used the old name, and like any other
 * archive change it bumps the version (an edit form opened before the rename cannot
 * silently write the old name back) and leaves a history row on each customer.
 */
export function renameInArchives(db: Db, kind: DictKind, from: string, to: string, meta: { at: string; userId: number | null }): void {
  const { at, userId } = meta;
  const field = FIELD_OF_KIND[kind];
  if (kind === 'tag') {
    const ids = (prepared(db, 'SELECT customer_id FROM customer_tags WHERE tag = ?').all(from) as { customer_id: number }[]).map((r) => r.customer_id);
    const history = prepared(
      db,
      `INSERT INTO customer_changes (customer_id, at, user_id, action, field, old_value, new_value) VALUES (?, ?, ?, 'update', 'tags', ?, ?)`,
    );
    const bump = prepared(db, 'UPDATE customers SET version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?');
    for (const id of ids) {
      history.run(id, at, userId, from, to);
      bump.run(at, userId, id);
    }
    prepared(db, 'UPDATE OR IGNORE customer_tags SET tag = ? WHERE tag = ?').run(to, from);
    prepared(db, 'DELETE FROM customer_tags WHERE tag = ?').run(from);
    return;
  }
  // `field` comes from the fixed map above, never from input.
  prepared(
    db,
    `INSERT INTO customer_changes (customer_id, at, user_id, action, field, old_value, new_value)
     SELECT id, ?, ?, 'update', '${field}', ?, ? FROM customers WHERE ${field} = ?`,
  ).run(at, userId, from, to, from);
  prepared(db, `UPDATE customers SET ${field} = ?, version = version + 1, updated_at = ?, updated_by = ? WHERE ${field} = ?`).run(to, at, userId, from);
}
