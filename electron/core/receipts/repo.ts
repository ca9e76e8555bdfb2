import type { Receipt, ReceiptItem } from '../../../shared/domain/receipts';
import type { SignatureStatus } from '../../../shared/domain/visits';
import { prepared } from '../db/statements';
import type { Db } from '../db/connection';

/** A receipts row joined with its customer's and manager's names, as RECEIPT_COLUMNS selects it. */
export interface ReceiptRecord {
  id: number;
  customer_id: number;
  manager_id: number;
  visit_id: number | null;
  date: string;
  note: string | null;
  signature: SignatureStatus;
  signature_note: string | null;
  created_at: string;
  customer_code: string;
  customer_name: string;
  customer_manager_id: number | null;
  manager_name: string;
  manager_display_name: string;
}

const RECEIPT_COLUMNS = `r.id, r.customer_id, r.manager_id, r.visit_id, r.date, r.note, r.signature, r.signature_note, r.created_at,
  c.code AS customer_code, c.name AS customer_name, c.manager_id AS customer_manager_id,
  u.name AS manager_name, u.display_name AS manager_display_name`;
const RECEIPT_FROM = 'receipts r JOIN customers c ON c.id = r.customer_id JOIN users u ON u.id = r.manager_id';

export function toReceipt(r: ReceiptRecord, items: ReceiptItem[]): Receipt {
  return {
    id: r.id,
    customerId: r.customer_id,
    customer: r.customer_code,
    customerName: r.customer_name,
    managerId: r.manager_id,
    manager: r.manager_name,
    managerDisplayName: r.manager_display_name,
    visitId: r.visit_id,
    date: r.date,
    items,
    note: r.note ?? '',
    signature: r.signature,
    signatureNote: r.signature_note ?? '',
    createdAt: r.created_at,
  };
}

/** The items of a receipt in one line, as the audit log and the customer timeline show them: 雨伞×2、水杯×1. */
export function receiptItemsText(items: readonly Pick<ReceiptItem, 'name' | 'quantity'>[]): string {
  return items.map((i) => `${i.name}×${i.quantity}`).join('、');
}

/** The items of several receipts, in their entered order, by receipt id. */
export function receiptItemsOf(db: Db, ids: readonly number[]): Map<number, ReceiptItem[]> {
  const out = new Map<number, ReceiptItem[]>();
  if (!ids.length) return out;
  const rows = prepared(
    db,
    'SELECT receipt_id, name, quantity, unit FROM receipt_items WHERE receipt_id IN (SELECT value FROM json_each(?)) ORDER BY receipt_id, sort, id',
  ).all(JSON.stringify(ids)) as { receipt_id: number; name: string; quantity: number; unit: string | null }[];
  for (const r of rows) {
    const item = { name: r.name, quantity: r.quantity, unit: r.unit ?? '' };
    const list = out.get(r.receipt_id);
    if (list) list.push(item);
    else out.set(r.receipt_id, [item]);
  }
  return out;
}

export function loadReceiptRecord(db: Db, id: number): ReceiptRecord | null {
  return (prepared(db, `SELECT ${RECEIPT_COLUMNS} FROM ${RECEIPT_FROM} WHERE r.id = ? AND r.deleted_at IS NULL`).get(id) as ReceiptRecord | undefined) ?? null;
}

export function loadReceipt(db: Db, id: number): Receipt | null {
  const r = loadReceiptRecord(db, id);
  return r ? toReceipt(r, receiptItemsOf(db, [id]).get(id) ?? []) : null;
}

/** An item as stored: an empty unit is NULL. */
export interface ReceiptItemValues {
  name: string;
  quantity: number;
  unit: string | null;
}

/** Replaces a receipt's items; their order is kept. */
export function writeReceiptItems(db: Db, receiptId: number, items: readonly ReceiptItemValues[]): void {
  prepared(db, 'DELETE FROM receipt_items WHERE receipt_id = ?').run(receiptId);
  const insert = prepared(db, 'INSERT INTO receipt_items (receipt_id, name, quantity, unit, sort) VALUES (?, ?, ?, ?, ?)');
  items.forEach((it, i) => insert.run(receiptId, it.name, it.quantity, it.unit, i));
}

export interface NewReceipt {
  customerId: number;
  managerId: number;
  visitId: number | null;
  date: string;
  /** Orders the receipt in the customer's timeline. */
  handedAt: string;
  note: string | null;
  signature: SignatureStatus;
  signatureNote: string | null;
}

export function insertReceipt(db: Db, r: NewReceipt, meta: { at: string; userId: number }): number {
  const res = prepared(
    db,
    `INSERT INTO receipts (customer_id, manager_id, visit_id, date, handed_at, note, signature, signature_note, created_at, created_by, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(r.customerId, r.managerId, r.visitId, r.date, r.handedAt, r.note, r.signature, r.signatureNote, meta.at, meta.userId, meta.at);
  return Number(res.lastInsertRowid);
}

export function updateReceipt(db: Db, id: number, r: { note: string | null; signature: SignatureStatus; signatureNote: string | null }, at: string): void {
  prepared(db, 'UPDATE receipts SET note = ?, signature = ?, signature_note = ?, updated_at = ? WHERE id = ?').run(r.note, r.signature, r.signatureNote, at, id);
}

export interface ReceiptListFilter {
  customerId?: number;
  /** A 客户经理's id: only receipts of their customers and the ones they handed out; null: the whole branch. */
  visibleTo: number | null;
  visitId?: number;
}

/** One page of receipts, latest handed out first, and how many match (counted only when the page does not already tell). */
export function listReceipts(db: Db, f: ReceiptListFilter, limit: number, offset: number): { rows: ReceiptRecord[]; total: number } {
  const conds = ['r.deleted_at IS NULL'];
  const params: unknown[] = [];
  if (f.customerId !== undefined) {
    conds.push('r.customer_id = ?');
    params.push(f.customerId);
  }
  if (f.visibleTo !== null) {
    conds.push('(c.manager_id = ? OR r.manager_id = ?)');
    params.push(f.visibleTo, f.visibleTo);
  }
  if (f.visitId !== undefined) {
    conds.push('r.visit_id = ?');
    params.push(f.visitId);
  }
  const where = conds.join(' AND ');
  const rows = prepared(db, `SELECT ${RECEIPT_COLUMNS} FROM ${RECEIPT_FROM} WHERE ${where} ORDER BY r.handed_at DESC, r.id DESC LIMIT ? OFFSET ?`).all(
    ...params,
    limit,
    offset,
  ) as ReceiptRecord[];
  const total =
    offset === 0 && rows.length < limit
      ? rows.length
      : (prepared(db, `SELECT count(*) AS n FROM receipts r JOIN customers c ON c.id = r.customer_id WHERE ${where}`).get(...params) as { n: number }).n;
  return { rows, total };
}
