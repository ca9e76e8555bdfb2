import type { Contact, Customer, CustomerField, CustomerRow } from '../../../shared/domain/customers';
import type { Db } from '../db/connection';
import type { ContactValues, CustomerValues } from './rules';
import { searchColumns, type NameColumns, type SearchColumns } from './search';
import { prepared } from '../db/statements';

/** A customers row joined with its manager's names, as the SELECTs below produce it. */
export interface CustomerRecord {
  id: number;
  code: string;
  name: string;
  kind: Customer['kind'];
  id_number: string | null;
  credit_code: string | null;
  licence_no: string | null;
  mobile: string | null;
  phone: string | null;
  address: string | null;
  region: string | null;
  industry: string | null;
  economic_nature: string | null;
  scale: string | null;
  main_business: string | null;
  credit_rating: string | null;
  payment_habit: string | null;
  background: string | null;
  products: string | null;
  monthly_volume: number | null;
  tier: string | null;
  status: Customer['status'];
  manager_id: number | null;
  key_customer: number;
  needs: string | null;
  notes: string | null;
  deleted_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  manager_name: string | null;
  manager_display_name: string | null;
}

interface ContactRecord {
  id: number;
  customer_id: number;
  name: string;
  role: string | null;
  mobile: string | null;
  phone: string | null;
  is_decision_maker: number;
  birthday: string | null;
  notes: string | null;
}

/** Columns of the grid row; the list query selects exactly these. */
export const ROW_COLUMNS = `c.id, c.code, c.name, c.kind, c.tier, c.status, c.region, c.mobile, c.phone, c.address,
  c.industry, c.key_customer, c.deleted_at, c.updated_at, u.name AS manager_name, u.display_name AS manager_display_name`;

export type CustomerRowRecord = Pick<
  CustomerRecord,
  | 'id'
  | 'code'
  | 'name'
  | 'kind'
  | 'tier'
  | 'status'
  | 'region'
  | 'mobile'
  | 'phone'
  | 'address'
  | 'industry'
  | 'key_customer'
  | 'deleted_at'
  | 'updated_at'
  | 'manager_name'
  | 'manager_display_name'
>;

export function toContact(r: ContactRecord): Contact {
  return {
    id: r.id,
    name: r.name,
    role: r.role ?? '',
    mobile: r.mobile ?? '',
    phone: r.phone ?? '',
    isDecisionMaker: r.is_decision_maker === 1,
    birthday: r.birthday ?? '',
    notes: r.notes ?? '',
  };
}

export function toCustomerRow(r: CustomerRowRecord, tags: string[]): CustomerRow {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    kind: r.kind,
    tier: r.tier ?? '',
    status: r.status,
    region: r.region ?? '',
    manager: r.manager_name ?? '',
    managerDisplayName: r.manager_display_name ?? '',
    mobile: r.mobile ?? '',
    phone: r.phone ?? '',
    address: r.address ?? '',
    industry: r.industry ?? '',
    keyCustomer: r.key_customer === 1,
    tags,
    deleted: r.deleted_at !== null,
    updatedAt: r.updated_at,
  };
}

export function loadContacts(db: Db, customerId: number): Contact[] {
  const rows = prepared(db, 'SELECT * FROM contacts WHERE customer_id = ? AND deleted_at IS NULL ORDER BY sort, id').all(
    customerId,
  ) as ContactRecord[];
  return rows.map(toContact);
}

export function loadTags(db: Db, customerId: number): string[] {
  return (prepared(db, 'SELECT tag FROM customer_tags WHERE customer_id = ? ORDER BY tag').all(customerId) as { tag: string }[]).map(
    (r) => r.tag,
  );
}

/** Tags of a page of customers in one query (a page is at most 500 ids). */
export function loadTagsFor(db: Db, ids: number[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  if (!ids.length) return out;
  const rows = prepared(
    db,
    'SELECT customer_id, tag FROM customer_tags WHERE customer_id IN (SELECT value FROM json_each(?)) ORDER BY customer_id, tag',
  ).all(JSON.stringify(ids)) as { customer_id: number; tag: string }[];
  for (const r of rows) {
    const list = out.get(r.customer_id);
    if (list) list.push(r.tag);
    else out.set(r.customer_id, [r.tag]);
  }
  return out;
}

export function loadRecord(db: Db, id: number): CustomerRecord | null {
  return (
    (prepared(
      db,
      `SELECT c.*, u.name AS manager_name, u.display_name AS manager_display_name
       FROM customers c LEFT JOIN users u ON u.id = c.manager_id WHERE c.id = ?`,
    ).get(id) as CustomerRecord | undefined) ?? null
  );
}

export function toCustomer(r: CustomerRecord, contacts: Contact[], tags: string[]): Customer {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    kind: r.kind,
    idNumber: r.id_number ?? '',
    creditCode: r.credit_code ?? '',
    licenceNo: r.licence_no ?? '',
    mobile: r.mobile ?? '',
    phone: r.phone ?? '',
    address: r.address ?? '',
    region: r.region ?? '',
    industry: r.industry ?? '',
    economicNature: r.economic_nature ?? '',
    scale: r.scale ?? '',
    mainBusiness: r.main_business ?? '',
    creditRating: r.credit_rating ?? '',
    paymentHabit: r.payment_habit ?? '',
    background: r.background ?? '',
    products: r.products ?? '',
    monthlyVolume: r.monthly_volume,
    tier: r.tier ?? '',
    status: r.status,
    manager: r.manager_name ?? '',
    managerId: r.manager_id,
    managerDisplayName: r.manager_display_name ?? '',
    keyCustomer: r.key_customer === 1,
    needs: r.needs ?? '',
    tags,
    notes: r.notes ?? '',
    contacts,
    deleted: r.deleted_at !== null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

export function loadCustomer(db: Db, id: number): Customer | null {
  const r = loadRecord(db, id);
  return r ? toCustomer(r, loadContacts(db, id), loadTags(db, id)) : null;
}

export interface WriteMeta {
  at: string;
  userId: number | null;
}

/**
 * A customer's own stored columns, in the INSERT's order, each with the field key it
 * holds (what history labels and undo name it by). The derived search columns follow
 * them in VALUE_COLUMNS.
 */
export const STORED_COLUMNS: readonly (readonly [column: string, field: CustomerField])[] = [
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

/**
 * The stored values of a customer in the order of STORED_COLUMNS: the derived search
 * columns left out (an import computes those on other threads). Written out rather
 * than mapped from the list: an import packs 100,000 rows with it.
 */
export function storedColumns(v: CustomerValues & { code: string | null }): unknown[] {
  return [
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
  ];
}

/** Column values shared by insert and update, in the order of VALUE_COLUMNS. */
function columnValues(v: CustomerValues & { code: string }, s: SearchColumns): unknown[] {
  return [...storedColumns(v), s.namePinyin, s.nameInitials, s.nameBigrams, s.searchPhones];
}

const VALUE_COLUMNS = [...STORED_COLUMNS.map(([column]) => column), 'name_pinyin', 'name_initials', 'name_bigrams', 'search_phones'];

const INSERT_SQL = `INSERT INTO customers (${VALUE_COLUMNS.join(', ')}, version, created_at, updated_at, created_by, updated_by)
  VALUES (${VALUE_COLUMNS.map(() => '?').join(', ')}, 0, ?, ?, ?, ?)`;

const UPDATE_SQL = `UPDATE customers SET ${VALUE_COLUMNS.map((c) => `${c} = ?`).join(', ')},
  version = version + 1, updated_at = ?, updated_by = ?
  WHERE id = ? AND version = ?`;

/**
 * `search`: the derived search columns when the caller computed them already;
 * otherwise they are computed here.
 */
export function insertCustomerRow(db: Db, v: CustomerValues & { code: string }, meta: WriteMeta, search: SearchColumns = searchColumns(v)): number {
  return insertStoredColumns(db, storedColumns(v), search, search.searchPhones, meta);
}

/** insertCustomerRow for values already laid out by storedColumns (the code first), with their name's and phones' search columns. */
export function insertStoredColumns(db: Db, stored: readonly unknown[], name: NameColumns, searchPhones: string, meta: WriteMeta): number {
  const r = prepared(db, INSERT_SQL).run(...stored, name.namePinyin, name.nameInitials, name.nameBigrams, searchPhones, meta.at, meta.at, meta.userId, meta.userId);
  return Number(r.lastInsertRowid);
}

/** Writes the new values only if nobody saved in between; false means the version moved on. */
export function updateCustomerRow(db: Db, id: number, version: number, v: CustomerValues & { code: string }, meta: WriteMeta): boolean {
  return prepared(db, UPDATE_SQL).run(...columnValues(v, searchColumns(v)), meta.at, meta.userId, id, version).changes === 1;
}

export function replaceTags(db: Db, customerId: number, tags: string[]): void {
  prepared(db, 'DELETE FROM customer_tags WHERE customer_id = ?').run(customerId);
  const insert = prepared(db, 'INSERT INTO customer_tags (customer_id, tag) VALUES (?, ?)');
  for (const t of tags) insert.run(customerId, t);
}

function contactValues(c: ContactValues, sort: number): unknown[] {
  return [c.name, c.role, c.mobile, c.phone, c.isDecisionMaker ? 1 : 0, c.birthday, c.notes, sort];
}

export function insertContact(db: Db, customerId: number, c: ContactValues, sort: number): number {
  const r = prepared(
    db,
    `INSERT INTO contacts (customer_id, name, role, mobile, phone, is_decision_maker, birthday, notes, sort)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(customerId, ...contactValues(c, sort));
  return Number(r.lastInsertRowid);
}

export function updateContact(db: Db, contactId: number, c: ContactValues, sort: number): void {
  prepared(
    db,
    `UPDATE contacts SET name = ?, role = ?, mobile = ?, phone = ?, is_decision_maker = ?, birthday = ?, notes = ?, sort = ?
     WHERE id = ?`,
  ).run(...contactValues(c, sort), contactId);
}

/** Contacts are never erased: a removed one keeps its row (and its history) with deleted_at set. */
export function softDeleteContact(db: Db, contactId: number, at: string): void {
  prepared(db, 'UPDATE contacts SET deleted_at = ? WHERE id = ?').run(at, contactId);
}

export interface AccessRecord {
  id: number;
  manager_id: number | null;
  deleted_at: string | null;
  version: number;
}

export function loadAccessRecord(db: Db, id: number): AccessRecord | null {
  return (
    (prepared(db, 'SELECT id, manager_id, deleted_at, version FROM customers WHERE id = ?').get(id) as AccessRecord | undefined) ?? null
  );
}

export function setManager(db: Db, id: number, managerId: number, meta: WriteMeta): void {
  prepared(db, 'UPDATE customers SET manager_id = ?, version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?').run(
    managerId,
    meta.at,
    meta.userId,
    id,
  );
}

/** Soft delete (deleted = true) or restore: the row, its contacts and its history all stay. */
export function setDeleted(db: Db, id: number, deleted: boolean, meta: WriteMeta): void {
  prepared(
    db,
    'UPDATE customers SET deleted_at = ?, deleted_by = ?, version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?',
  ).run(deleted ? meta.at : null, deleted ? meta.userId : null, meta.at, meta.userId, id);
}
