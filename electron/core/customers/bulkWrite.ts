/**
 * What an import writes to the customer archive: new customers packed for the INSERT,
 * checked updates with their field history, a contacts sheet's contacts, and the
 * 'create' history that ties new customers to their import batch (undo finds them by
 * it: snapshots.ts). The form writes one customer at a time through repo.ts; seeding
 * goes through bulk.ts. Nothing here checks a value: the caller hands in what the
 * archive rules (rules.ts) accepted, inside its own transaction.
 *
 * Built for 100,000 rows in a few seconds (README "How fast an import is"): a new
 * customer crosses threads and binds as one array of plain values, each statement is
 * prepared once per connection, and search index entries and 'create' history are
 * written set-wise for many customers at once.
 */
import type { Customer } from '../../../shared/domain/customers';
import type { Db } from '../db/connection';
import { prepared } from '../db/statements';
import { diffContacts, writeTransfer, type FieldChange } from './history';
import { insertContact, insertStoredColumns, loadContacts, replaceTags, storedColumns, updateContact, updateCustomerRow, type WriteMeta } from './repo';
import type { ContactValues, CustomerValues } from './rules';
import { searchPhones, type NameColumns } from './search';

/**
 * A checked new customer laid out for the INSERT (repo.storedColumns). A pipelined
 * import's check helper packs its rows this way before sending them: an array of plain
 * values crosses threads and binds for a fraction of what the values object costs the
 * writing thread, which is the slowest of the three.
 */
export interface PackedCustomer {
  /** Where the caller took it from (a file's row number), for its messages. */
  row: number;
  /** The given code (normalised), or null: the caller numbers the customer before the insert. */
  code: string | null;
  name: string;
  /** The stored values in STORED_COLUMNS order; the first (the code) is set by insertPacked. */
  stored: unknown[];
  searchPhones: string;
  contacts: ContactValues[];
  tags: string[];
  /** The name's search columns, when computed before the write (an import's search helper). */
  search?: NameColumns;
}

export function packCustomer(row: number, v: CustomerValues): PackedCustomer {
  return {
    row,
    code: v.code || null,
    name: v.name,
    stored: storedColumns(v),
    searchPhones: searchPhones(v),
    // A new customer's contacts are new too: an id the caller carried means nothing here.
    contacts: v.contacts.map(({ id: _ignored, ...c }) => c),
    tags: v.tags,
  };
}

/**
 * Inserts a packed customer under `code`, with its contacts and tags, and returns its
 * id; null when the code was taken since the checks (nothing is written then). Its
 * full-text entries (when the insert trigger is set aside: bulk.suspendFtsInsertTrigger)
 * and its 'create' history (writeCreateHistory) are the caller's to add, set-wise.
 */
export function insertPacked(db: Db, p: PackedCustomer, code: string, name: NameColumns, meta: WriteMeta): number | null {
  p.stored[0] = code;
  let id: number;
  try {
    id = insertStoredColumns(db, p.stored, name, p.searchPhones, meta);
  } catch (e) {
    if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') return null;
    throw e;
  }
  p.contacts.forEach((c, i) => insertContact(db, id, c, i));
  if (p.tags.length) replaceTags(db, id, p.tags);
  return id;
}

/** The 'create' history rows of an import's new customers (what history.recordChange('create', …) writes, set-wise). */
export function writeCreateHistory(db: Db, ids: readonly number[], meta: WriteMeta, importBatchId: number): void {
  if (!ids.length) return;
  db.prepare(
    `INSERT INTO customer_changes (customer_id, at, user_id, action, field, old_value, new_value, batch_id, import_batch_id)
     SELECT id, ?, ?, 'create', 'record', '', '导入新建客户「' || name || '」（' || code || '），导入批次 #' || ?, 0, ?
     FROM customers WHERE id IN (SELECT value FROM json_each(?))`,
  ).run(meta.at, meta.userId, importBatchId, importBatchId, JSON.stringify(ids));
}

/** The customers an import created, newest first (found by their 'create' history, which carries the batch). */
export function customersCreatedBy(db: Db, importBatchId: number): number[] {
  return db
    .prepare("SELECT customer_id FROM customer_changes WHERE import_batch_id = ? AND action = 'create' ORDER BY customer_id DESC")
    .pluck()
    .all(importBatchId) as number[];
}

/** Keys a customer created by an import is found by, tried in this order. */
export interface CreatedKeys {
  code: string | null;
  idNumber: string | null;
  creditCode: string | null;
  name: string | null;
}

const CREATED_KEY_COLUMNS = [
  ['code', 'code'],
  ['idNumber', 'id_number'],
  ['creditCode', 'credit_code'],
  ['name', 'name'],
] as const;

/** The one customer this import created with one of these keys (the first key that names exactly one), or null. */
export function findCreatedBy(db: Db, importBatchId: number, keys: CreatedKeys): number | null {
  for (const [key, column] of CREATED_KEY_COLUMNS) {
    const value = keys[key];
    if (!value) continue;
    const rows = prepared(
      db,
      `SELECT c.id FROM customers c WHERE c.${column} = ?
       AND EXISTS (SELECT 1 FROM customer_changes h WHERE h.customer_id = c.id AND h.import_batch_id = ? AND h.action = 'create')`,
    ).all(value, importBatchId) as { id: number }[];
    if (rows.length === 1) return rows[0].id;
  }
  return null;
}

/** History rows of an import: like history.writeChanges, plus the import batch (what undo and the history screen group by). */
function writeImportChanges(db: Db, customerId: number, changes: readonly FieldChange[], meta: WriteMeta, version: number, importBatchId: number): void {
  const insert = prepared(
    db,
    `INSERT INTO customer_changes (customer_id, at, user_id, action, field, old_value, new_value, batch_id, import_batch_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const c of changes) insert.run(customerId, meta.at, meta.userId, c.action, c.field, c.oldValue, c.newValue, version, importBatchId);
}

/** A checked update of a stored customer: the archive it was checked against, the merged values, and what changes. */
export interface CheckedUpdate {
  before: Customer;
  after: CustomerValues & { code: string };
  changes: readonly FieldChange[];
}

/**
 * Writes a checked update: the customer row, only if nobody saved it since the checks
 * (false otherwise, and nothing is written), then its contacts and tags, the field
 * history under the import batch, and a transfer when it gets another manager.
 */
export function writeCheckedUpdate(db: Db, u: CheckedUpdate, meta: WriteMeta, importBatchId: number): boolean {
  const id = u.before.id;
  if (!updateCustomerRow(db, id, u.before.version, u.after, meta)) return false;
  u.after.contacts.forEach((c, i) => {
    if (c.id === undefined) insertContact(db, id, c, i);
    else updateContact(db, c.id, c, i);
  });
  replaceTags(db, id, u.after.tags);
  writeImportChanges(db, id, u.changes, meta, u.before.version + 1, importBatchId);
  if (u.after.managerId !== u.before.managerId && u.after.managerId !== null) {
    writeTransfer(db, id, u.before.managerId, u.after.managerId, meta, `导入更新（批次 #${importBatchId}）`);
  }
  return true;
}

/** A contact an import adds to a customer (contactId null) or a stored contact it updates. */
export interface ContactWrite {
  contactId: number | null;
  values: ContactValues;
}

/**
 * An import's contacts for one customer: new ones go after its live contacts, updated
 * ones keep their place, then the customer's phone search column follows them. For a
 * customer the same import created (`createdByThisImport`) they are part of the new
 * archive; a stored customer gets a new version and the contact history under the
 * import batch. `written` hears each contact. Returns the write whose contact is no
 * longer live (removed since the checks), having stopped there: the caller abandons
 * the import then.
 */
export function writeImportedContacts<W extends ContactWrite>(
  db: Db,
  customerId: number,
  writes: readonly W[],
  meta: WriteMeta,
  importBatchId: number,
  createdByThisImport: boolean,
  written: () => void,
): W | null {
  const beforeContacts = createdByThisImport ? [] : loadContacts(db, customerId);
  const liveSorts = prepared(db, 'SELECT id, sort FROM contacts WHERE customer_id = ? AND deleted_at IS NULL').all(customerId) as { id: number; sort: number }[];
  const sorts = new Map(liveSorts.map((r) => [r.id, r.sort]));
  let nextSort = Math.max(-1, ...sorts.values()) + 1;
  for (const w of writes) {
    if (w.contactId === null) insertContact(db, customerId, w.values, nextSort++);
    else {
      const sort = sorts.get(w.contactId);
      if (sort === undefined) return w;
      updateContact(db, w.contactId, w.values, sort);
    }
    written();
  }
  // Contact phones are part of the customer's phone search.
  const c = prepared(db, 'SELECT mobile, phone, version FROM customers WHERE id = ?').get(customerId) as { mobile: string | null; phone: string | null; version: number };
  const livePhones = prepared(db, 'SELECT mobile, phone FROM contacts WHERE customer_id = ? AND deleted_at IS NULL').all(customerId) as {
    mobile: string | null;
    phone: string | null;
  }[];
  const phones = searchPhones({ mobile: c.mobile, phone: c.phone, contacts: livePhones });
  if (createdByThisImport) {
    // Part of the new archive (like its 联系人1…3 columns): undo removes it with the customer.
    prepared(db, 'UPDATE customers SET search_phones = ? WHERE id = ?').run(phones, customerId);
    return null;
  }
  prepared(db, 'UPDATE customers SET search_phones = ?, version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?').run(phones, meta.at, meta.userId, customerId);
  const afterContacts: ContactValues[] = beforeContacts.map((x) => {
    const w = writes.find((o) => o.contactId === x.id);
    return w ? w.values : { ...x, role: x.role || null, mobile: x.mobile || null, phone: x.phone || null, birthday: x.birthday || null, notes: x.notes || null };
  });
  for (const w of writes) if (w.contactId === null) afterContacts.push(w.values);
  writeImportChanges(db, customerId, diffContacts(beforeContacts, afterContacts), meta, c.version + 1, importBatchId);
  return null;
}
