import type { Db } from '../db/connection';
import type { FieldChange } from '../customers/history';
import type { CustomerValues } from '../customers/rules';
import { searchPhones } from '../customers/search';
import { prepared } from '../customers/statements';
import type { NameSearch } from './searchPool';

/**
 * The archive columns an import writes, in the order of customers/repo.ts. repo's
 * insertCustomerRow computes the pinyin search columns itself; an import computes
 * them on helper threads beforehand (same functions, same values), so it needs an
 * insert that takes them.
 */
const COLUMNS = [
  'code',
  'name',
  'kind',
  'id_number',
  'credit_code',
  'licence_no',
  'mobile',
  'phone',
  'address',
  'region',
  'industry',
  'economic_nature',
  'scale',
  'main_business',
  'credit_rating',
  'payment_habit',
  'background',
  'products',
  'monthly_volume',
  'tier',
  'status',
  'manager_id',
  'key_customer',
  'needs',
  'notes',
  'name_pinyin',
  'name_initials',
  'name_bigrams',
  'search_phones',
] as const;

const INSERT_SQL = `INSERT INTO customers (${COLUMNS.join(', ')}, version, created_at, updated_at, created_by, updated_by)
  VALUES (${COLUMNS.map(() => '?').join(', ')}, 0, ?, ?, ?, ?)`;

export function insertImportedCustomer(db: Db, v: CustomerValues & { code: string }, search: NameSearch, meta: { at: string; userId: number }): number {
  const r = prepared(db, INSERT_SQL).run(
    v.code,
    v.name,
    v.kind,
    v.idNumber,
    v.creditCode,
    v.licenceNo,
    v.mobile,
    v.phone,
    v.address,
    v.region,
    v.industry,
    v.economicNature,
    v.scale,
    v.mainBusiness,
    v.creditRating,
    v.paymentHabit,
    v.background,
    v.products,
    v.monthlyVolume,
    v.tier,
    v.status,
    v.managerId,
    v.keyCustomer ? 1 : 0,
    v.needs,
    v.notes,
    search.namePinyin,
    search.nameInitials,
    search.nameBigrams,
    searchPhones(v),
    meta.at,
    meta.at,
    meta.userId,
    meta.userId,
  );
  return Number(r.lastInsertRowid);
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

/** Above this many new customers the search index is filled set-wise (as customers/bulk.ts does for seeding). */
export const SET_WISE_FTS_MIN_ROWS = 1000;
const FTS_INSERT_TRIGGER = 'customers_fts_ai';

/**
 * Sets the per-row FTS insert trigger of migration 001 aside inside the caller's
 * transaction; `restore` indexes the new rows with one INSERT … SELECT per FTS table
 * and puts the trigger back from its own stored SQL. Per-row trigram indexing is
 * what made a 100,000-row import take most of a minute. A rollback (cancel, crash)
 * brings the trigger back with everything else. Mirrors customers/bulk.ts.
 */
export function suspendFtsInsertTrigger(db: Db): { restore(ids: readonly number[]): void } | null {
  const trigger = db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?").get(FTS_INSERT_TRIGGER) as { sql: string } | undefined;
  if (!trigger) return null;
  db.exec(`DROP TRIGGER ${FTS_INSERT_TRIGGER}`);
  return {
    restore(ids) {
      if (ids.length) {
        const json = JSON.stringify(ids);
        db.prepare(
          `INSERT INTO customer_fts_tri (rowid, name, code, name_initials, search_phones)
           SELECT id, name, code, name_initials, search_phones FROM customers WHERE id IN (SELECT value FROM json_each(?))`,
        ).run(json);
        db.prepare('INSERT INTO customer_fts_bi (rowid, name_bigrams) SELECT id, name_bigrams FROM customers WHERE id IN (SELECT value FROM json_each(?))').run(json);
      }
      db.exec(trigger.sql);
    },
  };
}
