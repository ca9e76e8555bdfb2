import type { Db } from '../../db/connection';
import type { FieldChange } from '../../customers/history';
import type { ContactValues, CustomerValues } from '../../customers/rules';
import { insertStoredColumns, storedColumns } from '../../customers/repo';
import { searchPhones } from '../../customers/search';
import { prepared } from '../../db/statements';
import type { NameSearch } from '../parallel/searchPool';

/**
 * A checked new customer laid out for the INSERT (repo's storedColumns). A pipelined
 * import's check helper packs its rows this way before sending them: an array of
 * plain values crosses threads and binds for a fraction of what the values object
 * costs the writing thread, which is the slowest of the three.
 */
export interface PackedInsert {
  row: number;
  /** The file's own code (normalised), or null: the archive numbers the row. */
  code: string | null;
  name: string;
  stored: unknown[];
  searchPhones: string;
  contacts: ContactValues[];
  tags: string[];
  /** The name's search columns, when a search helper computed them before the write (pipeline.ts). */
  search?: NameSearch;
}

export function packInsert(row: number, v: CustomerValues): PackedInsert {
  return {
    row,
    code: v.code || null,
    name: v.name,
    stored: storedColumns(v),
    searchPhones: searchPhones(v),
    // A new customer's contacts are new too: an id the file carried means nothing here.
    contacts: v.contacts.map(({ id: _ignored, ...c }) => c),
    tags: v.tags,
  };
}

/**
 * An import's insert: repo's own, with the pinyin search columns its helper threads
 * computed beforehand (same functions, same values) and the code it was given.
 */
export function insertImportedCustomer(db: Db, p: PackedInsert, code: string, search: NameSearch, meta: { at: string; userId: number }): number {
  p.stored[0] = code;
  return insertStoredColumns(db, p.stored, { namePinyin: search.namePinyin, nameInitials: search.nameInitials, nameBigrams: search.nameBigrams, searchPhones: p.searchPhones }, meta);
}

/** History rows of an import: like history.writeChanges, plus the import batch (what undo and the history screen group by). */
export function writeImportChanges(
  db: Db,
  customerId: number,
  changes: readonly FieldChange[],
  meta: { at: string; userId: number },
  version: number,
  importBatchId: number,
): void {
  const insert = prepared(
    db,
    `INSERT INTO customer_changes (customer_id, at, user_id, action, field, old_value, new_value, batch_id, import_batch_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const c of changes) insert.run(customerId, meta.at, meta.userId, c.action, c.field, c.oldValue, c.newValue, version, importBatchId);
}

/** The 'create' history rows of an import's new customers (what history.recordChange('create', …) writes, set-wise). */
export function writeCreateHistory(db: Db, ids: readonly number[], meta: { at: string; userId: number }, importBatchId: number): void {
  if (!ids.length) return;
  db.prepare(
    `INSERT INTO customer_changes (customer_id, at, user_id, action, field, old_value, new_value, batch_id, import_batch_id)
     SELECT id, ?, ?, 'create', 'record', '', '导入新建客户「' || name || '」（' || code || '），导入批次 #' || ?, 0, ?
     FROM customers WHERE id IN (SELECT value FROM json_each(?))`,
  ).run(meta.at, meta.userId, importBatchId, importBatchId, JSON.stringify(ids));
}

/** Stored columns compared and restored by undo, with the field key history labels use. */
export const SNAPSHOT_COLUMNS: readonly (readonly [column: string, field: string])[] = [
  ['code', 'code'],
  ['name', 'name'],
  ['kind', 'kind'],
  ['id_number', 'idNumber'],
  ['credit_code', 'creditCode'],
  ['licence_no', 'licenceNo'],
  ['mobile', 'mobile'],
  ['phone', 'phone'],
  ['address', 'address'],
  ['region', 'region'],
  ['industry', 'industry'],
  ['economic_nature', 'economicNature'],
  ['scale', 'scale'],
  ['main_business', 'mainBusiness'],
  ['credit_rating', 'creditRating'],
  ['payment_habit', 'paymentHabit'],
  ['background', 'background'],
  ['products', 'products'],
  ['monthly_volume', 'monthlyVolume'],
  ['tier', 'tier'],
  ['status', 'status'],
  ['manager_id', 'manager'],
  ['key_customer', 'keyCustomer'],
  ['needs', 'needs'],
  ['notes', 'notes'],
];

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

export function snapshotCustomer(db: Db, id: number): CustomerSnapshot {
  const row = prepared(db, `SELECT ${SNAPSHOT_COLUMNS.map(([c]) => c).join(', ')} FROM customers WHERE id = ?`).get(id) as Record<
    string,
    string | number | null
  >;
  const tags = (prepared(db, 'SELECT tag FROM customer_tags WHERE customer_id = ? ORDER BY tag').all(id) as { tag: string }[]).map((t) => t.tag);
  const contacts = prepared(
    db,
    'SELECT id, name, role, mobile, phone, is_decision_maker, birthday, notes, sort, deleted_at FROM contacts WHERE customer_id = ? ORDER BY id',
  ).all(id) as ContactSnapshot[];
  return { row, tags, contacts };
}
