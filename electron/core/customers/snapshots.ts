/**
 * A customer as stored (its row, tags and contacts, deleted ones included), and undoing
 * an import with such images: an import keeps one before and one after each update it
 * writes (bulkWrite.ts), and its undo puts the before back field by field, only where
 * the value is still the one the import wrote, so a later edit by someone else is never
 * overwritten. Everything undone is recorded in the archive history.
 */
import type { Db } from '../db/connection';
import { prepared } from '../db/statements';
import { displayValue, fieldLabel, managerLabel, recordChange, writeChanges, writeTransfer, type FieldChange } from './history';
import { loadCustomer, setDeleted, STORED_COLUMNS, type WriteMeta } from './repo';
import { findUserById } from '../users/repo';
import { searchColumns } from './search';

export interface ContactSnapshot {
  id: number;
  name: string;
  role: string | null;
  mobile: string | null;
  phone: string | null;
  is_decision_maker: number;
  birthday: string | null;
  notes: string | null;
  sort: number;
  deleted_at: string | null;
}

/** A customer as stored: the before/after image an import keeps per updated record. */
export interface CustomerSnapshot {
  row: Record<string, string | number | null>;
  tags: string[];
  contacts: ContactSnapshot[];
}

const SNAPSHOT_SQL = `SELECT ${STORED_COLUMNS.map(([c]) => c).join(', ')} FROM customers WHERE id = ?`;

export function snapshotCustomer(db: Db, id: number): CustomerSnapshot {
  const row = prepared(db, SNAPSHOT_SQL).get(id) as Record<string, string | number | null>;
  const tags = (prepared(db, 'SELECT tag FROM customer_tags WHERE customer_id = ? ORDER BY tag').all(id) as { tag: string }[]).map((t) => t.tag);
  const contacts = prepared(
    db,
    'SELECT id, name, role, mobile, phone, is_decision_maker, birthday, notes, sort, deleted_at FROM contacts WHERE customer_id = ? ORDER BY id',
  ).all(id) as ContactSnapshot[];
  return { row, tags, contacts };
}

class HardDeleteBlocked extends Error {}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

const CONTACT_VALUE_KEYS = ['name', 'role', 'mobile', 'phone', 'is_decision_maker', 'birthday', 'notes', 'sort', 'deleted_at'] as const;
const contactValues = (c: ContactSnapshot) => CONTACT_VALUE_KEYS.map((k) => c[k]);

const undoNote = (importBatchId: number) => `撤销导入批次 #${importBatchId}`;

/**
 * Undo of an import's new customer: deleted for good with its contacts, tags and the
 * batch's history rows; moved to the recycle bin instead when something else refers to
 * it (a visit, a later edit's history, a transfer). Null when it is not there any more.
 */
export function removeImportedCustomer(db: Db, id: number, importBatchId: number, meta: WriteMeta): 'removed' | 'recycled' | null {
  const c = prepared(db, 'SELECT id, name, code, deleted_at, version FROM customers WHERE id = ?').get(id) as
    | { id: number; name: string; code: string; deleted_at: string | null; version: number }
    | undefined;
  if (!c) return null;
  try {
    // Savepoint: a foreign key refusing the delete only undoes this attempt.
    db.transaction(() => {
      prepared(db, 'DELETE FROM customer_changes WHERE customer_id = ? AND import_batch_id = ?').run(c.id, importBatchId);
      prepared(db, 'DELETE FROM customer_tags WHERE customer_id = ?').run(c.id);
      prepared(db, 'DELETE FROM contacts WHERE customer_id = ?').run(c.id);
      try {
        prepared(db, 'DELETE FROM customers WHERE id = ?').run(c.id);
      } catch (e) {
        if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') throw new HardDeleteBlocked();
        throw e;
      }
    })();
    return 'removed';
  } catch (e) {
    if (!(e instanceof HardDeleteBlocked)) throw e;
    if (c.deleted_at === null) {
      setDeleted(db, c.id, true, meta);
      writeChanges(db, c.id, [recordChange('delete', `${undoNote(importBatchId)}（该客户已有其他记录引用，移入回收站）`)], meta, c.version + 1);
    }
    return 'recycled';
  }
}

/**
 * Undo of an import's update: every field, tag list and contact the import changed
 * gets its `before` value back where it still holds the import's `after` value; the
 * others are kept and reported (`conflicts`, one message each). The search columns
 * follow the restored name and phones.
 */
export function restoreSnapshot(
  db: Db,
  id: number,
  before: CustomerSnapshot,
  after: CustomerSnapshot,
  meta: WriteMeta,
  importBatchId: number,
): { restored: boolean; conflicts: string[] } {
  const conflicts: string[] = [];
  const current = snapshotCustomer(db, id);
  if (!current.row) return { restored: false, conflicts };
  const note = undoNote(importBatchId);
  const changes: FieldChange[] = [];
  const sets: string[] = [];
  const params: unknown[] = [];
  const customer = loadCustomer(db, id)!;
  for (const [column, field] of STORED_COLUMNS) {
    if (same(before.row[column], after.row[column])) continue;
    if (!same(current.row[column], after.row[column])) {
      conflicts.push(`${customer.name}：${fieldLabel(field)}在导入后又被修改，保留当前值`);
      continue;
    }
    sets.push(`${column} = ?`);
    params.push(before.row[column]);
    if (column === 'manager_id') {
      const from = current.row[column] === null ? null : findUserById(db, current.row[column] as number);
      const to = before.row[column] === null ? null : findUserById(db, before.row[column] as number);
      changes.push({ action: 'transfer', field: 'manager', oldValue: managerLabel(from?.display_name), newValue: managerLabel(to?.display_name) });
      writeTransfer(db, id, current.row[column] as number | null, before.row[column] as number | null, meta, note);
    } else {
      const show = (v: unknown) => (column === 'key_customer' ? displayValue(v === 1) : displayValue(v));
      changes.push({ action: 'update', field, oldValue: show(current.row[column]), newValue: show(before.row[column]) });
    }
  }
  if (!same(before.tags, after.tags)) {
    if (same(current.tags, after.tags)) {
      prepared(db, 'DELETE FROM customer_tags WHERE customer_id = ?').run(id);
      for (const t of before.tags) prepared(db, 'INSERT INTO customer_tags (customer_id, tag) VALUES (?, ?)').run(id, t);
      changes.push({ action: 'update', field: 'tags', oldValue: displayValue(current.tags), newValue: displayValue(before.tags) });
    } else conflicts.push(`${customer.name}：标签在导入后又被修改，保留当前值`);
  }
  const beforeContacts = new Map(before.contacts.map((c) => [c.id, c]));
  const currentContacts = new Map(current.contacts.map((c) => [c.id, c]));
  for (const a of after.contacts) {
    const b = beforeContacts.get(a.id);
    const now = currentContacts.get(a.id);
    if (b && same(contactValues(a), contactValues(b))) continue;
    if (!now || !same(contactValues(now), contactValues(a))) {
      conflicts.push(`${customer.name}：联系人「${a.name}」在导入后又被修改，保留当前值`);
      continue;
    }
    if (!b) {
      prepared(db, 'UPDATE contacts SET deleted_at = ? WHERE id = ?').run(meta.at, a.id);
      changes.push({ action: 'contact', field: `contacts[${a.name}]`, oldValue: a.name, newValue: '' });
    } else {
      prepared(db, 'UPDATE contacts SET name = ?, role = ?, mobile = ?, phone = ?, is_decision_maker = ?, birthday = ?, notes = ?, sort = ?, deleted_at = ? WHERE id = ?').run(
        ...contactValues(b),
        a.id,
      );
      changes.push({ action: 'contact', field: `contacts[${b.name}]`, oldValue: a.name, newValue: b.name });
    }
  }
  if (!changes.length) return { restored: false, conflicts };
  // Search columns follow the restored name and phones, computed by the archive's own code.
  const restored = { ...current.row, ...Object.fromEntries(sets.map((s, i) => [s.split(' ')[0], params[i]])) } as Record<string, unknown>;
  const liveContacts = prepared(db, 'SELECT mobile, phone FROM contacts WHERE customer_id = ? AND deleted_at IS NULL').all(id) as {
    mobile: string | null;
    phone: string | null;
  }[];
  const s = searchColumns({ name: String(restored.name), mobile: restored.mobile as string | null, phone: restored.phone as string | null, contacts: liveContacts });
  sets.push('name_pinyin = ?', 'name_initials = ?', 'name_bigrams = ?', 'search_phones = ?', 'version = version + 1', 'updated_at = ?', 'updated_by = ?');
  params.push(s.namePinyin, s.nameInitials, s.nameBigrams, s.searchPhones, meta.at, meta.userId);
  prepared(db, `UPDATE customers SET ${sets.join(', ')} WHERE id = ?`).run(...params, id);
  writeChanges(db, id, [...changes, recordChange('restore', `${note}：恢复导入前的内容`)], meta, customer.version + 1);
  return { restored: true, conflicts };
}
