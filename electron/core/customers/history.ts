import { CONTACT_FIELDS, CUSTOMER_FIELDS, type Contact, type ContactField, type Customer, type CustomerChange, type CustomerField, type CustomerTransfer } from '../../../shared/domain/customers';
import { CONTACT_FIELD_LABELS, CUSTOMER_FIELD_LABELS } from '../../../shared/domain/labels';
import type { Db } from '../db/connection';
import type { WriteMeta } from './repo';
import type { ContactValues, CustomerValues } from './rules';
import { prepared } from '../db/statements';

export type ChangeAction = CustomerChange['action'];

export interface FieldChange {
  action: ChangeAction;
  /** JSON key of the field (`mobile`), `contacts[王五].mobile` for a contact, `record` for the archive as a whole. */
  field: string;
  oldValue: string;
  newValue: string;
}

/** Form fields compared on update, in the archive's order; contacts are compared one by one instead. */
const COMPARED_FIELDS: readonly CustomerField[] = CUSTOMER_FIELDS.map((f) => f.key);
const RECORD_FIELD = 'record';
const UNASSIGNED = '未分配';

/** How a value reads in the history: the words a branch user would write on paper. */
export function displayValue(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (Array.isArray(v)) return [...v].sort().join('、');
  return String(v);
}

export function managerLabel(displayName: string | null | undefined): string {
  return displayName || UNASSIGNED;
}

type Comparable = Record<CustomerField, string>;

function comparableStored(c: Customer): Comparable {
  const out = {} as Comparable;
  for (const f of COMPARED_FIELDS) out[f] = displayValue(c[f]);
  out.manager = c.managerId === null ? '' : String(c.managerId);
  return out;
}

function comparableNew(v: CustomerValues & { code: string }): Comparable {
  const out = {} as Comparable;
  for (const f of COMPARED_FIELDS) out[f] = f === 'manager' ? '' : displayValue(v[f as keyof CustomerValues]);
  out.manager = v.managerId === null ? '' : String(v.managerId);
  return out;
}

/**
 * Field-by-field differences between the stored archive and the saved form.
 * Managers are compared by id (two people may share a display name) but
 * recorded by display name, as users know them. A change of manager is
 * reported with action 'transfer'.
 */
export function diffCustomer(
  before: Customer,
  after: CustomerValues & { code: string },
  newManagerDisplayName: string,
): FieldChange[] {
  const a = comparableStored(before);
  const b = comparableNew(after);
  const changes: FieldChange[] = [];
  for (const f of COMPARED_FIELDS) {
    if (a[f] === b[f]) continue;
    if (f === 'manager') {
      changes.push({ action: 'transfer', field: f, oldValue: managerLabel(before.managerDisplayName), newValue: managerLabel(newManagerDisplayName) });
    } else {
      changes.push({ action: 'update', field: f, oldValue: a[f], newValue: displayValue(after[f as keyof CustomerValues]) });
    }
  }
  return changes;
}

function contactField(name: string, key?: string): string {
  return key ? `contacts[${name}].${key}` : `contacts[${name}]`;
}

export function contactSummary(c: Pick<Contact, 'name' | 'role' | 'mobile' | 'phone'> & { isDecisionMaker: boolean }): string {
  const parts = [c.name, c.role, c.mobile, c.phone].filter(Boolean);
  return parts.join('，') + (c.isDecisionMaker ? '（决策人）' : '');
}

function contactComparable(c: Contact | ContactValues): Record<ContactField, string> {
  return {
    name: c.name,
    role: c.role ?? '',
    mobile: c.mobile ?? '',
    phone: c.phone ?? '',
    isDecisionMaker: displayValue(c.isDecisionMaker),
    birthday: c.birthday ?? '',
    notes: c.notes ?? '',
  };
}

/** Added, removed and edited contacts; `after` entries with an id must name a contact in `before`. */
export function diffContacts(before: Contact[], after: ContactValues[]): FieldChange[] {
  const changes: FieldChange[] = [];
  const byId = new Map(before.map((c) => [c.id, c]));
  const kept = new Set<number>();
  for (const c of after) {
    const old = c.id !== undefined ? byId.get(c.id) : undefined;
    if (!old) {
      changes.push({ action: 'contact', field: contactField(c.name), oldValue: '', newValue: contactSummary({ ...c, role: c.role ?? '', mobile: c.mobile ?? '', phone: c.phone ?? '' }) });
      continue;
    }
    kept.add(old.id);
    const a = contactComparable(old);
    const b = contactComparable(c);
    for (const key of CONTACT_FIELDS) {
      if (a[key] !== b[key]) changes.push({ action: 'contact', field: contactField(old.name, key), oldValue: a[key], newValue: b[key] });
    }
  }
  for (const old of before) {
    if (!kept.has(old.id)) changes.push({ action: 'contact', field: contactField(old.name), oldValue: contactSummary(old), newValue: '' });
  }
  return changes;
}

export function recordChange(action: 'create' | 'delete' | 'restore', text: string): FieldChange {
  return { action, field: RECORD_FIELD, oldValue: '', newValue: text };
}

/**
 * Stores changes of one save. `batch` is the customer's version after the save,
 * so the rows of one edit can be grouped and matched to the version that made them.
 */
export function writeChanges(db: Db, customerId: number, changes: FieldChange[], meta: WriteMeta, batch: number): void {
  const insert = prepared(
    db,
    `INSERT INTO customer_changes (customer_id, at, user_id, action, field, old_value, new_value, batch_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const c of changes) insert.run(customerId, meta.at, meta.userId, c.action, c.field, c.oldValue, c.newValue, batch);
}

export function writeTransfer(
  db: Db,
  customerId: number,
  fromManagerId: number | null,
  toManagerId: number | null,
  meta: WriteMeta,
  reason: string | null,
): void {
  prepared(
    db,
    `INSERT INTO customer_transfers (customer_id, from_manager_id, to_manager_id, at, user_id, reason) VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(customerId, fromManagerId, toManagerId, meta.at, meta.userId, reason);
}

const CONTACT_FIELD_RE = /^contacts\[(.*)\](?:\.(\w+))?$/;

/** `mobile` → 手机号, `contacts[王五].mobile` → 联系人「王五」·手机, `record` → 客户档案. */
export function fieldLabel(field: string): string {
  if (field === RECORD_FIELD) return '客户档案';
  const m = CONTACT_FIELD_RE.exec(field);
  if (m) return `联系人「${m[1]}」${m[2] ? `·${CONTACT_FIELD_LABELS[m[2]] ?? m[2]}` : ''}`;
  return CUSTOMER_FIELD_LABELS[field] ?? field;
}

export function readChanges(db: Db, customerId: number): CustomerChange[] {
  const rows = prepared(
    db,
    `SELECT ch.id, ch.at, ch.action, ch.field, ch.old_value, ch.new_value, u.display_name AS user_name
     FROM customer_changes ch LEFT JOIN users u ON u.id = ch.user_id
     WHERE ch.customer_id = ? ORDER BY ch.at DESC, ch.id DESC`,
  ).all(customerId) as {
    id: number;
    at: string;
    action: ChangeAction;
    field: string;
    old_value: string | null;
    new_value: string | null;
    user_name: string | null;
  }[];
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    userName: r.user_name ?? '',
    action: r.action,
    field: fieldLabel(r.field),
    oldValue: r.old_value ?? '',
    newValue: r.new_value ?? '',
  }));
}

export function readTransfers(db: Db, customerId: number): CustomerTransfer[] {
  const rows = prepared(
    db,
    `SELECT t.id, t.at, t.reason, f.display_name AS from_name, n.display_name AS to_name, b.display_name AS by_name
     FROM customer_transfers t
     LEFT JOIN users f ON f.id = t.from_manager_id
     LEFT JOIN users n ON n.id = t.to_manager_id
     LEFT JOIN users b ON b.id = t.user_id
     WHERE t.customer_id = ? ORDER BY t.at DESC, t.id DESC`,
  ).all(customerId) as { id: number; at: string; reason: string | null; from_name: string | null; to_name: string | null; by_name: string | null }[];
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    fromManager: managerLabel(r.from_name),
    toManager: managerLabel(r.to_name),
    byUser: r.by_name ?? '',
    reason: r.reason ?? '',
  }));
}
